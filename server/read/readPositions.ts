/**
 * Read positions as plain rows: a member's positions in the threads of a list (boards, home,
 * search, followed threads) in one query by id, never one per row (the thread page reads its own
 * with the thread, read/threadPage.ts). A position is the highest post number the member has seen in the thread.
 */
import type { Database } from '../db';
import { select } from './rows';
import { settledWritesOf } from '../services/readTracking';

export interface ListedPosition {
  threadId: number;
  slug: string;
  position: number;
  lastPostNumber: number;
}

/**
 * The member's positions in these threads (those they have visited) with each thread's last post
 * number, in one query: a list needs only its thread ids to say "N new".
 */
export async function readPositions(db: Database, memberId: number, threadIds: number[]): Promise<ListedPosition[]> {
  const ids = [...new Set(threadIds)];
  if (ids.length === 0) return [];
  await settledWritesOf(db, memberId);
  const rows = await select(
    db,
    `SELECT r.thread_id, r.last_read_number, t.slug, t.last_post_number FROM read_positions r JOIN threads t ON t.id = r.thread_id
      WHERE r.member_id = :memberId AND r.thread_id IN (:ids)`,
    { memberId, ids },
  );
  return rows.map((row) => ({
    threadId: Number(row.thread_id),
    slug: String(row.slug),
    position: Number(row.last_read_number),
    lastPostNumber: Number(row.last_post_number),
  }));
}
