/** Moderating threads and posts: hide and restore, lock and unlock, pin and unpin, move. Each is logged. */
import { literal, QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Thread } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { recordAction } from './moderationLog';
import { slugify } from './slug';
import { moveThreadQuestions } from './questions/staffActions';

interface ActorInput {
  actorId: number;
  at?: Date;
}

async function lockedThread(db: Database, threadId: number, transaction: Transaction): Promise<Thread> {
  const thread = await db.models.Thread.findByPk(threadId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!thread) throw new NotFoundError('That thread does not exist.');
  return thread;
}

async function adjustHiddenPosts(db: Database, memberId: number, by: number, transaction: Transaction): Promise<void> {
  await db.models.Member.update({ hiddenPostCount: literal(`hidden_post_count + ${by}`) }, { where: { id: memberId }, transaction });
}

export async function hidePost(db: Database, input: ActorInput & { postId: number; reason: string }): Promise<void> {
  if (!input.reason.trim()) throw new ValidationError({ reason: 'Say why the post is hidden: the author will see it.' });
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, { transaction, include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'hiddenAt'] }] });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (post.hiddenAt) return;
    // Member first: every transaction takes its locks in one order (member, thread, words, board).
    if (!post.thread?.hiddenAt) await adjustHiddenPosts(db, post.authorId, +1, transaction);
    await post.update({ hiddenAt: at, hiddenById: input.actorId, hiddenReason: input.reason.trim() }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'post.hide', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, reason: input.reason.trim(), at },
      transaction,
    );
  });
}

export async function restorePost(db: Database, input: ActorInput & { postId: number; reason?: string | null }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, { transaction, include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'hiddenAt'] }] });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (!post.hiddenAt) return;
    if (!post.thread?.hiddenAt) await adjustHiddenPosts(db, post.authorId, -1, transaction);
    const reason = post.hiddenReason;
    await post.update({ hiddenAt: null, hiddenById: null, hiddenReason: null, deletedByAuthor: false }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'post.restore', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, details: { hiddenFor: reason }, reason: input.reason ?? null, at: input.at },
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
  input: ActorInput & { threadId: number; pinned: boolean; until?: Date | null; reason?: string | null },
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
        reason: input.reason ?? null,
        at: input.at,
      },
      transaction,
    );
  });
}

/** The board's latest thread after threads moved in or out, recomputed from the index. */
async function refreshBoardActivity(db: Database, boardId: number, transaction: Transaction): Promise<void> {
  const latest = await db.models.Thread.findOne({
    // The home page shows the board's latest thread to everyone: never a hidden one.
    where: { boardId, hiddenAt: null },
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
    await moveThreadQuestions(db, transaction, thread.id, target.id);
    const posts = Number(thread.postCount);
    const hidden = thread.hiddenAt ? { threads: 1, posts } : { threads: 0, posts: 0 };
    const counters = (sign: '+' | '-') => ({
      threadCount: literal(`thread_count ${sign} 1`),
      postCount: literal(`post_count ${sign} ${posts}`),
      hiddenThreadCount: literal(`hidden_thread_count ${sign} ${hidden.threads}`),
      hiddenPostCount: literal(`hidden_post_count ${sign} ${hidden.posts}`),
    });
    await db.models.Board.update(counters('-'), { where: { id: fromBoardId }, transaction });
    await db.models.Board.update(counters('+'), { where: { id: target.id }, transaction });
    await refreshBoardActivity(db, fromBoardId, transaction);
    await refreshBoardActivity(db, target.id, transaction);
    await recordAction(
      db,
      { actorId: input.actorId, action: 'thread.move', threadId: thread.id, details: { from: source?.name ?? null, to: target.name }, reason: input.reason ?? null, at: input.at },
      transaction,
    );
  });
}


/**
 * Each author's posts in the thread that readers could see until now (or will again): a hidden
 * thread takes them out of the authors' public counts, on top of posts hidden one by one.
 */
async function visiblePostsByAuthor(db: Database, threadId: number, transaction: Transaction): Promise<Array<{ authorId: number; count: number }>> {
  const rows = await db.sequelize.query<{ author_id: number; count: number | string }>(
    `SELECT author_id, COUNT(*) AS count FROM posts WHERE thread_id = :threadId AND hidden_at IS NULL GROUP BY author_id ORDER BY author_id`,
    { replacements: { threadId }, type: QueryTypes.SELECT, transaction },
  );
  return rows.map((row) => ({ authorId: Number(row.author_id), count: Number(row.count) }));
}

/** Hides or restores a whole thread: its title, posts and place in lists, for all but staff and its starter. */
async function setThreadHidden(db: Database, input: ActorInput & { threadId: number; hidden: boolean; reason?: string | null }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const current = await db.models.Thread.findByPk(input.threadId, { attributes: ['id', 'hiddenAt'], transaction });
    if (!current) throw new NotFoundError('That thread does not exist.');
    if ((current.hiddenAt !== null) === input.hidden) return;
    // Lock order: members (by id), then the thread, then the board.
    const authors = await visiblePostsByAuthor(db, input.threadId, transaction);
    const sign = input.hidden ? 1 : -1;
    for (const { authorId, count } of authors) await adjustHiddenPosts(db, authorId, sign * count, transaction);
    const thread = await lockedThread(db, input.threadId, transaction);
    await thread.update(
      input.hidden
        ? { hiddenAt: at, hiddenById: input.actorId, hiddenReason: input.reason?.trim() || null }
        : { hiddenAt: null, hiddenById: null, hiddenReason: null },
      { transaction },
    );
    await db.models.Board.update(
      {
        hiddenThreadCount: literal(`hidden_thread_count + ${sign}`),
        hiddenPostCount: literal(`hidden_post_count + ${sign * Number(thread.postCount)}`),
      },
      { where: { id: thread.boardId }, transaction },
    );
    await refreshBoardActivity(db, thread.boardId, transaction);
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: input.hidden ? 'thread.hide' : 'thread.restore',
        subjectMemberId: thread.authorId,
        threadId: thread.id,
        reason: input.reason?.trim() || null,
        at,
      },
      transaction,
    );
  });
}

export async function hideThread(db: Database, input: ActorInput & { threadId: number; reason: string }): Promise<void> {
  if (!input.reason.trim()) throw new ValidationError({ reason: 'Say why the thread is hidden: its starter will see it.' });
  await setThreadHidden(db, { ...input, hidden: true });
}

export async function restoreThread(db: Database, input: ActorInput & { threadId: number; reason?: string | null }): Promise<void> {
  await setThreadHidden(db, { ...input, hidden: false });
}

/**
 * A new title (and slug: the old address redirects, as every wrong slug does). The search index
 * follows through its triggers; notifications and feeds read the title when they are read.
 */
export async function retitleThread(db: Database, input: ActorInput & { threadId: number; title: string; reason: string }): Promise<void> {
  if (!input.reason.trim()) throw new ValidationError({ reason: 'Say why the title changes.' });
  await db.writeTransaction(async (transaction) => {
    const thread = await lockedThread(db, input.threadId, transaction);
    const title = input.title.trim();
    if (title === thread.title) return;
    const from = thread.title;
    await thread.update({ title, slug: slugify(title) }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'thread.retitle', threadId: thread.id, details: { from, to: title }, reason: input.reason.trim(), at: input.at },
      transaction,
    );
  });
}
