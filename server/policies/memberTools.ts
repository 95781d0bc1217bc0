/**
 * Permission predicates of the member tools (issue 23): deleting one's own post, retitling one's
 * own thread, bookmarks, drafts and avatars. Pure functions of (actor, subject, context), with a
 * reason when they deny, used by the routes and by the views that show the controls.
 */
import { Actor, isStaffRole } from './actor';
import type { Decision } from './visibility';

const ALLOW: Decision = Object.freeze({ allowed: true });
const deny = (reason: string): Decision => ({ allowed: false, reason });

const timeOf = (value: Date | string): number => (value instanceof Date ? value.getTime() : Date.parse(value));

/** What deleting a post depends on; `staffReplied` is known only where it was read (the delete page). */
export interface OwnPostSubject {
  authorId: number;
  number: number;
  createdAt: Date | string;
  hiddenAt: Date | string | null;
  isOfficialAnswer?: boolean;
  /** A later, visible post by staff that replies to or quotes this one (services/ownPosts.ts). */
  staffReplied?: boolean;
}

export interface OwnThreadSubject {
  authorId: number;
  createdAt: Date | string;
  isLocked: boolean;
  hiddenAt?: Date | string | null;
}

/**
 * An author deletes their own post (a soft delete: "Deleted by its author", staff can restore it)
 * within the window after posting, while the thread is open, unless staff have answered it: then
 * the answer would lose its question. The first post is the thread itself: staff hide threads.
 */
export function canDeleteOwnPost(actor: Actor, post: OwnPostSubject, thread: { isLocked: boolean; hiddenAt?: Date | string | null }, context: { windowMs: number; now: Date }): Decision {
  if (actor.memberId === null) return deny('Sign in to delete your posts.');
  if (actor.silence) return deny('You are silenced: you cannot change your posts.');
  if (actor.memberId !== post.authorId) return deny('You can only delete your own posts.');
  if (post.number === 1) return deny('The first post of a thread cannot be deleted: ask a moderator to hide the thread.');
  if (post.hiddenAt) return deny('This post is already hidden or deleted.');
  if (thread.hiddenAt) return deny('This thread is hidden.');
  if (thread.isLocked) return deny('This thread is locked.');
  if (context.now.getTime() - timeOf(post.createdAt) > context.windowMs) return deny('The time for deleting this post has passed.');
  if (post.isOfficialAnswer) return deny('This post is the official answer: ask a moderator.');
  if (post.staffReplied) return deny('A staff member has replied to this post, so it stays.');
  return ALLOW;
}

/** Staff retitle any thread (with a reason, on the log); its starter within the window after starting it. */
export function canRetitleOwnThread(actor: Actor, thread: OwnThreadSubject, context: { windowMs: number; now: Date }): Decision {
  if (actor.memberId === null) return deny('Sign in first.');
  if (actor.silence) return deny('You are silenced: you cannot retitle threads.');
  if (actor.memberId !== thread.authorId) return deny('Only the thread\'s starter or staff retitle it.');
  if (thread.hiddenAt) return deny('This thread is hidden.');
  if (thread.isLocked) return deny('This thread is locked.');
  if (context.now.getTime() - timeOf(thread.createdAt) > context.windowMs) return deny('The time for retitling this thread has passed: ask a moderator.');
  return ALLOW;
}

/** Bookmarks, drafts and the bookmark list are a signed-in member's own things. */
export function canKeepBookmarks(actor: Actor): Decision {
  return actor.memberId === null ? deny('Sign in to bookmark posts.') : ALLOW;
}

export function canKeepDrafts(actor: Actor): Decision {
  return actor.memberId === null ? deny('Sign in to keep drafts.') : ALLOW;
}

/** An avatar is shown to everyone, like a display name: silenced members cannot change it. */
export function canChangeOwnAvatar(actor: Actor): Decision {
  if (actor.memberId === null) return deny('Sign in to change your avatar.');
  if (actor.silence) return deny('You are silenced: you cannot change your avatar.');
  return ALLOW;
}

/** Staff remove anyone's avatar (logged). */
export function canRemoveAvatar(actor: Actor): Decision {
  return isStaffRole(actor.role) ? ALLOW : deny('Only staff remove other members\' avatars.');
}
