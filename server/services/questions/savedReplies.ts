/**
 * Saved replies: managers keep a short list of answers with placeholders ({member},
 * {badge_status}, {badge_window}, {policy_window}); staff insert one into a reply, filled from the
 * asking member's current badge status (the reply then cites that status, snapshotted as it is
 * saved), and each reply posted from one counts a use, in the reply's transaction.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';
import { NotFoundError, ValidationError } from '../../errors';
import { escapeMarkdownInline } from '../../text/markdown';
import type { CitationDraft } from '../badges/citations';
import { windowWords } from '../badges/policy';
import { windowRange } from '../badges/window';
import { select } from '../../read/rows';

/** The list is short by design (a select in the reply form): creating more is refused. */
export const MAX_SAVED_REPLIES = 100;
export const PLACEHOLDERS = ['{member}', '{badge_status}', '{badge_window}', '{policy_window}'] as const;

export interface SavedReply {
  id: number;
  title: string;
  source: string;
  useCount: number;
  updatedAt: Date;
}

function savedReplyOf(row: Record<string, unknown>): SavedReply {
  return {
    id: Number(row.id),
    title: String(row.title),
    source: String(row.source),
    useCount: Number(row.use_count),
    updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(String(row.updated_at)),
  };
}

/** Every saved reply, by title (at most MAX_SAVED_REPLIES exist). */
export async function listSavedReplies(db: Database): Promise<SavedReply[]> {
  const rows = await select(db, `SELECT id, title, source, use_count, updated_at FROM saved_replies ORDER BY title, id LIMIT ${MAX_SAVED_REPLIES}`, {});
  return rows.map(savedReplyOf);
}

export async function getSavedReply(db: Database, id: number): Promise<SavedReply> {
  const [row] = await select(db, 'SELECT id, title, source, use_count, updated_at FROM saved_replies WHERE id = :id', { id });
  if (!row) throw new NotFoundError('There is no saved reply with that number.');
  return savedReplyOf(row);
}

export interface SavedReplyInput {
  title: string;
  source: string;
  editorId: number;
  at?: Date;
}

/** Adds a saved reply; refused once MAX_SAVED_REPLIES exist. (A manager-only list: the cap is a guard, not a count to keep exact.) */
export async function createSavedReply(db: Database, input: SavedReplyInput): Promise<number> {
  const at = input.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const [count] = await db.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM saved_replies', { type: QueryTypes.SELECT, transaction });
    if (Number(count.n) >= MAX_SAVED_REPLIES) throw new ValidationError({ form: `There can be at most ${MAX_SAVED_REPLIES} saved replies; delete one first.` });
    // The leading comment keeps Sequelize's SQLite driver from running an "insert into…" with
    // run(), which drops the rows RETURNING gives back; both databases ignore it.
    const rows = await db.sequelize.query<{ id: number }>(
      `/* returning id */ INSERT INTO saved_replies (title, source, use_count, created_by_id, updated_by_id, created_at, updated_at)
       VALUES (:title, :source, 0, :editorId, :editorId, :at, :at) RETURNING id`,
      { replacements: { title: input.title, source: input.source, editorId: input.editorId, at }, type: QueryTypes.SELECT, transaction },
    );
    return Number(rows[0].id);
  });
}

export async function updateSavedReply(db: Database, id: number, input: SavedReplyInput): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const rows = await db.sequelize.query(
      `UPDATE saved_replies SET title = :title, source = :source, updated_by_id = :editorId, updated_at = :at WHERE id = :id RETURNING id`,
      { replacements: { id, title: input.title, source: input.source, editorId: input.editorId, at }, type: QueryTypes.SELECT, transaction },
    );
    if (!rows.length) throw new NotFoundError('There is no saved reply with that number.');
  });
}

export async function deleteSavedReply(db: Database, id: number): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('DELETE FROM saved_replies WHERE id = :id', { replacements: { id }, transaction });
  });
}

/** One more reply posted from this saved reply (in the reply's transaction; a deleted one counts nothing). */
export async function countSavedReplyUse(db: Database, transaction: Transaction, id: number): Promise<void> {
  await db.sequelize.query('UPDATE saved_replies SET use_count = use_count + 1 WHERE id = :id', { replacements: { id }, transaction });
}

/**
 * The saved reply's text with its placeholders filled from the member's badge status as checked
 * now. Every value is escaped for markdown, so a display name cannot inject links or markup.
 */
export function fillSavedReply(source: string, draft: CitationDraft, now: Date): string {
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    '{member}': escapeMarkdownInline(draft.member.displayName),
    '{badge_status}': escapeMarkdownInline(draft.status.label),
    '{badge_window}': draft.status.window ? windowRange(draft.status.window, now) : 'not known yet',
    '{policy_window}': windowWords(draft.policy),
  };
  return source.replace(/\{(member|badge_status|badge_window|policy_window)\}/g, (placeholder) => values[placeholder as keyof typeof values]);
}
