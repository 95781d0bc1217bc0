/**
 * A thread's official answer: one post, chosen by a Community Manager. Replacing it marks the old
 * post "Superseded by post M" for everyone; unmarking leaves no answer. Both go on the log.
 * A member's edit of the answer un-marks it (the manager vouched for the text as it was); a staff
 * edit keeps the mark, and the box says the answer was edited after it was marked.
 */
import type { Transaction } from 'sequelize';
import type { Database, WriteOptions } from '../db';
import type { Post, Thread } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { recordAction } from './moderationLog';
import { notifyFollowers } from './notifications';

export async function markOfficialAnswer(
  db: Database,
  input: { threadId: number; postNumber: number; actorId: number; at?: Date; notify?: boolean },
  options: WriteOptions = {},
): Promise<'marked' | 'replaced' | 'unchanged'> {
  const at = input.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const { Thread, Post } = db.models;
    const thread = await Thread.findByPk(input.threadId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!thread) throw new NotFoundError('That thread does not exist.');
    const post = await Post.findOne({ where: { threadId: thread.id, number: input.postNumber }, transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (post.hiddenAt) throw new ValidationError({ form: 'A hidden post cannot be the official answer.' });
    if (thread.officialPostId === post.id) return 'unchanged';

    const previous = thread.officialPostId ? await Post.findByPk(thread.officialPostId, { transaction }) : null;
    if (previous) await previous.update({ supersededByNumber: post.number }, { transaction });
    // A post that was superseded earlier and is chosen again is current once more.
    await post.update({ supersededByNumber: null }, { transaction });
    await thread.update({ officialPostId: post.id, officialMarkedAt: at }, { transaction });
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: previous ? 'answer.replace' : 'answer.mark',
        threadId: thread.id,
        postId: post.id,
        details: previous ? { fromPostNumber: previous.number, toPostNumber: post.number } : { postNumber: post.number },
        at,
      },
      transaction,
    );
    if (input.notify !== false) {
      await notifyFollowers(db, transaction, { thread: thread.id }, { kind: 'answer', threadId: thread.id, postId: post.id, actorId: input.actorId, at });
    }
    return previous ? 'replaced' : 'marked';
  }, options.transaction);
}

export async function unmarkOfficialAnswer(db: Database, input: { threadId: number; actorId: number; reason?: string | null; at?: Date }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const thread = await db.models.Thread.findByPk(input.threadId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!thread) throw new NotFoundError('That thread does not exist.');
    if (!thread.officialPostId) return;
    const post = await db.models.Post.findByPk(thread.officialPostId, { attributes: ['id', 'number'], transaction });
    await thread.update({ officialPostId: null, officialMarkedAt: null }, { transaction });
    await recordAction(
      db,
      { actorId: input.actorId, action: 'answer.unmark', threadId: thread.id, postId: post?.id ?? null, details: { postNumber: post?.number ?? null }, reason: input.reason ?? null, at: input.at },
      transaction,
    );
  });
}

/**
 * Called by the edit of an official answer by someone who may not keep its mark (a member), in
 * the edit's transaction with the thread's row locked: the thread has no official answer any
 * more, and the log says which edit removed it and who had marked it.
 */
export async function unmarkAfterMemberEdit(
  db: Database,
  transaction: Transaction,
  input: { thread: Thread; post: Pick<Post, 'id' | 'number'>; editorId: number; version: number; at: Date },
): Promise<void> {
  const { thread, post } = input;
  const marked = await db.models.ModerationLogEntry.findOne({
    where: { threadId: thread.id, postId: post.id, action: ['answer.mark', 'answer.replace'] },
    attributes: ['actorId'],
    order: [['id', 'DESC']],
    transaction,
  });
  await db.models.Thread.update({ officialPostId: null, officialMarkedAt: null }, { where: { id: thread.id }, transaction });
  await recordAction(
    db,
    {
      actorId: input.editorId,
      action: 'answer.unmark-edited',
      subjectMemberId: marked?.actorId ?? null,
      threadId: thread.id,
      postId: post.id,
      details: { postNumber: post.number, version: input.version },
      at: input.at,
    },
    transaction,
  );
}
