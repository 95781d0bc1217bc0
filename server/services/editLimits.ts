/**
 * Limits on editing, so no member can pile up work for everyone else: a flood limit on edits
 * (every save counts, quick fixes too) and a cap on the revisions a member may record on one post.
 * Both are checked inside the edit's own write transaction, after the editor's row is locked
 * (PostgreSQL; SQLite's single writer already serializes them), so a burst of edits sent at once
 * to several processes is counted one after another, as the post flood limit is (flood.ts).
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import { ForbiddenError, TooManyRequestsError } from '../errors';

const WINDOW_MS = 60_000;

export interface EditLimits {
  /** Saves one member may make per minute. */
  perMinute: number;
  /** Revisions a member (not staff) may record on one post; null: no cap. */
  revisionsPerPost: number | null;
}

async function savesInWindow(db: Database, key: string, at: number, transaction?: Transaction): Promise<{ hits: number; resetAt: number } | null> {
  const [row] = await db.sequelize.query<{ hits: number; reset_at: string | number }>(
    'SELECT hits, reset_at FROM rate_limit_hits WHERE key = :key',
    { replacements: { key }, type: QueryTypes.SELECT, transaction },
  );
  return row && Number(row.reset_at) > at ? { hits: Number(row.hits), resetAt: Number(row.reset_at) } : null;
}

function refuseIfOver(window: { hits: number; resetAt: number } | null, perMinute: number, at: number): void {
  if (!window || window.hits < perMinute) return;
  throw new TooManyRequestsError(
    `You are editing too quickly: at most ${perMinute} saves a minute. Your text is kept below; try again in a moment.`,
    Math.max(1, Math.ceil((window.resetAt - at) / 1000)),
  );
}

/**
 * A read before the slow part of an edit (rendering, diffing): a member already over the limit is
 * refused without costing a render. countEdit() below still decides, inside the transaction.
 */
export async function ensureEditAllowanceLeft(db: Database, editorId: number, perMinute: number, now: Date): Promise<void> {
  refuseIfOver(await savesInWindow(db, `edit:${editorId}`, now.getTime()), perMinute, now.getTime());
}

/**
 * Counts one save of editorId in a fixed one-minute window kept in rate_limit_hits (the table the
 * sign-in throttle uses), or refuses it with 429. A refused save rolls back with its transaction,
 * so it does not lengthen the wait.
 */
export async function countEdit(db: Database, transaction: Transaction, editorId: number, perMinute: number, now: Date): Promise<void> {
  // FOR NO KEY UPDATE, as in flood.ts: one member's saves wait for each other.
  await db.models.Member.findByPk(editorId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
  const key = `edit:${editorId}`;
  const at = now.getTime();
  refuseIfOver(await savesInWindow(db, key, at, transaction), perMinute, at);
  await db.sequelize.query(
    `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (:key, 1, :resetAt)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN rate_limit_hits.reset_at <= :now THEN 1 ELSE rate_limit_hits.hits + 1 END,
       reset_at = CASE WHEN rate_limit_hits.reset_at <= :now THEN :resetAt ELSE rate_limit_hits.reset_at END`,
    { replacements: { key, now: at, resetAt: at + WINDOW_MS }, transaction },
  );
}

/**
 * Refuses a revision past the cap: the history of one post stays a bounded size. Also called
 * before rendering (without a transaction), so a capped member's repeated saves cost no render.
 */
export async function ensureRevisionAllowed(db: Database, transaction: Transaction | undefined, postId: number, cap: number | null): Promise<void> {
  if (cap === null) return;
  const recorded = await db.models.PostRevision.count({ where: { postId }, transaction });
  if (recorded < cap) return;
  throw new ForbiddenError(
    `This post has been edited ${recorded} times, the most a member may. Your text is kept below; ask a moderator if the post needs another change.`,
  );
}
