/** Moderating threads and posts: hide and restore, lock and unlock, pin and unpin, move. Each is logged. */
import { literal, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Thread } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { recordAction } from './moderationLog';

interface ActorInput {
  actorId: number;
  at?: Date;
}

async function lockedThread(db: Database, threadId: number, transaction: Transaction): Promise<Thread> {
  const thread = await db.models.Thread.findByPk(threadId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!thread) throw new NotFoundError('That thread does not exist.');
  return thread;
}

export async function hidePost(db: Database, input: ActorInput & { postId: number; reason: string }): Promise<void> {
  if (!input.reason.trim()) throw new ValidationError({ reason: 'Say why the post is hidden: the author will see it.' });
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, { transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (post.hiddenAt) return;
    await post.update({ hiddenAt: at, hiddenById: input.actorId, hiddenReason: input.reason.trim() }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'post.hide', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, reason: input.reason.trim(), at },
      transaction,
    );
  });
}

export async function restorePost(db: Database, input: ActorInput & { postId: number }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, { transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (!post.hiddenAt) return;
    const reason = post.hiddenReason;
    await post.update({ hiddenAt: null, hiddenById: null, hiddenReason: null }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'post.restore', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, details: { hiddenFor: reason }, at: input.at },
      transaction,
    );
  });
}

export async function setThreadLocked(db: Database, input: ActorInput & { threadId: number; locked: boolean; reason?: string | null }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const thread = await lockedThread(db, input.threadId, transaction);
    if (thread.isLocked === input.locked) return;
    await thread.update({ isLocked: input.locked }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: input.locked ? 'thread.lock' : 'thread.unlock', threadId: thread.id, reason: input.reason ?? null, at: input.at },
      transaction,
    );
  });
}

export async function setThreadPinned(
  db: Database,
  input: ActorInput & { threadId: number; pinned: boolean; until?: Date | null },
): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const thread = await lockedThread(db, input.threadId, transaction);
    const until = input.pinned ? input.until ?? null : null;
    await thread.update({ isPinned: input.pinned, pinnedUntil: until }, { transaction });
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: input.pinned ? 'thread.pin' : 'thread.unpin',
        threadId: thread.id,
        details: input.pinned ? { until: until ? until.toISOString() : null } : {},
        at: input.at,
      },
      transaction,
    );
  });
}

/** The board's latest thread after threads moved in or out, recomputed from the index. */
async function refreshBoardActivity(db: Database, boardId: number, transaction: Transaction): Promise<void> {
  const latest = await db.models.Thread.findOne({
    where: { boardId },
    attributes: ['id', 'lastPostAt'],
    order: [['lastPostAt', 'DESC'], ['id', 'DESC']],
    transaction,
  });
  await db.models.Board.update(
    { lastThreadId: latest?.id ?? null, lastPostAt: latest?.lastPostAt ?? null },
    { where: { id: boardId }, transaction },
  );
}

export async function moveThread(db: Database, input: ActorInput & { threadId: number; toBoardSlug: string; reason?: string | null }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const thread = await lockedThread(db, input.threadId, transaction);
    const target = await db.models.Board.findOne({ where: { slug: input.toBoardSlug }, transaction });
    if (!target) throw new ValidationError({ board: 'Choose a board to move the thread to.' });
    const fromBoardId = thread.boardId;
    if (target.id === fromBoardId) return;
    const source = await db.models.Board.findByPk(fromBoardId, { transaction });
    await thread.update({ boardId: target.id }, { transaction });
    await db.models.Board.update(
      { threadCount: literal('thread_count - 1'), postCount: literal(`post_count - ${Number(thread.postCount)}`) },
      { where: { id: fromBoardId }, transaction },
    );
    await db.models.Board.update(
      { threadCount: literal('thread_count + 1'), postCount: literal(`post_count + ${Number(thread.postCount)}`) },
      { where: { id: target.id }, transaction },
    );
    await refreshBoardActivity(db, fromBoardId, transaction);
    await refreshBoardActivity(db, target.id, transaction);
    await recordAction(
      db,
      { actorId: input.actorId, action: 'thread.move', threadId: thread.id, details: { from: source?.name ?? null, to: target.name }, reason: input.reason ?? null, at: input.at },
      transaction,
    );
  });
}

