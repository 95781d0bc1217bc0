/**
 * Read positions as plain rows: one member's position in one thread (the thread page), and their
 * positions in the threads of a list (boards, home, search, followed threads) in one query by id,
 * never one per row. A position is the highest post number the member has seen in the thread.
 */
import type { Database } from '../db';
import { select } from './rows';
import { settledWritesOf } from '../services/readTracking';

/** The member's position in the thread, or null before their first visit. */
export async function readPosition(db: Database, memberId: number, threadId: number): Promise<number | null> {
  // A page view's upsert may still be running after its answer was sent: this process reads its own writes.
  await settledWritesOf(db, memberId);
  const [row] = await select(db, 'SELECT last_read_number FROM read_positions WHERE member_id = :memberId AND thread_id = :threadId', { memberId, threadId });
  return row ? Number(row.last_read_number) : null;
}

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
