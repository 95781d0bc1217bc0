/**
 * The approval queue for new members' first posts with links (a common spam pattern). Such a post
 * is kept in pending_posts, apart from posts, and published (numbered, counted, followers told)
 * only when a moderator approves it, so thread numbering stays gap-free. Approving and rejecting
 * claim the row with UPDATE ... WHERE status = 'pending' (the row count decides between two
 * moderators, in any process) and publish in the same transaction.
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { PendingPost, Post } from '../../models';
import { isExemptFromApproval, type Actor } from '../policies';
import { NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import { AUTHOR_ATTRIBUTES } from './members';
import { recordAction } from './moderationLog';
import { notifyMembers } from './notifications';
import { replyToThread, startThread } from './posting';
import { asRepeatedSubmission, claimSubmissionKey, recordHeldPost } from './submissionKeys';

/** New: joined within this many days and fewer than FIRST_POSTS published posts. */
export const NEW_MEMBER_DAYS = 7;
export const FIRST_POSTS = 2;
/** A link in markdown source: a URL, a www. address, or an autolink / link destination. */
const LINK = /https?:\/\/|www\.|\]\(|<[a-z][a-z0-9+.-]*:/i;

export function containsLink(source: string): boolean {
  return LINK.test(source);
}

/** Whether this post must wait for a moderator. */
export async function needsApproval(db: Database, input: { enabled: boolean; actor: Actor; source: string; now?: Date }): Promise<boolean> {
  if (!input.enabled || input.actor.memberId === null || isExemptFromApproval(input.actor) || !containsLink(input.source)) return false;
  const member = await db.models.Member.findByPk(input.actor.memberId, { attributes: ['id', 'memberSince', 'postCount'] });
  if (!member) return false;
  const since = new Date((input.now ?? new Date()).getTime() - NEW_MEMBER_DAYS * 24 * 3600_000).toISOString().slice(0, 10);
  return String(member.memberSince).slice(0, 10) >= since && Number(member.postCount) < FIRST_POSTS;
}

/** Posts one member may have waiting at once: the queue cannot be flooded by one account. */
export const MAX_WAITING = 5;

export async function holdPost(
  db: Database,
  input: { authorId: number; source: string; submissionKey?: string | null } & ({ threadId: number; replyToNumber: number | null } | { boardId: number; title: string }),
): Promise<PendingPost> {
  const at = new Date();
  return db.writeTransaction(async (transaction) => {
    // The form's one-time key first, as for a published post: a repeat of this form fails here.
    await claimSubmissionKey(db, transaction, input.authorId, input.submissionKey, at);
    // The member's row first, so waiting posts are counted one after another in every process.
    await db.models.Member.findByPk(input.authorId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    if ((await db.models.PendingPost.count({ where: { authorId: input.authorId, status: 'pending' }, transaction })) >= MAX_WAITING) {
      throw new TooManyRequestsError(`You have ${MAX_WAITING} posts waiting for a moderator already. Your text is kept below; try again once they are reviewed.`, 600);
    }
    const pending = await db.models.PendingPost.create(
      {
        authorId: input.authorId,
        source: input.source,
        threadId: 'threadId' in input ? input.threadId : null,
        replyToNumber: 'threadId' in input ? input.replyToNumber : null,
        boardId: 'boardId' in input ? input.boardId : null,
        title: 'boardId' in input ? input.title : null,
        publishedPostId: null,
        decidedById: null,
        createdAt: at,
      },
      { transaction },
    );
    await recordHeldPost(db, transaction, input.authorId, input.submissionKey, pending.id);
    return pending;
  }).catch((error: unknown) => asRepeatedSubmission(db, error, input.authorId, input.submissionKey));
}

export const APPROVALS_PAGE_SIZE = 25;

export async function listPending(db: Database): Promise<PendingPost[]> {
  const { Member, Thread, Board } = db.models;
  return db.models.PendingPost.findAll({
    where: { status: 'pending' },
    include: [
      { model: Member, as: 'author', attributes: [...AUTHOR_ATTRIBUTES, 'postCount', 'createdAt'] },
      { model: Thread, as: 'thread', attributes: ['id', 'title', 'slug'] },
      { model: Board, as: 'board', attributes: ['id', 'name', 'slug'] },
    ],
    order: [['createdAt', 'ASC'], ['id', 'ASC']],
    limit: APPROVALS_PAGE_SIZE,
  });
}

/** One pending post as its author sees it (or staff): status, reason, where it was published. */
export async function pendingPostOf(db: Database, id: number): Promise<PendingPost> {
  const pending = await db.models.PendingPost.findByPk(id, {
    include: [
      { model: db.models.Thread, as: 'thread', attributes: ['id', 'title', 'slug'] },
      { model: db.models.Board, as: 'board', attributes: ['id', 'name', 'slug'] },
      { model: db.models.Post, as: 'publishedPost', attributes: ['id', 'number', 'threadId'], include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'slug'] }] },
    ],
  });
  if (!pending) throw new NotFoundError('There is no such post.');
  return pending;
}

export type Decision = { decided: true; post: Post | null } | { decided: false };

export async function decidePending(
  db: Database,
  input: { id: number; actorId: number; approve: boolean; reason: string | null; at?: Date },
): Promise<Decision> {
  if (!input.approve && !input.reason) throw new ValidationError({ reason: 'Say why: the author will see it.' });
  const at = input.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const [claimed] = await db.models.PendingPost.update(
      { status: input.approve ? 'approved' : 'rejected', decidedById: input.actorId, decidedAt: at, reason: input.reason },
      { where: { id: input.id, status: { [Op.eq]: 'pending' } }, transaction },
    );
    if (claimed === 0) return { decided: false };
    const pending = (await db.models.PendingPost.findByPk(input.id, { transaction }))!;
    let post: Post | null = null;
    if (input.approve) {
      // Published now, as if just posted: it takes the next number and followers are told.
      post = pending.threadId
        ? await replyToThread(db, { threadId: pending.threadId, authorId: pending.authorId, source: pending.source, replyToNumber: pending.replyToNumber, at }, { transaction })
        : (await startThread(db, { boardId: pending.boardId!, authorId: pending.authorId, title: pending.title!, source: pending.source, at }, { transaction })).post;
      await pending.update({ publishedPostId: post.id }, { transaction });
    } else if (pending.threadId) {
      await notifyMembers(db, transaction, [pending.authorId], {
        kind: 'approval', threadId: pending.threadId, postId: null, actorId: input.actorId, details: { outcome: 'rejected', reason: input.reason }, at,
      });
    }
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: input.approve ? 'approval.approve' : 'approval.reject',
        subjectMemberId: pending.authorId,
        threadId: post?.threadId ?? pending.threadId,
        postId: post?.id ?? null,
        reason: input.reason,
        at,
      },
      transaction,
    );
    return { decided: true, post };
  });
}
