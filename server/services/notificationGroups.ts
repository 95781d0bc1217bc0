/**
 * Opening a notification settles what it stands for: the other notifications about the same post
 * (a reply that also mentioned and quoted the member), and, for a row standing for several
 * (the notifications page shows "5 new replies" as one row), every one of that row.
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Notification } from '../../models';

/** Marks read, with `notification`, the member's others about its post and those of its row (id..throughId). */
export async function markRelatedRead(db: Database, transaction: Transaction, notification: Notification, throughId: number | null, at: Date): Promise<void> {
  const related: Array<Record<string | symbol, unknown>> = [];
  if (notification.postId) related.push({ postId: notification.postId });
  if (throughId !== null && throughId > notification.id) {
    // The row's notifications: same thread and kind, between the opened one and the newest shown.
    related.push({ threadId: notification.threadId, kind: notification.kind, id: { [Op.between]: [notification.id, throughId] } });
  }
  if (related.length === 0) return;
  await db.models.Notification.update(
    { readAt: at },
    { where: { memberId: notification.memberId, readAt: null, [Op.or]: related }, transaction },
  );
}
