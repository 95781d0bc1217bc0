/** The records the writing pages start from: a board by slug, a post by its number, the post a repeated submission made. */
import type { Board, Post, Thread } from '../../models';
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import { postAnchor, postUrl } from '../presenters/urls';
import type { RepeatedSubmissionError } from './submissionKeys';

export async function findBoard(db: Database, slug: string): Promise<Board> {
  const board = await db.models.Board.findOne({ where: { slug } });
  if (!board) throw new NotFoundError('There is no board at this address.');
  return board;
}

/** A post of the thread by number, with its author (null beyond the thread's last post). */
export async function findPostByNumber(db: Database, thread: Thread, number: number | null): Promise<Post | null> {
  if (!number || number > thread.lastPostNumber) return null;
  return db.models.Post.findOne({
    where: { threadId: thread.id, number },
    include: [{ model: db.models.Member, as: 'author' }],
  });
}

/** Where a repeated submission goes: the post the first one made (as the first one did). */
export async function repeatedSubmissionUrl(db: Database, repeated: RepeatedSubmissionError): Promise<string> {
  const post = await db.models.Post.findByPk(repeated.postId, { include: [{ model: db.models.Thread, as: 'thread' }] });
  if (!post?.thread) throw new NotFoundError('That post no longer exists.');
  return `${postUrl(post.thread, post.number)}#${postAnchor(post.number)}`;
}
