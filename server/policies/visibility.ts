/**
 * The one visibility rule: who may read a post, a thread and what lists them. Every surface that
 * shows posts, threads or counts of them (pages, JSON, feeds, search, notifications, profiles,
 * quotes, exports) asks these functions, either as a predicate on a loaded row or as the same
 * rule written as SQL for a query. test/unit/visibility.test.ts checks the two forms agree.
 *
 * The rule: staff read everything. Anyone else reads a post when its thread is not hidden (or
 * they started the thread) and the post is not hidden (or they wrote it).
 */
import { Actor, isStaffRole } from './actor';

export type Decision = { allowed: true } | { allowed: false; reason: string };

export interface HideableSubject {
  authorId: number;
  hiddenAt: Date | null;
}

const ALLOW: Decision = Object.freeze({ allowed: true });

/** Staff read every hidden post and thread. */
export function seesEverything(actor: Actor): boolean {
  return isStaffRole(actor.role);
}

function ownsOrVisible(actor: Actor, subject: HideableSubject): boolean {
  return subject.hiddenAt === null || (actor.memberId !== null && actor.memberId === subject.authorId);
}

/** A hidden thread (title included) is for staff and the member who started it. */
export function canViewThread(actor: Actor, thread: HideableSubject): Decision {
  if (seesEverything(actor) || ownsOrVisible(actor, thread)) return ALLOW;
  return { allowed: false, reason: 'This thread is not available.' };
}

/** A hidden post's text and the reason: for its author and staff; others see a placeholder. */
export function canViewHiddenPost(actor: Actor, post: Pick<HideableSubject, 'authorId'>): Decision {
  if (seesEverything(actor) || (actor.memberId !== null && actor.memberId === post.authorId)) return ALLOW;
  return { allowed: false, reason: 'Hidden by a moderator.' };
}

/** Reading a post's text anywhere it is shown on its own (quotes, history, ETA notes, feeds, lists). */
export function canReadPost(actor: Actor, post: HideableSubject, thread: HideableSubject): Decision {
  const threadDecision = canViewThread(actor, thread);
  if (!threadDecision.allowed) return threadDecision;
  if (post.hiddenAt === null) return ALLOW;
  return canViewHiddenPost(actor, post);
}

/** What the SQL form of the rule needs to know of the viewer. */
export interface Viewer {
  memberId: number | null;
  isStaff: boolean;
}

export function viewerOf(actor: Actor): Viewer {
  return { memberId: actor.memberId, isStaff: seesEverything(actor) };
}

/** The same rule as SQL over a posts alias and a threads alias, with its named replacements. */
export interface SqlCondition {
  sql: string;
  replacements: Record<string, number>;
}

export function readablePostsSql(viewer: Viewer, aliases: { post: string; thread: string } = { post: 'p', thread: 't' }): SqlCondition {
  if (viewer.isStaff) return { sql: '1 = 1', replacements: {} };
  const { post, thread } = aliases;
  if (viewer.memberId === null) {
    return { sql: `(${thread}.hidden_at IS NULL AND ${post}.hidden_at IS NULL)`, replacements: {} };
  }
  return { sql: readableByMemberSql(':visibilityViewerId', aliases), replacements: { visibilityViewerId: viewer.memberId } };
}

/** Counts of a member's posts: the member and staff count the hidden ones, others do not. */
export function countsHiddenPostsOf(actor: Actor, member: { id: number }): boolean {
  return seesEverything(actor) || actor.memberId === member.id;
}

/**
 * The rule for a member who is not staff, whose id is an SQL expression (e.g. m.id, when a query
 * counts for the member it joins), over the same aliases.
 */
export function readableByMemberSql(memberIdSql: string, aliases: { post: string; thread: string } = { post: 'p', thread: 't' }): string {
  const { post, thread } = aliases;
  return `((${thread}.hidden_at IS NULL OR ${thread}.author_id = ${memberIdSql}) AND (${post}.hidden_at IS NULL OR ${post}.author_id = ${memberIdSql}))`;
}

/**
 * Threads in lists (boards, feeds, the home page's latest): staff see hidden ones (marked); nobody
 * else does, not even their starter, so a board's page count follows from its counters alone.
 */
export function listsHiddenThreads(actor: Actor): boolean {
  return seesEverything(actor);
}
