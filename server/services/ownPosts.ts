/**
 * A member deleting their own post, and a starter retitling their own thread (issue 23).
 *
 * A deletion is a hide with its own mark: hidden_at and hidden_by_id (the author) are set, and
 * deleted_by_author says why, so every surface that keeps hidden posts from readers (the one
 * visibility rule in server/policies/visibility.ts) keeps deleted posts from them too. The post
 * keeps its number; readers see "Deleted by its author"; staff read it and restore it with the
 * ordinary restore. Counters move as for a hide: members.hidden_post_count, in the same transaction.
 *
 * "Staff replied to it", which ends the right to delete: a later post in the same thread, not
 * hidden, written by a moderator or manager, that replies to this post (its reply_to_number) or
 * quotes it (our "X wrote:" link to /t/<thread>/<slug>/<number>#p<number>). Mentions of the
 * author are not replies to the post; the official-answer mark and ETA notes count as staff
 * involvement too (an official answer cannot be deleted; ETA notes are only on staff posts).
 */
import { literal, QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { Actor, canDeleteOwnPost, canRetitleOwnThread, type Decision } from '../policies';
import { retitleThread } from './moderation';

export const DELETED_BY_AUTHOR_REASON = 'Deleted by its author';

export interface PostForDeletion {
  id: number;
  number: number;
  authorId: number;
  createdAt: Date;
  hiddenAt: Date | null;
  threadId: number;
  thread: { id: number; slug: string; title: string; isLocked: boolean; hiddenAt: Date | null; authorId: number };
  isOfficialAnswer: boolean;
  staffReplied: boolean;
}

async function staffRepliedTo(db: Database, post: { threadId: number; number: number }, transaction?: Transaction): Promise<boolean> {
  const rows = await db.sequelize.query<{ found: number }>(
    `SELECT 1 AS found FROM posts r JOIN members m ON m.id = r.author_id
     WHERE r.thread_id = :threadId AND r.number > :number AND r.hidden_at IS NULL AND m.role IN ('moderator', 'manager')
       AND (r.reply_to_number = :number OR r.source LIKE :quoteLink)
     LIMIT 1`,
    { replacements: { threadId: post.threadId, number: post.number, quoteLink: `%/${post.threadId}/%/${post.number}#p${post.number})%` }, type: QueryTypes.SELECT, transaction },
  );
  return rows.length > 0;
}

/** The post with everything the deletion decision needs (404 when there is no such post). */
export async function readPostForDeletion(db: Database, postId: number, transaction?: Transaction): Promise<PostForDeletion> {
  const post = await db.models.Post.findByPk(postId, {
    attributes: ['id', 'number', 'authorId', 'createdAt', 'hiddenAt', 'threadId'],
    include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'slug', 'title', 'isLocked', 'hiddenAt', 'authorId', 'officialPostId'] }],
    transaction,
  });
  if (!post || !post.thread) throw new NotFoundError('That post does not exist.');
  const thread = post.thread;
  return {
    id: post.id,
    number: post.number,
    authorId: post.authorId,
    createdAt: post.createdAt,
    hiddenAt: post.hiddenAt,
    threadId: post.threadId,
    thread: { id: thread.id, slug: thread.slug, title: thread.title, isLocked: thread.isLocked, hiddenAt: thread.hiddenAt, authorId: thread.authorId },
    isOfficialAnswer: thread.officialPostId === post.id,
    staffReplied: await staffRepliedTo(db, post, transaction),
  };
}

export function deletionDecision(actor: Actor, post: PostForDeletion, windowMs: number, now: Date): Decision {
  return canDeleteOwnPost(actor, post, post.thread, { windowMs, now });
}

/**
 * Deletes the actor's own post. The decision is taken again inside the transaction (a staff reply
 * or a hide may have arrived since the page was shown); the UPDATE only touches a post not hidden,
 * so two deletions at once move the counter once.
 */
export async function deleteOwnPost(db: Database, input: { actor: Actor; postId: number; windowMs: number; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    // Member first: every transaction takes its locks in one order (member, thread, …).
    await db.models.Member.findByPk(input.actor.memberId!, { attributes: ['id'], transaction, lock: transaction.LOCK.UPDATE });
    const post = await readPostForDeletion(db, input.postId, transaction);
    const decision = deletionDecision(input.actor, post, input.windowMs, at);
    if (!decision.allowed) throw new ForbiddenError(decision.reason);
    const [changed] = await db.models.Post.update(
      { hiddenAt: at, hiddenById: post.authorId, hiddenReason: DELETED_BY_AUTHOR_REASON, deletedByAuthor: true },
      { where: { id: post.id, hiddenAt: null }, transaction },
    );
    if (changed !== 1) return;
    // A post in a hidden thread is already out of the public count (cannot happen: the policy refuses hidden threads).
    await db.models.Member.update({ hiddenPostCount: literal('hidden_post_count + 1') }, { where: { id: post.authorId }, transaction });
  });
}

/** The starter retitles their thread within the window (staff use the moderation route with a reason). */
export async function retitleOwnThread(db: Database, input: { actor: Actor; threadId: number; title: string; windowMs: number; at?: Date }): Promise<{ id: number; slug: string }> {
  const at = input.at ?? new Date();
  const thread = await db.models.Thread.findByPk(input.threadId, { attributes: ['id', 'slug', 'authorId', 'createdAt', 'isLocked', 'hiddenAt'] });
  if (!thread) throw new NotFoundError('That thread does not exist.');
  const decision = canRetitleOwnThread(input.actor, thread, { windowMs: input.windowMs, now: at });
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
  await retitleThread(db, { actorId: input.actor.memberId!, threadId: thread.id, title: input.title, reason: 'Retitled by its starter', at });
  await thread.reload({ attributes: ['id', 'slug'] });
  return { id: thread.id, slug: thread.slug };
}
