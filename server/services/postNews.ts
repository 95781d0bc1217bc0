/**
 * What a new post tells others, written in the post's own transaction: mentioned members and the
 * authors of quoted posts hear about it directly; followers of the thread (or, for a new thread,
 * of the board) get one set-based insert. The author follows the thread; a mentioned member is
 * told once and does not start following (as on Discourse): being named is not subscribing.
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import { addFollowers } from './following';
import { notifyFollowers, notifyMembers } from './notifications';
import { quotedPostRefs } from './quotes';

export interface NewPostNews {
  postId: number;
  threadId: number;
  boardId: number;
  authorId: number;
  isNewThread: boolean;
  source: string;
  mentionedIds: number[];
  at: Date;
  /** False when seeding: the past makes no news. */
  notify: boolean;
  /** Members told about this post another way (a badge citation), left out of the fan-out. */
  toldElsewhere?: number[];
}

async function quotedAuthorIds(db: Database, transaction: Transaction, source: string): Promise<number[]> {
  const refs = quotedPostRefs(source);
  if (refs.length === 0) return [];
  const quoted = await db.models.Post.findAll({
    where: { [Op.or]: refs.map((ref) => ({ threadId: ref.threadId, number: ref.number })) },
    attributes: ['authorId'],
    transaction,
  });
  return quoted.map((post) => post.authorId);
}

export async function announceNewPost(db: Database, transaction: Transaction, news: NewPostNews): Promise<void> {
  if (news.notify) {
    const base = { threadId: news.threadId, postId: news.postId, actorId: news.authorId, at: news.at };
    // Told another way (a badge citation) already: a mention or quote of them adds no second notification.
    const elsewhere = news.toldElsewhere ?? [];
    const mentioned = news.mentionedIds.filter((id) => !elsewhere.includes(id));
    const quoted = (await quotedAuthorIds(db, transaction, news.source)).filter((id) => !news.mentionedIds.includes(id) && !elsewhere.includes(id));
    await notifyMembers(db, transaction, mentioned, { ...base, kind: 'mention' });
    await notifyMembers(db, transaction, quoted, { ...base, kind: 'quote' });
    // One notification per member per post: those told directly are left out of the fan-out.
    const toldDirectly = [...news.mentionedIds, ...quoted, ...elsewhere];
    if (news.isNewThread) {
      await notifyFollowers(db, transaction, { board: news.boardId }, { ...base, kind: 'thread' }, toldDirectly);
    } else {
      await notifyFollowers(db, transaction, { thread: news.threadId }, { ...base, kind: 'reply' }, toldDirectly);
    }
  }
  await addFollowers(db, transaction, 'thread', news.threadId, [news.authorId], news.at);
}
