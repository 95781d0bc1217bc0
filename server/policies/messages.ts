/**
 * Who may read and write private messages. A conversation is readable by its active participants
 * and, for a conversation with the team, by every staff member; nobody else, managers included.
 * Whoever may not read a conversation is told it does not exist (404, never 403), so ids cannot
 * be probed; the controllers turn a denied canReadConversation into NotFoundError.
 */
import { isStaffRole, type Actor } from './actor';
import type { Decision } from './visibility';
import { canWrite } from './index';

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

export type ConversationKind = 'members' | 'team';

export interface ConversationSubject {
  kind: ConversationKind;
  status: 'open' | 'resolved';
}

/** The viewer's own participant row in the conversation: null when they never were one. */
export interface ParticipationSubject {
  leftAt: Date | string | null;
}

function isActiveParticipant(participation: ParticipationSubject | null): boolean {
  return participation !== null && participation.leftAt === null;
}

function isStaffOnTeamConversation(actor: Actor, conversation: ConversationSubject): boolean {
  return conversation.kind === 'team' && isStaffRole(actor.role);
}

/** Reading a conversation: its active participants, and every staff member for the team's. */
export function canReadConversation(actor: Actor, conversation: ConversationSubject, participation: ParticipationSubject | null): Decision {
  if (actor.memberId === null) return deny('Sign in to read your messages.');
  if (isActiveParticipant(participation) || isStaffOnTeamConversation(actor, conversation)) return ALLOW;
  return deny('There is no conversation at this address.');
}

/** The inbox and the new-message form: any signed-in member (sending is checked when sending). */
export function canUseMessages(actor: Actor): Decision {
  return actor.memberId === null ? deny('Sign in to use messages.') : ALLOW;
}

/** Starting a conversation: signed in and allowed to write (silenced members cannot; suspended ones have no session). */
export function canStartConversation(actor: Actor): Decision {
  return canWrite(actor);
}

/**
 * Sending a message in a conversation: someone who can read it and may write, and who no other
 * participant has blocked (a member conversation only: staff answer the team's whatever a block).
 */
export function canSendMessage(
  actor: Actor,
  conversation: ConversationSubject,
  participation: ParticipationSubject | null,
  blockedByAParticipant: boolean,
): Decision {
  const readable = canReadConversation(actor, conversation, participation);
  if (!readable.allowed) return readable;
  const writable = canWrite(actor);
  if (!writable.allowed) return writable;
  if (conversation.kind === 'members' && blockedByAParticipant) return deny('A member of this conversation does not accept messages from you.');
  return ALLOW;
}

/** Adding a colleague to a team conversation: staff only. */
export function canAddParticipant(actor: Actor, conversation: ConversationSubject): Decision {
  if (!isStaffOnTeamConversation(actor, conversation)) return deny('Only staff add colleagues, and only to conversations with the team.');
  return ALLOW;
}

/** Marking a team conversation resolved (or open again), or assigning it: staff. */
export function canResolveConversation(actor: Actor, conversation: ConversationSubject): Decision {
  if (!isStaffOnTeamConversation(actor, conversation)) return deny('Only staff resolve conversations with the team.');
  return ALLOW;
}

/** Staff-only notes on a team conversation: written and read by staff, never shown to the member. */
export function canUseStaffNotes(actor: Actor, conversation: ConversationSubject): Decision {
  if (!isStaffOnTeamConversation(actor, conversation)) return deny('Staff notes are for staff, on conversations with the team.');
  return ALLOW;
}

/** Citing the starter's badge status in a reply: staff, in a team conversation. */
export function canCiteInConversation(actor: Actor, conversation: ConversationSubject): Decision {
  if (!isStaffOnTeamConversation(actor, conversation)) return deny('Only staff cite a badge status, in conversations with the team.');
  return ALLOW;
}

/** Leaving: an active participant. */
export function canLeaveConversation(actor: Actor, participation: ParticipationSubject | null): Decision {
  if (actor.memberId === null || !isActiveParticipant(participation)) return deny('You are not in this conversation.');
  return ALLOW;
}

/** Reporting a message: an active participant, not their own message, allowed to write. */
export function canReportMessage(actor: Actor, message: { authorId: number }, participation: ParticipationSubject | null): Decision {
  if (actor.memberId === null || !isActiveParticipant(participation)) return deny('You are not in this conversation.');
  if (actor.memberId === message.authorId) return deny('You cannot report your own message.');
  return canWrite(actor);
}

/** The staff inbox of team conversations, and the message reports in the review queue. */
export function canViewStaffInbox(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('The staff inbox is for moderators and managers.');
}

/** Blocking a member from messaging you: not yourself, not staff (the team must be able to answer). */
export function canBlockMessagesFrom(actor: Actor, member: { id: number; role: string }): Decision {
  if (actor.memberId === null) return deny('Sign in first.');
  if (actor.memberId === member.id) return deny('You cannot block yourself.');
  if (isStaffRole(member.role as Actor['role'])) return deny('Staff cannot be blocked: they answer conversations with the team.');
  return ALLOW;
}
