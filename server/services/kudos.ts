/**
 * Kudos: a member's thanks for a post, one per member per post, and taking it back. The unique
 * index (post, member) decides whether a kudo is new, and the post's count and both members'
 * counters change in the same transaction, so counts stay exact under any concurrency. Lock
 * order as everywhere in the forum: member rows first (by id), then the post.
 *
 * Choice for members who leave: a kudo from a member who is later silenced or suspended still
 * counts once (it was given in good standing; a suspension ends). Removing a member's account
 * must call withdrawAllKudosOf in the removal's transaction, which takes every kudo of theirs
 * back with the counters, set-based.
 */
import { QueryTypes, Transaction } from 'sequelize';
import { DatabaseRateLimitStore, LimitRule, waitText } from '../auth/rateLimitStore';
import type { Database } from '../db';
import { NotFoundError, TooManyRequestsError } from '../errors';
import { authorColumns, authorOf, AuthorRow, dateOf } from '../read/rows';
import { recomputeRanks } from './ranks';

export const KUDOS_WINDOW_MS = 3_600_000;

export interface KudoResult {
  /** Whether the member's kudo is on the post after the call. */
  given: boolean;
  /** The post's count after the call. */
  count: number;
  /** False when nothing changed (a second click, or taking back a kudo never given). */
  changed: boolean;
}

/** Locks member rows in id order (PostgreSQL; SQLite's one writer needs none) before the post. */
async function lockMembers(db: Database, transaction: Transaction, memberIds: number[]): Promise<void> {
  if (db.dialect !== 'postgres') return;
  // NO KEY UPDATE, not UPDATE: inserts naming these members (notifications, kudos) keep going.
  await db.sequelize.query('SELECT id FROM members WHERE id IN (:memberIds) ORDER BY id FOR NO KEY UPDATE', {
    replacements: { memberIds: [...new Set(memberIds)] },
    transaction,
  });
}

async function postAuthor(db: Database, postId: number, transaction: Transaction): Promise<number> {
  const [row] = await db.sequelize.query<{ author_id: number }>('SELECT author_id FROM posts WHERE id = :postId', {
    replacements: { postId },
    type: QueryTypes.SELECT,
    transaction,
  });
  if (!row) throw new NotFoundError('That post does not exist.');
  return Number(row.author_id);
}

async function countOf(db: Database, postId: number, transaction: Transaction): Promise<number> {
  const [row] = await db.sequelize.query<{ kudo_count: number }>('SELECT kudo_count FROM posts WHERE id = :postId', {
    replacements: { postId },
    type: QueryTypes.SELECT,
    transaction,
  });
  return Number(row?.kudo_count ?? 0);
}

/** Applies a change of +1 or -1 to the post and both members' counters, and the author's rank. */
async function applyCounters(db: Database, transaction: Transaction, input: { postId: number; authorId: number; giverId: number; delta: 1 | -1 }): Promise<void> {
  const { postId, authorId, giverId, delta } = input;
  // Members in id order, as they were locked.
  for (const memberId of [authorId, giverId].sort((a, b) => a - b)) {
    const column = memberId === authorId ? 'kudos_received' : 'kudos_given';
    await db.sequelize.query(`UPDATE members SET ${column} = ${column} + :delta WHERE id = :memberId`, { replacements: { delta, memberId }, transaction });
  }
  await db.sequelize.query('UPDATE posts SET kudo_count = kudo_count + :delta WHERE id = :postId', { replacements: { delta, postId }, transaction });
  await recomputeRanks(db, transaction, [authorId]);
}

/** Gives the member's kudo to the post (or takes it back with give: false). Permission is the caller's (canGiveKudos). */
export async function setKudo(db: Database, input: { postId: number; memberId: number; give: boolean; at?: Date }): Promise<KudoResult> {
  const at = input.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const authorId = await postAuthor(db, input.postId, transaction);
    await lockMembers(db, transaction, [authorId, input.memberId]);
    const replacements = { postId: input.postId, memberId: input.memberId, at };
    // The giver's row is locked (or SQLite's one writer holds), so this member's other clicks
    // wait here: reading, then writing, cannot race; the unique index stays the last word.
    const existing = await db.sequelize.query('SELECT id FROM kudos WHERE post_id = :postId AND member_id = :memberId', { replacements, type: QueryTypes.SELECT, transaction });
    const changed = input.give ? existing.length === 0 : existing.length > 0;
    if (changed && input.give) {
      await db.sequelize.query('INSERT INTO kudos (post_id, member_id, created_at) VALUES (:postId, :memberId, :at)', { replacements, transaction });
    } else if (changed) {
      await db.sequelize.query('DELETE FROM kudos WHERE post_id = :postId AND member_id = :memberId', { replacements, transaction });
    }
    if (changed) await applyCounters(db, transaction, { postId: input.postId, authorId, giverId: input.memberId, delta: input.give ? 1 : -1 });
    return { given: input.give, count: await countOf(db, input.postId, transaction), changed };
  });
}

/** The post's kudo count and whether this member has given it a kudo, in one query. */
export async function kudoStateOf(db: Database, postId: number, memberId: number | null): Promise<{ count: number; given: boolean }> {
  const [row] = await db.sequelize.query<Record<string, unknown>>(
    'SELECT p.kudo_count, (SELECT COUNT(*) FROM kudos k WHERE k.post_id = p.id AND k.member_id = :memberId) AS given FROM posts p WHERE p.id = :postId',
    { replacements: { postId, memberId: memberId ?? 0 }, type: QueryTypes.SELECT },
  );
  return { count: Number(row?.kudo_count ?? 0), given: Number(row?.given ?? 0) > 0 };
}

/**
 * Takes back every kudo a member gave, with the counters, set-based (for an account's removal,
 * in its transaction). Ranks of the members who received them are recomputed in the same pass.
 */
export async function withdrawAllKudosOf(db: Database, transaction: Transaction, memberId: number): Promise<void> {
  await db.sequelize.query(
    `UPDATE posts SET kudo_count = kudo_count - 1 WHERE id IN (SELECT post_id FROM kudos WHERE member_id = :memberId)`,
    { replacements: { memberId }, transaction },
  );
  await db.sequelize.query(
    `UPDATE members SET kudos_received = kudos_received - (SELECT COUNT(*) FROM kudos k JOIN posts p ON p.id = k.post_id WHERE k.member_id = :memberId AND p.author_id = members.id)
     WHERE id IN (SELECT p.author_id FROM kudos k JOIN posts p ON p.id = k.post_id WHERE k.member_id = :memberId)`,
    { replacements: { memberId }, transaction },
  );
  await db.sequelize.query('DELETE FROM kudos WHERE member_id = :memberId', { replacements: { memberId }, transaction });
  await db.sequelize.query('UPDATE members SET kudos_given = 0 WHERE id = :memberId', { replacements: { memberId }, transaction });
  await recomputeRanks(db, transaction, null);
}

const KUDOS_RULE = (limit: number): LimitRule => ({ prefix: 'kudos-member:', limit, windowMs: KUDOS_WINDOW_MS, maxLockoutMs: 0 });

export type KudosLimit = (memberId: number) => Promise<void>;

/** Counts a kudo given or taken back in rate_limit_hits (every process shares it); 429 over the limit. */
export function createKudosLimit(db: Database, perHour: number): KudosLimit {
  const store = new DatabaseRateLimitStore(db);
  const rule = KUDOS_RULE(perHour);
  return async (memberId) => {
    const verdict = await store.reserve(rule, DatabaseRateLimitStore.key(rule, String(memberId)));
    if (verdict.allowed) return;
    throw new TooManyRequestsError(
      `You have given or taken back ${perHour} kudos in the last hour, the most one member may. Try again in ${waitText(verdict.retryAfterSeconds)}.`,
      verdict.retryAfterSeconds,
    );
  };
}

export const GIVERS_PER_PAGE = 50;

export interface GiverRow {
  kudoId: number;
  at: Date;
  member: AuthorRow | null;
}

/** Who gave the post kudos, newest first, a keyset page (?before=<kudo id>) of GIVERS_PER_PAGE. */
export async function giversOf(db: Database, postId: number, before: number | null): Promise<{ givers: GiverRow[]; olderCursor: number | null }> {
  const rows = await db.sequelize.query<Record<string, unknown>>(
    `SELECT k.id AS kudo_id, k.created_at, ${authorColumns('m')}
     FROM kudos k LEFT JOIN members m ON m.id = k.member_id
     WHERE k.post_id = :postId ${before === null ? '' : 'AND k.id < :before'}
     ORDER BY k.id DESC LIMIT :limit`,
    { replacements: { postId, before, limit: GIVERS_PER_PAGE + 1 }, type: QueryTypes.SELECT },
  );
  const givers = rows.slice(0, GIVERS_PER_PAGE).map((row) => ({ kudoId: Number(row.kudo_id), at: dateOf(row.created_at), member: authorOf(row, 'm') }));
  return { givers, olderCursor: rows.length > GIVERS_PER_PAGE ? givers[givers.length - 1].kudoId : null };
}
