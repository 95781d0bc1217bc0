/**
 * The followed-threads page as plain rows: a member's followed threads by latest activity, with
 * their read position joined in, one keyset page at a time (after a thread: its activity time and
 * id, read in the same query), never an OFFSET. Hidden threads are listed to staff only.
 */
import type { Database } from '../db';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, numberOrNull, select } from './rows';

export const FOLLOWED_PER_PAGE = 25;

export interface FollowedThreadRow {
  id: number;
  title: string;
  slug: string;
  postCount: number;
  lastPostNumber: number;
  lastPostAt: Date;
  hiddenAt: Date | null;
  board: { name: string; slug: string } | null;
  lastPoster: AuthorRow | null;
  /** The member's read position; null when they follow it without having opened it. */
  position: number | null;
}

const SQL = (after: boolean) => `SELECT t.id, t.title, t.slug, t.post_count, t.last_post_number, t.last_post_at, t.hidden_at,
    b.name AS b_name, b.slug AS b_slug, r.last_read_number, ${authorColumns('lp')}
  FROM thread_follows f
  JOIN threads t ON t.id = f.thread_id
  LEFT JOIN boards b ON b.id = t.board_id
  LEFT JOIN members lp ON lp.id = t.last_poster_id
  LEFT JOIN read_positions r ON r.member_id = f.member_id AND r.thread_id = f.thread_id
  WHERE f.member_id = :memberId AND (:withHidden = 1 OR t.hidden_at IS NULL)
  ${after ? `AND (t.last_post_at < (SELECT c.last_post_at FROM threads c WHERE c.id = :after)
    OR (t.last_post_at = (SELECT c.last_post_at FROM threads c WHERE c.id = :after) AND t.id < :after))` : ''}
  ORDER BY t.last_post_at DESC, t.id DESC
  LIMIT :limit`;

/** A page of the member's followed threads after the thread `after` (null: the first page); hasMore says if another follows. */
export async function readFollowedThreads(
  db: Database,
  memberId: number,
  { after, withHidden }: { after: number | null; withHidden: boolean },
): Promise<{ threads: FollowedThreadRow[]; hasMore: boolean }> {
  const rows = await select(db, SQL(after !== null), { memberId, after, withHidden: withHidden ? 1 : 0, limit: FOLLOWED_PER_PAGE + 1 });
  const threads = rows.slice(0, FOLLOWED_PER_PAGE).map((row) => ({
    id: Number(row.id),
    title: String(row.title),
    slug: String(row.slug),
    postCount: Number(row.post_count),
    lastPostNumber: Number(row.last_post_number),
    lastPostAt: dateOf(row.last_post_at),
    hiddenAt: dateOrNull(row.hidden_at),
    board: row.b_name === null ? null : { name: String(row.b_name), slug: String(row.b_slug) },
    lastPoster: authorOf(row, 'lp'),
    position: numberOrNull(row.last_read_number),
  }));
  return { threads, hasMore: rows.length > FOLLOWED_PER_PAGE };
}
