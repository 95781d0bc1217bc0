/**
 * Every permission decision in the forum: pure predicates of (actor, subject) that return a
 * Decision with a reason when they deny. Routes enforce them with ensure(); views call the same
 * predicates to decide which controls to show, so a button and its route never disagree.
 */
import { ForbiddenError } from '../errors';
import { Actor, isStaffRole } from './actor';

export { ANONYMOUS, isStaffRole } from './actor';
export type { Actor } from './actor';

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** The parts of a member a profile decision depends on. */
export interface ProfileSubject {
  id: number;
  isPrivate: boolean;
}

export function isStaff(actor: Actor): boolean {
  return isStaffRole(actor.role);
}

/** Post count and recent posts on a profile: hidden from others when the profile is private. */
export function canViewProfileDetails(actor: Actor, member: ProfileSubject): Decision {
  if (!member.isPrivate) return ALLOW;
  if (actor.memberId === member.id) return ALLOW;
  if (isStaff(actor)) return ALLOW;
  return deny('This profile is private.');
}

export function isSignedIn(actor: Actor): boolean {
  return actor.memberId !== null;
}

export function isManager(actor: Actor): boolean {
  return actor.role === 'manager';
}

/** Only staff may carry role words (Moderator, Official...) or check marks in their names. */
export function canNameClaimRole(member: { role: Actor['role'] }): Decision {
  return isStaffRole(member.role) ? ALLOW : deny('Only staff names may claim a role.');
}

/** Registering and signing in are for visitors who are not signed in. */
export function canRegister(actor: Actor): Decision {
  return isSignedIn(actor) ? deny('You are already signed in.') : ALLOW;
}

export function canSignIn(actor: Actor): Decision {
  return isSignedIn(actor) ? deny('You are already signed in.') : ALLOW;
}

export function canSignOut(actor: Actor): Decision {
  return isSignedIn(actor) ? ALLOW : deny('You are not signed in.');
}

export function canEditOwnSettings(actor: Actor): Decision {
  return isSignedIn(actor) ? ALLOW : deny('Sign in to change your settings.');
}

/** Only a Community Manager changes roles, and not their own (no manager can lock themselves out). */
export function canChangeRole(actor: Actor, member: { id: number }): Decision {
  if (!isManager(actor)) return deny('Only a Community Manager can change roles.');
  if (actor.memberId === member.id) return deny('You cannot change your own role.');
  return ALLOW;
}

/** Who changed a member's role and when: staff business. */
export function canViewRoleHistory(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only staff can see role changes.');
}

/** The parts of a board, thread and post that posting decisions depend on. */
export interface BoardSubject {
  staffOnlyThreads: boolean;
}

export interface ThreadSubject {
  isLocked: boolean;
}

export interface PostSubject {
  authorId: number;
}

/** Starting threads: any member, but only staff in boards such as Announcements. */
export function canStartThread(actor: Actor, board: BoardSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to start a thread.');
  if (board.staffOnlyThreads && !isStaff(actor)) return deny('Only staff start threads in this board.');
  return ALLOW;
}

/** Replying: any member; in a locked thread, only staff. */
export function canReply(actor: Actor, thread: ThreadSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to reply.');
  if (thread.isLocked && !isStaff(actor)) return deny('This thread is locked.');
  return ALLOW;
}

/** Editing: authors their own posts while the thread is open; staff any post. */
export function canEditPost(actor: Actor, post: PostSubject, thread: ThreadSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to edit posts.');
  if (isStaff(actor)) return ALLOW;
  if (actor.memberId !== post.authorId) return deny('You can only edit your own posts.');
  if (thread.isLocked) return deny('This thread is locked.');
  return ALLOW;
}

/** Staff editing someone else's post must say why. */
export function editNeedsReason(actor: Actor, post: PostSubject): boolean {
  return actor.memberId !== post.authorId;
}

/** ETA notes go on staff posts (the staff member's answer), added by moderators and managers. */
export function canAddEtaNote(actor: Actor, postAuthor: { role: string } | null): Decision {
  if (!isStaff(actor)) return deny('Only moderators and managers add ETA notes.');
  if (!postAuthor || !isStaffRole(postAuthor.role as Actor['role'])) return deny('ETA notes go on a staff member\'s post.');
  return ALLOW;
}

export function canCloseEtaNote(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers close ETA notes.');
}

export function canViewEtaTracker(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('The ETA tracker is for staff.');
}

/** Official answers are a Community Manager's call. */
export function canMarkOfficialAnswer(actor: Actor): Decision {
  return isManager(actor) ? ALLOW : deny('Only a Community Manager chooses the official answer.');
}

export function canPinThread(actor: Actor): Decision {
  return isManager(actor) ? ALLOW : deny('Only a Community Manager pins threads.');
}

export function canHidePost(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers hide posts.');
}

export function canLockThread(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers lock threads.');
}

export function canMoveThread(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers move threads.');
}

export function canViewModerationLog(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('The moderation log is for staff.');
}

/** A hidden post's text and the reason: for its author and staff; others see a placeholder. */
export function canViewHiddenPost(actor: Actor, post: PostSubject): Decision {
  if (isStaff(actor) || (actor.memberId !== null && actor.memberId === post.authorId)) return ALLOW;
  return deny('Hidden by a moderator.');
}

/** Quoting a hidden post would leak it: only those who can read it may quote it. */
export function canQuotePost(actor: Actor, post: PostSubject & { hidden: boolean }): Decision {
  return post.hidden ? canViewHiddenPost(actor, post) : ALLOW;
}

/** Following threads and boards, and reading one's notifications: any signed-in member. */
export function canFollow(actor: Actor): Decision {
  return isSignedIn(actor) ? ALLOW : deny('Sign in to follow threads and boards.');
}

export function canReadNotifications(actor: Actor): Decision {
  return isSignedIn(actor) ? ALLOW : deny('Sign in to see your notifications.');
}

/** Hidden posts turn up in search results for staff only. */
export function canSearchHiddenPosts(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only staff find hidden posts.');
}

/** Looking up any member's badge status (and the badge policy) is staff work. */
export function canLookUpBadgeStatus(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers look up badge status.');
}

/** A badge status is the member's own business and staff's: nobody else sees it. */
export function canViewBadgeStatus(actor: Actor, member: { id: number }): Decision {
  if (isStaff(actor)) return ALLOW;
  if (actor.memberId !== null && actor.memberId === member.id) return ALLOW;
  return deny('Only the member and staff can see a badge status.');
}

/** Only staff cite a badge status in a reply; anyone else's citation stays plain text. */
export function canCiteBadgeStatus(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers cite badge status.');
}

/** Correcting a verification record, awarding or revoking the badge: a Community Manager's call. */
export function canCorrectBadgeRecord(actor: Actor): Decision {
  return isManager(actor) ? ALLOW : deny('Only a Community Manager corrects verification records.');
}

export function canEditBadgePolicy(actor: Actor): Decision {
  return isManager(actor) ? ALLOW : deny('Only a Community Manager changes the badge policy.');
}

/** Throws ForbiddenError with the denial's reason. */
export function ensure(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
