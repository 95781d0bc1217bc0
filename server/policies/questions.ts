/** Who may ask the team, work the staff Q&A desk, see its dashboard and keep its saved replies. */
import type { Actor } from './actor';
import { isStaffRole } from './actor';
import type { Decision } from './visibility';

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Members ask the team; staff answer (they mark a post as a question with canManageQuestions instead). */
export function canAskTeam(actor: Actor): Decision {
  if (actor.memberId === null) return deny('Sign in to ask the team.');
  return isStaffRole(actor.role) ? deny('Staff answer questions; mark a post as a question instead.') : ALLOW;
}

/** The queue, claims, and marking posts as questions, answered or needing no answer: staff. */
export function canManageQuestions(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('Only staff work the questions queue.');
}

export function canViewQuestionDashboard(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('Only staff see the rollout dashboard.');
}

/** Staff choose saved replies in the reply form. */
export function canUseSavedReplies(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('Only staff use saved replies.');
}

/** Managers write them. */
export function canManageSavedReplies(actor: Actor): Decision {
  return actor.role === 'manager' ? ALLOW : deny('Only a Community Manager keeps the saved replies.');
}

/** "Waiting for the team since …": for the member who asked and for staff. */
export function canSeeQuestionWait(actor: Actor, question: { authorId: number | null }): boolean {
  return isStaffRole(actor.role) || (actor.memberId !== null && actor.memberId === question.authorId);
}

/** Who has claimed a question: staff business. */
export function canSeeQuestionClaim(actor: Actor): boolean {
  return isStaffRole(actor.role);
}
