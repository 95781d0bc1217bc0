/** The member hears when their Identity Verified badge is awarded: a notification about no thread. */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';

/** Written in the award's transaction, so the notification exists exactly when the award does. */
export async function notifyBadgeAwarded(db: Database, transaction: Transaction, input: { memberId: number; actorId: number | null; at: Date }): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at)
     VALUES (:memberId, 'badge', NULL, NULL, :actorId, '{}', :at)`,
    { replacements: { memberId: input.memberId, actorId: input.actorId, at: input.at }, type: QueryTypes.INSERT, transaction },
  );
}
