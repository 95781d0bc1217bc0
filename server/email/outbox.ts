/**
 * The transactional outbox: an email is a row written in the transaction of the event that causes
 * it, so it is sent if and only if the event committed. The worker (worker.ts) renders and sends
 * the rows later, woken once the transaction commits (wake.ts); nothing here talks to a mail server.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from '../db';
import { deliverySql, emailKind } from './kinds';
import { announceQueuedEmail } from './wake';

/** Runs an INSERT ... SELECT into the outbox and wakes the workers on commit if it queued any row. */
async function insertQueued(db: Database, transaction: Transaction, sql: string, replacements: Record<string, unknown>): Promise<void> {
  const result = (await db.sequelize.query(sql, { replacements, transaction, type: QueryTypes.INSERT })) as unknown as [unknown, number];
  if (Number(result[1] ?? 0) > 0) announceQueuedEmail(db, transaction);
}

/** Emails that are not notifications: links and notices about the account itself. */
export type AccountTemplate = 'verify' | 'reset' | 'address-changed' | 'password-reset';

/** Queues one account email to an explicit address (verification goes to an unverified one). */
export async function queueAccountEmail(
  db: Database,
  transaction: Transaction,
  email: { memberId: number; toAddress: string; template: AccountTemplate; details: Record<string, unknown>; at?: Date },
): Promise<void> {
  const at = email.at ?? new Date();
  await db.sequelize.query(
    `INSERT INTO email_outbox (member_id, to_address, template, details, status, attempts, due_at, created_at)
     VALUES (:memberId, :toAddress, :template, :details, 'pending', 0, :at, :at)`,
    { replacements: { ...email, details: JSON.stringify(email.details), at }, transaction },
  );
  announceQueuedEmail(db, transaction);
}

/** Who a notification goes to, as the FROM and WHERE of the query that chose them. */
export interface Recipients {
  /** e.g. "thread_follows f" */
  from: string;
  /** The member id column of `from`, e.g. "f.member_id". */
  memberColumn: string;
  where: string;
  replacements: Record<string, unknown>;
}

export interface NotificationNews {
  kind: string;
  threadId: number;
  postId: number | null;
  actorId: number;
  details?: Record<string, unknown>;
  at: Date;
}

/**
 * Queues a notification email for each recipient whose delivery for this kind is "immediately"
 * and whose address is verified: one INSERT ... SELECT, whatever the number of recipients. The
 * worker renders it at send time and drops it if the post is no longer readable by the recipient.
 */
export async function queueNotificationEmails(db: Database, transaction: Transaction, recipients: Recipients, news: NotificationNews): Promise<void> {
  if (!emailKind(news.kind)) return;
  await insertQueued(
    db,
    transaction,
    `INSERT INTO email_outbox (member_id, template, kind, thread_id, post_id, actor_id, details, status, attempts, due_at, created_at)
     SELECT ${recipients.memberColumn}, 'notification', :emailKind, :emailThreadId, :emailPostId, :emailActorId, :emailDetails, 'pending', 0, :emailAt, :emailAt
     FROM ${recipients.from}
     JOIN member_emails email_address ON email_address.member_id = ${recipients.memberColumn} AND email_address.verified_at IS NOT NULL
     LEFT JOIN email_preferences email_choice ON email_choice.member_id = ${recipients.memberColumn} AND email_choice.kind = :emailKind
     WHERE (${recipients.where}) AND ${deliverySql('email_choice', ':emailKind')} = 'immediately'`,
    {
      ...recipients.replacements,
      emailKind: news.kind,
      emailThreadId: news.threadId,
      emailPostId: news.postId,
      emailActorId: news.actorId,
      emailDetails: JSON.stringify(news.details ?? {}),
      emailAt: news.at,
    },
  );
}

/**
 * Queues a new private message's email for each other active participant who wants messages by
 * email at once and has a confirmed address: one INSERT ... SELECT in the message's transaction.
 * The email names the conversation and links to it; the worker checks at send time that the
 * recipient may still read it (server/policies/messages.ts) and never puts the message text in.
 */
export async function queueMessageEmails(
  db: Database,
  transaction: Transaction,
  news: { conversationId: number; messageNumber: number; authorId: number; at: Date },
): Promise<void> {
  await insertQueued(
    db,
    transaction,
    `INSERT INTO email_outbox (member_id, template, kind, actor_id, details, status, attempts, due_at, created_at)
     SELECT cp.member_id, 'message', 'message', :authorId, :details, 'pending', 0, :at, :at
     FROM conversation_participants cp
     JOIN member_emails email_address ON email_address.member_id = cp.member_id AND email_address.verified_at IS NOT NULL
     LEFT JOIN email_preferences email_choice ON email_choice.member_id = cp.member_id AND email_choice.kind = 'message'
     WHERE cp.conversation_id = :conversationId AND cp.left_at IS NULL AND cp.member_id <> :authorId
       AND ${deliverySql('email_choice', "'message'")} = 'immediately'`,
    {
      authorId: news.authorId,
      conversationId: news.conversationId,
      at: news.at,
      details: JSON.stringify({ conversationId: news.conversationId, messageNumber: news.messageNumber }),
    },
  );
}
