/**
 * Everything about a conversation other than its messages: reading it (read state), leaving,
 * adding a colleague, the team's states (assigned, resolved), staff notes and blocks. The caller
 * has checked the policy (server/policies/messages.ts); these only write.
 */
import type { Database } from '../../db';
import { ConflictError, ValidationError } from '../../errors';
import { isStaffRole } from '../../policies';
import { findMemberByUsername } from '../members';
import { changedRows } from './sql';

/** Marks every message of the conversation read for the member. */
export async function markConversationRead(db: Database, conversationId: number, memberId: number): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.sequelize.query(
      `UPDATE conversation_participants SET last_read_message_number = last_message_number WHERE conversation_id = :conversationId AND member_id = :memberId`,
      { replacements: { conversationId, memberId }, transaction },
    ),
  );
}

export async function leaveConversation(db: Database, conversationId: number, memberId: number, now = new Date()): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.sequelize.query(
      `UPDATE conversation_participants SET left_at = :now WHERE conversation_id = :conversationId AND member_id = :memberId AND left_at IS NULL`,
      { replacements: { conversationId, memberId, now }, transaction },
    ),
  );
}

/** Adds a staff colleague (by username) to a team conversation, within the participant limit. */
export async function addColleague(db: Database, input: { conversationId: number; username: string; maxParticipants: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const member = input.username ? await findMemberByUsername(db, input.username) : null;
  if (!member) throw new ValidationError({ username: 'There is no member with that name.' });
  if (!isStaffRole(member.role)) throw new ValidationError({ username: `${member.displayName} is not staff: only colleagues can be added.` });
  await db.writeTransaction(async (transaction) => {
    // The conversation row first: adds to one conversation are counted one after another.
    await db.sequelize.query(`UPDATE conversations SET id = id WHERE id = :id`, { replacements: { id: input.conversationId }, transaction });
    const [counted] = await db.sequelize.query(
      `SELECT COUNT(*) AS count, SUM(CASE WHEN member_id = :memberId THEN 1 ELSE 0 END) AS mine
       FROM conversation_participants WHERE conversation_id = :conversationId AND left_at IS NULL`,
      { replacements: { conversationId: input.conversationId, memberId: member.id }, transaction },
    );
    const row = (counted as Array<{ count: number | string; mine: number | string | null }>)[0];
    if (Number(row.mine ?? 0) > 0) throw new ValidationError({ username: `${member.displayName} is already in this conversation.` });
    if (Number(row.count) >= input.maxParticipants) {
      throw new ValidationError({ username: `A conversation can have at most ${input.maxParticipants} participants.` });
    }
    await db.sequelize.query(
      `INSERT INTO conversation_participants (conversation_id, member_id, role, last_read_message_number, last_message_number, last_message_at, created_at)
       SELECT c.id, :memberId, 'staff', 0, c.last_message_number, c.last_message_at, :now FROM conversations c WHERE c.id = :conversationId
       ON CONFLICT (conversation_id, member_id) DO UPDATE SET left_at = NULL, last_read_message_number = 0`,
      { replacements: { conversationId: input.conversationId, memberId: member.id, now }, transaction },
    );
  });
}

export type ConversationAction = 'assign' | 'unassign' | 'resolve' | 'reopen';

/** Changes a team conversation's state; a stale form (already in that state) is a 409. */
export async function changeConversationState(db: Database, input: { conversationId: number; action: ConversationAction; actorId: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const sql: Record<ConversationAction, string> = {
    assign: `UPDATE conversations SET assigned_to_id = :actorId WHERE id = :id AND kind = 'team' AND status = 'open' AND (assigned_to_id IS NULL OR assigned_to_id <> :actorId)`,
    unassign: `UPDATE conversations SET assigned_to_id = NULL WHERE id = :id AND kind = 'team' AND assigned_to_id IS NOT NULL`,
    resolve: `UPDATE conversations SET status = 'resolved', resolved_at = :now, resolved_by_id = :actorId WHERE id = :id AND kind = 'team' AND status = 'open'`,
    reopen: `UPDATE conversations SET status = 'open', resolved_at = NULL, resolved_by_id = NULL WHERE id = :id AND kind = 'team' AND status = 'resolved'`,
  };
  const changed = await db.writeTransaction((transaction) =>
    changedRows(db, sql[input.action], { id: input.conversationId, actorId: input.actorId, now }, transaction),
  );
  if (changed === 0) throw new ConflictError('The conversation is already in that state: someone may have acted on it at the same time.');
}

export const MAX_NOTE_LENGTH = 1000;

export async function addStaffNote(db: Database, input: { conversationId: number; authorId: number; text: string; now?: Date }): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.sequelize.query(`INSERT INTO conversation_notes (conversation_id, author_id, text, created_at) VALUES (:conversationId, :authorId, :text, :now)`, {
      replacements: { ...input, now: input.now ?? new Date() },
      transaction,
    }),
  );
}

/** Blocks (or unblocks) messages from a member; blocking twice is one block. */
export async function setMessageBlock(db: Database, input: { blockerId: number; blockedId: number; blocked: boolean }): Promise<void> {
  await db.writeTransaction((transaction) =>
    input.blocked
      ? db.sequelize.query(
          `INSERT INTO message_blocks (blocker_id, blocked_id, created_at) VALUES (:blockerId, :blockedId, :now) ON CONFLICT (blocker_id, blocked_id) DO NOTHING`,
          { replacements: { ...input, now: new Date() }, transaction },
        )
      : db.sequelize.query(`DELETE FROM message_blocks WHERE blocker_id = :blockerId AND blocked_id = :blockedId`, { replacements: input, transaction }),
  );
}

/** Whether another active participant of a conversation has blocked the member. */
export async function isBlockedInConversation(db: Database, conversationId: number, memberId: number): Promise<boolean> {
  const [rows] = await db.sequelize.query(
    `SELECT 1 AS blocked FROM conversation_participants cp JOIN message_blocks b ON b.blocker_id = cp.member_id AND b.blocked_id = :memberId
     WHERE cp.conversation_id = :conversationId AND cp.left_at IS NULL LIMIT 1`,
    { replacements: { conversationId, memberId } },
  );
  return (rows as unknown[]).length > 0;
}
