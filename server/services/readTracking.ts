/**
 * Moving a member's read position forward, and what follows from it: one upsert of the
 * (member, thread) row that never moves backward, and one set-based UPDATE marking read the
 * member's notifications about posts at or before the position. Both in one short write
 * transaction, started while the page renders and not awaited by it; the read functions of this
 * process wait for a member's write still running, so the next page sees it.
 */
import type { Database } from '../db';

export interface PageView {
  memberId: number;
  threadId: number;
  /** The highest post number the member has now seen. */
  upToNumber: number;
  at?: Date;
}

const UPSERT_SQL = `INSERT INTO read_positions (member_id, thread_id, last_read_number, updated_at)
  VALUES (:memberId, :threadId, :upToNumber, :at)
  ON CONFLICT (member_id, thread_id) DO UPDATE SET last_read_number = excluded.last_read_number, updated_at = excluded.updated_at
  WHERE read_positions.last_read_number < excluded.last_read_number`;

// Every notification kind that points at a post of the thread is "read" once the member has read past that post.
const MARK_NOTIFICATIONS_SQL = `UPDATE notifications SET read_at = :at
  WHERE member_id = :memberId AND thread_id = :threadId AND read_at IS NULL
    AND post_id IN (SELECT p.id FROM posts p WHERE p.thread_id = :threadId AND p.number <= :upToNumber)`;

const inFlight = new WeakMap<Database, Map<number, Promise<unknown>>>();

/** Resolves once the member's read-position writes started in this process have finished (or failed). */
export function settledWritesOf(db: Database, memberId: number): Promise<unknown> {
  return inFlight.get(db)?.get(memberId) ?? Promise.resolve();
}

/** Records a page view: the position moves to upToNumber if that is further, and notifications up to it are read. */
export function recordPageView(db: Database, view: PageView): Promise<void> {
  const replacements = { ...view, at: view.at ?? new Date() };
  const byMember = inFlight.get(db) ?? new Map<number, Promise<unknown>>();
  inFlight.set(db, byMember);
  const previous = byMember.get(view.memberId) ?? Promise.resolve();
  const write = previous.then(() =>
    db.writeTransaction(async (transaction) => {
      await db.sequelize.query(UPSERT_SQL, { replacements, transaction });
      await db.sequelize.query(MARK_NOTIFICATIONS_SQL, { replacements, transaction });
    }),
  );
  const settled = write.then(() => undefined, () => undefined);
  byMember.set(view.memberId, settled);
  void settled.then(() => {
    if (byMember.get(view.memberId) === settled) byMember.delete(view.memberId);
  });
  return write;
}
