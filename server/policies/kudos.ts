/**
 * Kudos, accepted solutions and ranks: who may give kudos, accept a solution, edit the rank
 * ladder and mark a board Q&A (pinning a rank is the role form's canChangeRole). Pure predicates with reasons, as in ./index.ts.
 */
import { Actor, isStaffRole } from './actor';
import { canReadPost, type Decision, type HideableSubject } from './visibility';

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

/**
 * Giving (or taking back) a kudo: a signed-in member who can read the post, not its author, not
 * on a hidden post, and not while silenced (the count is something others read).
 */
export function canGiveKudos(actor: Actor, post: HideableSubject, thread: HideableSubject): Decision {
  if (actor.memberId === null) return deny('Sign in to give kudos.');
  const readable = canReadPost(actor, post, thread);
  if (!readable.allowed) return readable;
  if (actor.memberId === post.authorId) return deny('You cannot give kudos to your own post.');
  if (post.hiddenAt) return deny('This post is hidden.');
  if (actor.silence) return deny('You are silenced: you cannot give kudos until it ends.');
  return ALLOW;
}

/** What accepting a solution depends on. */
export interface SolutionSubject {
  thread: HideableSubject & { isQa: boolean };
  post: HideableSubject & { number: number };
}

/**
 * Accepting a reply as the solution: in a Q&A board, the thread's starter or staff; a reply (not
 * the question itself), readable and not hidden; never the starter's own reply (one cannot
 * answer oneself), and not while silenced.
 */
export function canAcceptSolution(actor: Actor, subject: SolutionSubject): Decision {
  const { thread, post } = subject;
  if (actor.memberId === null) return deny('Sign in to accept a solution.');
  if (!thread.isQa) return deny('Only threads in Q&A boards have accepted solutions.');
  const staff = isStaffRole(actor.role);
  if (!staff && actor.memberId !== thread.authorId) return deny('Only the member who asked (or staff) accepts a solution.');
  if (actor.silence) return deny('You are silenced: you cannot accept a solution until it ends.');
  if (thread.hiddenAt) return deny('This thread is hidden.');
  if (post.number === 1) return deny('The question itself cannot be its solution.');
  if (post.hiddenAt) return deny('A hidden post cannot be the solution.');
  if (post.authorId === thread.authorId) return deny('A reply by the member who asked cannot be the accepted solution.');
  return ALLOW;
}

/** The rank ladder is a Community Manager's to edit; staff may read it. */
export function canViewRankLadder(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('The rank ladder is for staff.');
}

export function canEditRankLadder(actor: Actor): Decision {
  return actor.role === 'manager' ? ALLOW : deny('Only a Community Manager edits the rank ladder.');
}

/** Marking a board Q&A (accepted solutions in its threads): a Community Manager. */
export function canMarkQaBoard(actor: Actor): Decision {
  return actor.role === 'manager' ? ALLOW : deny('Only a Community Manager marks Q&A boards.');
}
