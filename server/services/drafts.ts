/**
 * Drafts kept on the server: one per member and place (a reply to a thread, or a new thread in a
 * board), upserted when the member previews, when a submission is refused, and every few seconds
 * from the composer's script; posting clears it. Bounded like posts (20,000 characters, titles
 * 200), and writes per member are limited in rate_limit_hits (shared by every app process).
 * Drafts of replies follow the visibility rule: a thread hidden since is left out of the list.
 */
import { DatabaseRateLimitStore, LimitRule, waitText } from '../auth/rateLimitStore';
import type { Database } from '../db';
import { TooManyRequestsError, ValidationError } from '../errors';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { dateOf, select } from '../read/rows';

export const DRAFT_WINDOW_MS = 10 * 60_000;
export const DRAFTS_PAGE_SIZE = 50;
const MAX_TITLE = 200;

/** Where a draft belongs: a reply to a thread, or a new thread in a board. */
export type DraftPlace = { threadId: number } | { boardId: number };

export function scopeOf(place: DraftPlace): string {
  return 'threadId' in place ? `t:${place.threadId}` : `b:${place.boardId}`;
}

export interface Draft {
  body: string;
  title: string | null;
  updatedAt: Date;
}

export type DraftSaveLimit = (memberId: number) => Promise<void>;

/** Counts a draft write; over the limit, 429 with Retry-After (the composer keeps its text). */
export function createDraftSaveLimit(db: Database, perWindow: number): DraftSaveLimit {
  const store = new DatabaseRateLimitStore(db);
  const rule: LimitRule = { prefix: 'draft-member:', limit: perWindow, windowMs: DRAFT_WINDOW_MS, maxLockoutMs: 0 };
  return async (memberId) => {
    const verdict = await store.reserve(rule, DatabaseRateLimitStore.key(rule, String(memberId)));
    if (!verdict.allowed) {
      throw new TooManyRequestsError(`Drafts are saved at most ${perWindow} times every 10 minutes; the next save in ${waitText(verdict.retryAfterSeconds)}.`, verdict.retryAfterSeconds);
    }
  };
}

/** Saves (or replaces) the member's draft for a place; an empty text removes it. */
export async function saveDraft(db: Database, input: { memberId: number; place: DraftPlace; body: string; title?: string | null; at?: Date }): Promise<void> {
  if (input.body.length > MAX_SOURCE_LENGTH) throw new ValidationError({ body: `Drafts can be at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters.` });
  const title = input.title ? input.title.slice(0, MAX_TITLE) : null;
  const scope = scopeOf(input.place);
  const at = input.at ?? new Date();
  if (input.body.trim() === '' && !title) {
    await discardDraft(db, input.memberId, input.place);
    return;
  }
  await db.writeTransaction(async (transaction) => {
    const replacements = {
      memberId: input.memberId, scope, body: input.body, title, at,
      threadId: 'threadId' in input.place ? input.place.threadId : null,
      boardId: 'boardId' in input.place ? input.place.boardId : null,
    };
    // One statement on both databases; the unique (member_id, scope) index makes it an upsert.
    await db.sequelize.query(
      `INSERT INTO drafts (member_id, scope, thread_id, board_id, title, source, updated_at) VALUES (:memberId, :scope, :threadId, :boardId, :title, :body, :at)
       ON CONFLICT (member_id, scope) DO UPDATE SET source = excluded.source, title = excluded.title, updated_at = excluded.updated_at`,
      { replacements, transaction },
    );
  });
}

export async function discardDraft(db: Database, memberId: number, place: DraftPlace): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('DELETE FROM drafts WHERE member_id = :memberId AND scope = :scope', { replacements: { memberId, scope: scopeOf(place) }, transaction });
  });
}

export async function findDraft(db: Database, memberId: number, place: DraftPlace): Promise<Draft | null> {
  const [row] = await select(db, 'SELECT source, title, updated_at FROM drafts WHERE member_id = :memberId AND scope = :scope', { memberId, scope: scopeOf(place) });
  return row ? { body: String(row.source), title: (row.title as string | null) ?? null, updatedAt: dateOf(row.updated_at) } : null;
}

export interface DraftListRow {
  updatedAt: Date;
  title: string | null;
  excerpt: string;
  thread: { id: number; slug: string; title: string } | null;
  board: { slug: string; name: string } | null;
}

/** The member's drafts, newest first (at most one page: a member has one per place). */
export async function listDrafts(db: Database, viewer: { memberId: number; isStaff: boolean }): Promise<DraftListRow[]> {
  const rows = await select(
    db,
    `SELECT d.updated_at, d.title, SUBSTR(d.source, 1, 200) AS excerpt, t.id AS thread_id, t.slug AS thread_slug, t.title AS thread_title,
       b.slug AS board_slug, b.name AS board_name
     FROM drafts d LEFT JOIN threads t ON t.id = d.thread_id LEFT JOIN boards b ON b.id = d.board_id
     WHERE d.member_id = :memberId AND (d.thread_id IS NULL OR :isStaff = 1 OR t.hidden_at IS NULL OR t.author_id = :memberId)
     ORDER BY d.updated_at DESC LIMIT ${DRAFTS_PAGE_SIZE}`,
    { memberId: viewer.memberId, isStaff: viewer.isStaff ? 1 : 0 },
  );
  return rows.map((row) => ({
    updatedAt: dateOf(row.updated_at),
    title: (row.title as string | null) ?? null,
    excerpt: String(row.excerpt),
    thread: row.thread_id === null ? null : { id: Number(row.thread_id), slug: String(row.thread_slug), title: String(row.thread_title) },
    board: row.board_slug === null ? null : { slug: String(row.board_slug), name: String(row.board_name) },
  }));
}

export interface ResolvedPlace {
  place: DraftPlace;
  /** For the visibility check of a reply's thread. */
  thread: { id: number; slug: string; title: string; authorId: number; hiddenAt: Date | null } | null;
  board: { id: number; slug: string; name: string } | null;
}

/** "reply-12" (a reply to thread 12) or "thread-general" (a new thread in that board); null if it names nothing. */
export async function resolveDraftPlace(db: Database, name: string): Promise<ResolvedPlace | null> {
  const reply = /^reply-([1-9][0-9]{0,9})$/.exec(name);
  if (reply) {
    const [row] = await select(db, 'SELECT id, slug, title, author_id, hidden_at FROM threads WHERE id = :id', { id: Number(reply[1]) });
    if (!row) return null;
    return {
      place: { threadId: Number(row.id) },
      thread: { id: Number(row.id), slug: String(row.slug), title: String(row.title), authorId: Number(row.author_id), hiddenAt: row.hidden_at === null ? null : dateOf(row.hidden_at) },
      board: null,
    };
  }
  const thread = /^thread-([a-z0-9-]{1,60})$/.exec(name);
  if (thread) {
    const [row] = await select(db, 'SELECT id, slug, name FROM boards WHERE slug = :slug', { slug: thread[1] });
    if (!row) return null;
    return { place: { boardId: Number(row.id) }, thread: null, board: { id: Number(row.id), slug: String(row.slug), name: String(row.name) } };
  }
  return null;
}
