/** Who gets read positions, unread marks, the "your posts" catch-up view and live updates. */
import { ROLES } from '../../models/member';
import { type Actor, isStaffRole } from './actor';
import { canViewThread, type Decision, type HideableSubject } from './visibility';

const ALLOW: Decision = Object.freeze({ allowed: true });

/** Read positions (and so "N new" and "New since your last visit") are kept for signed-in members only. */
export function tracksReading(actor: Actor): boolean {
  return actor.memberId !== null;
}

/** "Your posts and their answers" needs someone whose posts they are. */
export function canViewOwnPostsCatchUp(actor: Actor): Decision {
  return actor.memberId !== null ? ALLOW : { allowed: false, reason: 'Sign in to see your posts and their answers.' };
}

/** The followed-threads page lists one's own follows. */
export function canViewFollowedThreads(actor: Actor): Decision {
  return actor.memberId !== null ? ALLOW : { allowed: false, reason: 'Sign in to see the threads you follow.' };
}

/** A thread's live updates are for anyone who may read the thread; each post is checked again before it is sent. */
export function canFollowLiveUpdates(actor: Actor, thread: HideableSubject): Decision {
  return canViewThread(actor, thread);
}

/** The staff roles as an SQL list ('moderator', 'manager'), for queries that pick out staff posts. */
export function staffRolesSql(): string {
  return ROLES.filter((role) => isStaffRole(role)).map((role) => `'${role}'`).join(', ');
}
