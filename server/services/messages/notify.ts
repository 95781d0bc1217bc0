/**
 * Telling a conversation's participants about a new message. In the app, the news is the
 * participant's read state: every active participant row gets the message's number and time (the
 * inbox's order and the header's unread count come from them), and the author's own row is read
 * up to it. Runs inside the message's transaction.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';
import { queueMessageEmails } from '../../email/outbox';

export interface MessageNews {
  conversationId: number;
  messageNumber: number;
  authorId: number;
  at: Date;
}

/**
 * Marks the message unread for every other active participant, queues their emails (those who
 * want messages by email: server/email/outbox.ts) in this same transaction, and answers their ids.
 */
export async function notifyConversationParticipants(db: Database, transaction: Transaction, news: MessageNews): Promise<number[]> {
  const replacements = { conversationId: news.conversationId, number: news.messageNumber, at: news.at, authorId: news.authorId };
  await db.sequelize.query(
    `UPDATE conversation_participants SET last_message_number = :number, last_message_at = :at
     WHERE conversation_id = :conversationId AND left_at IS NULL`,
    { replacements, transaction },
  );
  await db.sequelize.query(
    `UPDATE conversation_participants SET last_read_message_number = :number
     WHERE conversation_id = :conversationId AND member_id = :authorId`,
    { replacements, transaction },
  );
  await queueMessageEmails(db, transaction, news);
  const rows = await db.sequelize.query<{ member_id: number | string }>(
    `SELECT member_id FROM conversation_participants WHERE conversation_id = :conversationId AND left_at IS NULL AND member_id <> :authorId`,
    { replacements, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => Number(row.member_id));
}
