/**
 * Every permission decision in the forum: pure predicates of (actor, subject) that return a
 * Decision with a reason when they deny. Routes enforce them with ensure(); views call the same
 * predicates to decide which controls to show, so a button and its route never disagree.
 */
import { ForbiddenError } from '../errors';
import { formatDateTime } from '../presenters/format';
import { Actor, isStaffRole } from './actor';
import { canReadPost, type Decision, type HideableSubject } from './visibility';

export { ANONYMOUS, isStaffRole } from './actor';
export type { Actor } from './actor';
export { canReadPost, canViewHiddenPost, canViewThread, countsHiddenPostsOf, listsHiddenThreads, readableByMemberSql, readablePostsSql, seesEverything, viewerOf } from './visibility';
export * from './memberTools';
export type { Viewer } from './visibility';
export type { Decision, HideableSubject } from './visibility';
export { ACCOUNT_SECURITY_TEMPLATES, canBeMailed } from './email';
export type { MailRecipient } from './email';
export { canAcceptSolution, canEditRankLadder, canGiveKudos, canMarkQaBoard, canViewRankLadder } from './kudos';
export { canFollowLiveUpdates, canViewFollowedThreads, canViewOwnPostsCatchUp, staffRolesSql, tracksReading } from './reading';
export { canAskTeam, canManageQuestions, canManageSavedReplies, canSeeQuestionClaim, canSeeQuestionWait, canUseSavedReplies, canViewQuestionDashboard } from './questions';

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
  /** A Date on rows, an ISO string in view models. */
  hiddenAt?: Date | string | null;
}

export interface PostSubject {
  authorId: number;
}

/** The words a silenced member sees on every form: why, and until when. */
export function silenceNotice(actor: Actor): string | null {
  const silence = actor.silence;
  if (!silence) return null;
  const until = silence.indefinite ? 'until a moderator lifts it' : `until ${formatDateTime(silence.until)}`;
  return `You are silenced ${until}: ${silence.reason}. You can read, but not post, reply, edit, report or change your display name.`;
}

/** Writing anything others read (posts, replies, edits, reports, a display name): signed in and not silenced. */
export function canWrite(actor: Actor): Decision {
  if (!isSignedIn(actor)) return deny('Sign in first.');
  const notice = silenceNotice(actor);
  return notice ? deny(notice) : ALLOW;
}

/** Starting threads: any member, but only staff in boards such as Announcements. */
export function canStartThread(actor: Actor, board: BoardSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to start a thread.');
  if (actor.silence) return canWrite(actor);
  if (board.staffOnlyThreads && !isStaff(actor)) return deny('Only staff start threads in this board.');
  return ALLOW;
}

/** Replying: any member; in a locked thread, only staff. */
export function canReply(actor: Actor, thread: ThreadSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to reply.');
  if (actor.silence) return canWrite(actor);
  // Nobody adds to a hidden thread: a reply would bring it back to the board's latest activity.
  if (thread.hiddenAt) return deny('This thread is hidden: restore it before replying.');
  if (thread.isLocked && !isStaff(actor)) return deny('This thread is locked.');
  return ALLOW;
}

/** Editing: authors their own posts while the thread is open; staff any post. */
export function canEditPost(actor: Actor, post: PostSubject, thread: ThreadSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to edit posts.');
  if (actor.silence) return canWrite(actor);
  if (isStaff(actor)) return ALLOW;
  if (actor.memberId !== post.authorId) return deny('You can only edit your own posts.');
  if (thread.hiddenAt) return deny('This thread is hidden.');
  if (thread.isLocked) return deny('This thread is locked.');
  return ALLOW;
}

/** Staff editing someone else's post must say why. */
export function editNeedsReason(actor: Actor, post: PostSubject): boolean {
  return actor.memberId !== post.authorId;
}

/** Redacting the earlier text of a post from its history (a phone number, an address): staff. */
export function canRedactRevisions(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers redact a post\'s history.');
}

/**
 * A manager vouched for the official answer as it was: a member's edit removes the mark, a staff
 * edit keeps it (shown as "edited after it was marked").
 */
export function editKeepsOfficialMark(actor: Actor): boolean {
  return isStaff(actor);
}

/** Members may record a limited number of revisions on one post; staff are not capped. */
export function isCappedInRevisions(actor: Actor): boolean {
  return !isStaff(actor);
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

/** Quoting a post would copy its text: only those who can read it may quote it. */
export function canQuotePost(actor: Actor, post: HideableSubject, thread: HideableSubject): Decision {
  return canReadPost(actor, post, thread);
}

/** Hiding a whole thread (its title too) and giving a thread a new title: staff work, with a reason. */
export function canHideThread(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers hide threads.');
}

export function canRetitleThread(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Only moderators and managers retitle threads.');
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

/** A new display name is something others read: a silenced member keeps theirs. */
export function canChangeDisplayName(actor: Actor): Decision {
  return canWrite(actor);
}

/**
 * Reporting: any post the member can read, but not their own, and not one already hidden (it is
 * out of sight already). Silenced members cannot report (reports are a way to reach staff that a
 * silenced member could flood).
 */
export function canReportPost(actor: Actor, post: HideableSubject, thread: HideableSubject): Decision {
  if (!isSignedIn(actor)) return deny('Sign in to report a post.');
  if (actor.memberId === post.authorId) return deny('You cannot report your own post.');
  const readable = canReadPost(actor, post, thread);
  if (!readable.allowed) return readable;
  if (post.hiddenAt) return deny('This post is already hidden.');
  return canWrite(actor);
}

/** Staff posts never wait in the approval queue for new members' first posts. */
export function isExemptFromApproval(actor: Actor): boolean {
  return isStaff(actor);
}

/** Reports alone never hide a staff member's post (a brigade cannot silence the team). */
export function canBeHiddenByReports(author: { role: string }): boolean {
  return !isStaffRole(author.role as Actor['role']);
}

/** The review queue, its actions and its counts: staff work. */
export function canReviewReports(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('The review queue is for moderators and managers.');
}

/** The approval queue for new members' first posts with links: staff work. */
export function canApprovePosts(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('The approval queue is for moderators and managers.');
}

/** A post waiting for approval: its author and staff see it (and its outcome); for anyone else it is not there. */
export function canViewPendingPost(actor: Actor, pending: { authorId: number }): Decision {
  if (isStaff(actor) || (actor.memberId !== null && actor.memberId === pending.authorId)) return ALLOW;
  return deny('That post does not exist.');
}

/** What sanctions and staff-note decisions depend on in a member. */
export interface SanctionSubject {
  id: number;
  role: string;
}

/** Silencing: moderators and managers; nobody themselves; only a manager silences staff. */
export function canSilence(actor: Actor, member: SanctionSubject): Decision {
  if (!isStaff(actor)) return deny('Only moderators and managers silence members.');
  if (actor.memberId === member.id) return deny('You cannot sanction yourself.');
  if (isStaffRole(member.role as Actor['role']) && !isManager(actor)) return deny('Moderators cannot sanction staff.');
  return ALLOW;
}

/** Suspending (sessions end, sign-in refused): a Community Manager's call, never on themselves. */
export function canSuspend(actor: Actor, member: SanctionSubject): Decision {
  if (!isManager(actor)) return deny('Only a Community Manager suspends members.');
  if (actor.memberId === member.id) return deny('You cannot sanction yourself.');
  return ALLOW;
}

/** Lifting a sanction early takes the same right as imposing it. */
export function canLiftSanction(actor: Actor, kind: 'silence' | 'suspend', member: SanctionSubject): Decision {
  return kind === 'silence' ? canSilence(actor, member) : canSuspend(actor, member);
}

/** Staff notes on a member and their sanctions history: staff-only. */
export function canViewStaffFile(actor: Actor): Decision {
  return isStaff(actor) ? ALLOW : deny('Staff notes are for moderators and managers.');
}

export function canWriteStaffNote(actor: Actor, member: SanctionSubject): Decision {
  if (!isStaff(actor)) return deny('Only moderators and managers write staff notes.');
  if (actor.memberId === member.id) return deny('You cannot write staff notes about yourself.');
  return ALLOW;
}

/** Throws ForbiddenError with the denial's reason. */
export function ensure(decision: Decision): void {
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}

// Private messages: server/policies/messages.ts.
export * from './messages';
