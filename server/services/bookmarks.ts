/**
 * Bookmarks of posts, each optionally with a reminder time. A member's list reads only posts the
 * one visibility rule lets them read (a post hidden after it was bookmarked drops out). Reminders
 * are sent by a set-based claim (claimDueReminders): one UPDATE … WHERE reminded_at IS NULL
 * RETURNING takes the due rows, so of several app processes ticking at once each reminder is
 * claimed, and notified, by exactly one.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { readablePostsSql, type Viewer } from '../policies';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, select } from '../read/rows';

/** Bookmarks one member may keep: a bound on the list and on what one member can make us store. */
export const MAX_BOOKMARKS = 1000;
export const BOOKMARKS_PAGE_SIZE = 25;
/** Reminders sent per tick; the rest wait for the next one. */
export const REMINDERS_PER_TICK = 500;
/** How far ahead a reminder may be set. */
const MAX_REMINDER_AHEAD_MS = 366 * 24 * 3_600_000;

/** Adds or updates the member's bookmark of a post (one per post). */
export async function saveBookmark(db: Database, input: { memberId: number; postId: number; remindAt: Date | null; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  if (input.remindAt && (input.remindAt.getTime() <= now.getTime() || input.remindAt.getTime() - now.getTime() > MAX_REMINDER_AHEAD_MS)) {
    throw new ValidationError({ remindAt: 'Choose a reminder time in the future, within a year.' });
  }
  await db.writeTransaction(async (transaction) => {
    // The member's row first (one lock order), so two saves at once cannot both pass the cap.
    await db.models.Member.findByPk(input.memberId, { attributes: ['id'], transaction, lock: transaction.LOCK.UPDATE });
    const existing = await db.sequelize.query<{ id: number }>('SELECT id FROM bookmarks WHERE member_id = :memberId AND post_id = :postId', {
      replacements: input, type: QueryTypes.SELECT, transaction,
    });
    if (existing.length > 0) {
      await db.sequelize.query('UPDATE bookmarks SET remind_at = :remindAt, reminded_at = NULL WHERE id = :id', {
        replacements: { remindAt: input.remindAt, id: existing[0].id }, transaction,
      });
      return;
    }
    const [{ count }] = await db.sequelize.query<{ count: number | string }>('SELECT COUNT(*) AS count FROM bookmarks WHERE member_id = :memberId', {
      replacements: input, type: QueryTypes.SELECT, transaction,
    });
    if (Number(count) >= MAX_BOOKMARKS) throw new ValidationError({ form: `You can keep at most ${MAX_BOOKMARKS} bookmarks: remove some first.` });
    await db.sequelize.query('INSERT INTO bookmarks (member_id, post_id, remind_at, reminded_at, created_at) VALUES (:memberId, :postId, :remindAt, NULL, :now)', {
      replacements: { memberId: input.memberId, postId: input.postId, remindAt: input.remindAt, now }, transaction,
    });
  });
}

export async function removeBookmark(db: Database, input: { memberId: number; postId: number }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('DELETE FROM bookmarks WHERE member_id = :memberId AND post_id = :postId', { replacements: input, transaction });
  });
}

/** Which of these posts the member has bookmarked (for the thread page's buttons; one query). */
export async function bookmarkedPostIds(db: Database, memberId: number | null, postIds: number[]): Promise<Set<number>> {
  if (memberId === null || postIds.length === 0) return new Set();
  const rows = await select(db, 'SELECT post_id FROM bookmarks WHERE member_id = :memberId AND post_id IN (:postIds)', { memberId, postIds });
  return new Set(rows.map((row) => Number(row.post_id)));
}

export interface BookmarkRow {
  id: number;
  createdAt: Date;
  remindAt: Date | null;
  remindedAt: Date | null;
  post: { id: number; number: number; excerpt: string; createdAt: Date; author: AuthorRow | null };
  thread: { id: number; slug: string; title: string };
}

/** A page of the member's bookmarks, newest first (keyset on id), readable posts only. */
export async function listBookmarks(db: Database, viewer: Viewer & { memberId: number }, beforeId: number | null): Promise<{ bookmarks: BookmarkRow[]; nextBefore: number | null }> {
  const readable = readablePostsSql(viewer);
  const rows = await select(
    db,
    `SELECT bm.id, bm.created_at, bm.remind_at, bm.reminded_at, p.id AS post_id, p.number, p.excerpt, p.created_at AS post_created_at,
       t.id AS thread_id, t.slug, t.title, ${authorColumns('a')}
     FROM bookmarks bm
     JOIN posts p ON p.id = bm.post_id
     JOIN threads t ON t.id = p.thread_id
     LEFT JOIN members a ON a.id = p.author_id
     WHERE bm.member_id = :memberId AND bm.id < :beforeId AND ${readable.sql}
     ORDER BY bm.id DESC LIMIT ${BOOKMARKS_PAGE_SIZE + 1}`,
    { memberId: viewer.memberId, beforeId: beforeId ?? Number.MAX_SAFE_INTEGER, ...readable.replacements },
  );
  const page = rows.slice(0, BOOKMARKS_PAGE_SIZE).map((row) => ({
    id: Number(row.id),
    createdAt: dateOf(row.created_at),
    remindAt: dateOrNull(row.remind_at),
    remindedAt: dateOrNull(row.reminded_at),
    post: { id: Number(row.post_id), number: Number(row.number), excerpt: String(row.excerpt), createdAt: dateOf(row.post_created_at), author: authorOf(row, 'a') },
    thread: { id: Number(row.thread_id), slug: String(row.slug), title: String(row.title) },
  }));
  return { bookmarks: page, nextBefore: rows.length > BOOKMARKS_PAGE_SIZE ? page[page.length - 1].id : null };
}

/**
 * Claims the reminders that are due and notifies their members, in one transaction. The claim is
 * one UPDATE of the rows still unclaimed (reminded_at IS NULL): on PostgreSQL a second process's
 * UPDATE waits for the first's row locks and then finds reminded_at set, so it claims nothing; on
 * SQLite writes are serialized. Returns how many reminders were sent.
 */
export async function claimDueReminders(db: Database, now = new Date()): Promise<number> {
  return db.writeTransaction(async (transaction) => {
    const claimed = await db.sequelize.query<{ id: number }>(
      `UPDATE bookmarks SET reminded_at = :now
       WHERE reminded_at IS NULL AND id IN (
         SELECT id FROM bookmarks WHERE reminded_at IS NULL AND remind_at IS NOT NULL AND remind_at <= :now ORDER BY remind_at LIMIT ${REMINDERS_PER_TICK}
       )
       RETURNING id`,
      { replacements: { now }, type: QueryTypes.SELECT, transaction },
    );
    if (claimed.length === 0) return 0;
    // The notification points at the post; what it says is built when read, through the visibility rule.
    await db.sequelize.query(
      `INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at)
       SELECT bm.member_id, 'reminder', p.thread_id, p.id, NULL, '{}', :now
       FROM bookmarks bm JOIN posts p ON p.id = bm.post_id
       WHERE bm.id IN (:ids)`,
      { replacements: { now, ids: claimed.map((row) => Number(row.id)) }, transaction },
    );
    return claimed.length;
  });
}

export interface BookmarkTarget {
  post: { id: number; number: number; authorId: number; hiddenAt: Date | null; excerpt: string };
  thread: { id: number; slug: string; title: string; authorId: number; hiddenAt: Date | null };
  bookmark: { remindAt: Date | null; remindedAt: Date | null } | null;
}

/** A post with its thread and the member's bookmark of it (one query); null when there is no such post. */
export async function readBookmarkTarget(db: Database, postId: number, memberId: number): Promise<BookmarkTarget | null> {
  const [row] = await select(
    db,
    `SELECT p.id, p.number, p.author_id, p.hidden_at, p.excerpt, t.id AS thread_id, t.slug, t.title, t.author_id AS thread_author_id,
       t.hidden_at AS thread_hidden_at, bm.id AS bookmark_id, bm.remind_at, bm.reminded_at
     FROM posts p JOIN threads t ON t.id = p.thread_id
     LEFT JOIN bookmarks bm ON bm.post_id = p.id AND bm.member_id = :memberId
     WHERE p.id = :postId`,
    { postId, memberId },
  );
  if (!row) return null;
  return {
    post: { id: Number(row.id), number: Number(row.number), authorId: Number(row.author_id), hiddenAt: dateOrNull(row.hidden_at), excerpt: String(row.excerpt) },
    thread: { id: Number(row.thread_id), slug: String(row.slug), title: String(row.title), authorId: Number(row.thread_author_id), hiddenAt: dateOrNull(row.thread_hidden_at) },
    bookmark: row.bookmark_id === null ? null : { remindAt: dateOrNull(row.remind_at), remindedAt: dateOrNull(row.reminded_at) },
  };
}
