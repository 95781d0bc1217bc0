/**
 * What the live-update streams read: one post as it is at delivery (is it hidden now? in a hidden
 * thread?), read once per event per process whatever the number of open streams; the posts a
 * reconnecting stream missed (bounded); and the unread counts of the members with open streams
 * that the post notified, in one query.
 */
import type { Database } from '../db';
import { readableByMemberSql, readablePostsSql, type Viewer } from '../policies';
import { dateOrNull, select } from './rows';

export interface LivePostRow {
  id: number;
  number: number;
  threadId: number;
  slug: string;
  authorId: number;
  hiddenAt: Date | null;
  thread: { authorId: number; hiddenAt: Date | null };
}

const POST_SQL = `SELECT p.id, p.number, p.thread_id, p.author_id, p.hidden_at, t.slug, t.author_id AS t_author_id, t.hidden_at AS t_hidden_at
  FROM posts p JOIN threads t ON t.id = p.thread_id`;

function liveOf(row: Record<string, unknown>): LivePostRow {
  return {
    id: Number(row.id),
    number: Number(row.number),
    threadId: Number(row.thread_id),
    slug: String(row.slug),
    authorId: Number(row.author_id),
    hiddenAt: dateOrNull(row.hidden_at),
    thread: { authorId: Number(row.t_author_id), hiddenAt: dateOrNull(row.t_hidden_at) },
  };
}

export async function readLivePost(db: Database, postId: number): Promise<LivePostRow | null> {
  const [row] = await select(db, `${POST_SQL} WHERE p.id = :postId`, { postId });
  return row ? liveOf(row) : null;
}

/** Posts of the thread after post number `after` that the viewer may read, oldest first, at most `limit`. */
export async function readPostsAfter(db: Database, threadId: number, after: number, viewer: Viewer, limit: number): Promise<LivePostRow[]> {
  const visible = readablePostsSql(viewer);
  const rows = await select(db, `${POST_SQL} WHERE p.thread_id = :threadId AND p.number > :after AND ${visible.sql} ORDER BY p.number LIMIT :limit`, {
    ...visible.replacements,
    threadId,
    after,
    limit,
  });
  return rows.map(liveOf);
}

/**
 * Unread notification counts (as the header counts them: the visibility rule for members, all for
 * staff) of those of these members the post notified.
 */
export async function readUnreadCountsAfterPost(db: Database, postId: number, memberIds: number[]): Promise<Map<number, { member: number; staff: number }>> {
  const counts = new Map<number, { member: number; staff: number }>();
  if (memberIds.length === 0) return counts;
  const unread = (staff: boolean) => `(SELECT COUNT(*) FROM notifications n
    LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN threads t ON t.id = n.thread_id
    WHERE n.member_id = m.id AND n.read_at IS NULL${staff ? '' : ` AND ${readableByMemberSql('m.id')}`})`;
  const rows = await select(
    db,
    `SELECT m.id, ${unread(false)} AS unread_member, ${unread(true)} AS unread_staff FROM members m
      WHERE m.id IN (:memberIds) AND EXISTS (SELECT 1 FROM notifications x WHERE x.member_id = m.id AND x.post_id = :postId)`,
    { memberIds, postId },
  );
  for (const row of rows) counts.set(Number(row.id), { member: Number(row.unread_member), staff: Number(row.unread_staff) });
  return counts;
}
