/**
 * Starting conversations and sending messages. The markdown is rendered (through server/markdown,
 * with its size bounds) and the flood limit counted before the write transaction; the transaction
 * numbers the message with an UPDATE of the conversation row (its lock) and a read of it (unique and gap-free
 * under concurrency, as post numbers are), writes it, its citation if any, and the participants'
 * read state (notify.ts) together.
 */
import { QueryTypes, type Transaction } from 'sequelize';
import type { MessageLimits } from '../../config';
import type { Database } from '../../db';
import { NotFoundError, ValidationError } from '../../errors';
import { renderMarkdown } from '../../markdown';
import { isStaffRole, type Actor } from '../../policies';
import { badgeSnapshot } from '../badges/citations';
import { findMemberByUsername } from '../members';
import { reserveMessageLimit } from './limits';
import { notifyConversationParticipants } from './notify';
import { insertReturningId } from './sql';

export type Recipients = { team: true } | { team: false; usernames: string[] };

export interface StartInput {
  actor: Actor;
  to: Recipients;
  subject: string;
  source: string;
  limits: MessageLimits;
  now?: Date;
}

/** The members a conversation is started with, or a ValidationError on "to" naming the problem. */
async function resolveRecipients(db: Database, actor: Actor, usernames: string[], limits: MessageLimits): Promise<number[]> {
  if (usernames.length === 0) throw new ValidationError({ to: 'Name at least one member, or write to the team.' });
  if (usernames.length > limits.maxParticipants - 1) {
    throw new ValidationError({ to: `A conversation can have at most ${limits.maxParticipants} participants, you included.` });
  }
  const ids: number[] = [];
  for (const username of usernames) {
    const member = await findMemberByUsername(db, username);
    if (!member) throw new ValidationError({ to: `There is no member named "${username}".` });
    if (member.id === actor.memberId) throw new ValidationError({ to: 'You cannot send a message to yourself.' });
    if (!ids.includes(member.id)) ids.push(member.id);
  }
  const [blocked] = await db.sequelize.query(
    `SELECT m.display_name FROM message_blocks b JOIN members m ON m.id = b.blocker_id WHERE b.blocked_id = :sender AND b.blocker_id IN (:ids) LIMIT 1`,
    { replacements: { sender: actor.memberId, ids } },
  );
  const blocker = (blocked as Array<{ display_name: string }>)[0];
  if (blocker) throw new ValidationError({ to: `${blocker.display_name} does not accept messages from you.` });
  return ids;
}

/** Starts a conversation with members or with the team; answers its id. */
export async function startConversation(db: Database, input: StartInput): Promise<number> {
  const now = input.now ?? new Date();
  const senderId = input.actor.memberId!;
  const recipients = input.to.team ? [] : await resolveRecipients(db, input.actor, input.to.usernames, input.limits);
  await reserveMessageLimit(db, senderId, 'conversation', input.limits, now);
  const rendered = renderMarkdown(input.source);
  return db.writeTransaction(async (transaction) => {
    const conversationId = await insertReturningId(
      db,
      `INSERT INTO conversations (subject, kind, started_by_id, status, last_message_number, last_message_at, created_at)
       VALUES (:subject, :kind, :senderId, 'open', 0, :now, :now)`,
      { subject: input.subject, kind: input.to.team ? 'team' : 'members', senderId, now },
      transaction,
    );
    for (const memberId of [senderId, ...recipients]) {
      await db.sequelize.query(
        `INSERT INTO conversation_participants (conversation_id, member_id, role, last_read_message_number, last_message_number, last_message_at, created_at)
         VALUES (:conversationId, :memberId, 'member', 0, 0, :now, :now)`,
        { replacements: { conversationId, memberId, now }, transaction },
      );
    }
    await writeMessage(db, transaction, { conversationId, authorId: senderId, source: input.source, html: rendered.html, citedMemberId: null, at: now });
    return conversationId;
  });
}

interface MessageWrite {
  conversationId: number;
  authorId: number;
  source: string;
  html: string;
  citedMemberId: number | null;
  at: Date;
}

async function writeMessage(db: Database, transaction: Transaction, input: MessageWrite): Promise<number> {
  // The row's update takes its lock (PostgreSQL) before the read, so two messages never read the same number.
  await db.sequelize.query(`UPDATE conversations SET last_message_number = last_message_number + 1, last_message_at = :at WHERE id = :conversationId`, {
    replacements: { at: input.at, conversationId: input.conversationId },
    transaction,
  });
  const [numbered] = await db.sequelize.query<{ last_message_number: number | string }>(
    `SELECT last_message_number FROM conversations WHERE id = :conversationId`,
    { replacements: { conversationId: input.conversationId }, type: QueryTypes.SELECT, transaction },
  );
  const number = Number(numbered.last_message_number);
  const messageId = await insertReturningId(
    db,
    `INSERT INTO messages (conversation_id, number, author_id, source, html, created_at) VALUES (:conversationId, :number, :authorId, :source, :html, :at)`,
    { conversationId: input.conversationId, number, authorId: input.authorId, source: input.source, html: input.html, at: input.at },
    transaction,
  );
  if (input.citedMemberId !== null) {
    const snapshot = await badgeSnapshot(db, input.citedMemberId, input.at, transaction);
    await db.sequelize.query(
      `INSERT INTO message_citations (message_id, member_id, member_name, status, label, window_starts_at, window_ends_at, awarded_at,
         policy_min_hours, policy_max_hours, checked_at, cited_by_id, created_at)
       VALUES (:messageId, :memberId, :memberName, :status, :label, :windowStartsAt, :windowEndsAt, :awardedAt,
         :policyMinHours, :policyMaxHours, :checkedAt, :citedById, :at)`,
      { replacements: { ...snapshot, messageId, citedById: input.authorId, at: input.at }, transaction },
    );
  }
  await notifyConversationParticipants(db, transaction, { conversationId: input.conversationId, messageNumber: number, authorId: input.authorId, at: input.at });
  return number;
}

export interface ReplyInput {
  actor: Actor;
  conversation: { id: number; kind: 'members' | 'team'; startedById: number };
  source: string;
  /** Staff in a team conversation: snapshot the starter's badge status into the message. */
  citeStarter: boolean;
  limits: MessageLimits;
  now?: Date;
}

/** Sends a message in a conversation the caller checked the actor may write in; answers its number. */
export async function sendMessage(db: Database, input: ReplyInput): Promise<number> {
  const now = input.now ?? new Date();
  const authorId = input.actor.memberId!;
  await reserveMessageLimit(db, authorId, 'message', input.limits, now);
  const rendered = renderMarkdown(input.source);
  const staffAnswer = input.conversation.kind === 'team' && isStaffRole(input.actor.role);
  return db.writeTransaction(async (transaction) => {
    if (staffAnswer) {
      // A colleague answering the team's conversation joins it, so they hear of the member's reply.
      await db.sequelize.query(
        `INSERT INTO conversation_participants (conversation_id, member_id, role, last_read_message_number, last_message_number, last_message_at, created_at)
         SELECT c.id, :authorId, 'staff', c.last_message_number, c.last_message_number, c.last_message_at, :now FROM conversations c WHERE c.id = :conversationId
         ON CONFLICT (conversation_id, member_id) DO UPDATE SET left_at = NULL`,
        { replacements: { conversationId: input.conversation.id, authorId, now }, transaction },
      );
    } else {
      // Checked again inside the transaction: a member who left a moment ago writes nothing.
      const [still] = await db.sequelize.query(
        `SELECT id FROM conversation_participants WHERE conversation_id = :conversationId AND member_id = :authorId AND left_at IS NULL`,
        { replacements: { conversationId: input.conversation.id, authorId }, type: QueryTypes.SELECT, transaction },
      );
      if (!still) throw new NotFoundError('There is no conversation at this address.');
      if (input.conversation.kind === 'team') {
        // The member wrote again: the question is open again.
        await db.sequelize.query(`UPDATE conversations SET status = 'open', resolved_at = NULL, resolved_by_id = NULL WHERE id = :id`, {
          replacements: { id: input.conversation.id },
          transaction,
        });
      }
    }
    return writeMessage(db, transaction, {
      conversationId: input.conversation.id,
      authorId,
      source: input.source,
      html: rendered.html,
      citedMemberId: staffAnswer && input.citeStarter ? input.conversation.startedById : null,
      at: now,
    });
  });
}
