/**
 * In-app notifications. Writing one for every follower of a thread is a single INSERT ... SELECT
 * in the transaction that made the news, whatever the number of followers. What a notification
 * says is built when it is read, from the post it points at, so a post hidden later never reaches
 * a member who may not see it.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Notification, NotificationKind } from '../../models';
import { readablePostsSql } from '../policies';
import { markRelatedRead } from './notificationGroups';
import { queueNotificationEmails } from '../email/outbox';

export interface News {
  kind: NotificationKind;
  threadId: number;
  postId: number | null;
  actorId: number;
  details?: Record<string, unknown>;
  at: Date;
}

/** Notifies every follower of a thread (or of a board, for new threads), except the actor and `except`. */
export async function notifyFollowers(
  db: Database,
  transaction: Transaction,
  followed: { thread: number } | { board: number },
  news: News,
  except: number[] = [],
): Promise<void> {
  const [table, column, id] = 'thread' in followed ? ['thread_follows', 'thread_id', followed.thread] : ['board_follows', 'board_id', followed.board];
  await db.sequelize.query(
    `INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at)
     SELECT f.member_id, :kind, :threadId, :postId, :actorId, :details, :at
     FROM ${table} f
     WHERE f.${column} = :followedId AND f.member_id <> :actorId AND f.member_id NOT IN (:except)`,
    {
      replacements: {
        kind: news.kind,
        threadId: news.threadId,
        postId: news.postId,
        actorId: news.actorId,
        details: JSON.stringify(news.details ?? {}),
        at: news.at,
        followedId: id,
        // NOT IN () is not SQL: 0 is never a member id.
        except: [0, ...except],
      },
      transaction,
    },
  );
  // The same recipients, for those who want this kind by email at once (server/email/outbox.ts).
  await queueNotificationEmails(db, transaction, {
    from: `${table} f`,
    memberColumn: 'f.member_id',
    where: `f.${column} = :followedId AND f.member_id <> :actorId AND f.member_id NOT IN (:except)`,
    replacements: { followedId: id, actorId: news.actorId, except: [0, ...except] },
  }, news);
}

/** Notifies the given members (mentions, quotes, citations), never the actor themself. */
export async function notifyMembers(db: Database, transaction: Transaction, memberIds: number[], news: News): Promise<void> {
  const recipients = [...new Set(memberIds)].filter((id) => id !== news.actorId);
  if (recipients.length === 0) return;
  await db.models.Notification.bulkCreate(
    recipients.map((memberId) => ({
      memberId,
      kind: news.kind,
      threadId: news.threadId,
      postId: news.postId,
      actorId: news.actorId,
      details: JSON.stringify(news.details ?? {}),
      readAt: null,
      createdAt: news.at,
    })),
    { transaction },
  );
  await queueNotificationEmails(db, transaction, { from: 'members m', memberColumn: 'm.id', where: 'm.id IN (:recipients)', replacements: { recipients } }, news);
}

export interface Reader {
  memberId: number;
  isStaff: boolean;
}

/**
 * The reader may read the post (and thread) a notification points at: the visibility rule of
 * server/policies/visibility.ts, so a post or thread hidden after the news was written drops out.
 */
function visibleTo(reader: Reader): { joins: string; sql: string; replacements: Record<string, number> } {
  const readable = readablePostsSql(reader);
  return {
    joins: 'LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN threads t ON t.id = n.thread_id',
    sql: readable.sql,
    replacements: { memberId: reader.memberId, ...readable.replacements },
  };
}

export async function unreadCount(db: Database, reader: Reader): Promise<number> {
  const visible = visibleTo(reader);
  const rows = await db.sequelize.query<{ count: number | string }>(
    `SELECT COUNT(*) AS count FROM notifications n ${visible.joins}
     WHERE n.member_id = :memberId AND n.read_at IS NULL AND ${visible.sql}`,
    { replacements: visible.replacements, type: QueryTypes.SELECT },
  );
  return Number(rows[0]?.count ?? 0);
}

// The page's list is server/read/notifications.ts (plain rows, the same visibility rule).

/**
 * Marks one of the member's notifications read, with the others about its post and, given
 * throughId, the rest of its row (server/services/notificationGroups.ts); null if it is not theirs.
 */
export async function markRead(db: Database, memberId: number, notificationId: number, throughId: number | null = null): Promise<Notification | null> {
  return db.writeTransaction(async (transaction) => {
    const notification = await db.models.Notification.findOne({
      where: { id: notificationId, memberId },
      include: [
        { model: db.models.Thread, as: 'thread', attributes: ['id', 'slug'] },
        { model: db.models.Post, as: 'post', attributes: ['id', 'number'] },
      ],
      transaction,
    });
    if (!notification) return null;
    if (!notification.readAt) await notification.update({ readAt: new Date() }, { transaction });
    await markRelatedRead(db, transaction, notification, throughId, new Date());
    return notification;
  });
}

export async function markAllRead(db: Database, memberId: number): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.models.Notification.update({ readAt: new Date() }, { where: { memberId, readAt: null }, transaction }),
  );
}
