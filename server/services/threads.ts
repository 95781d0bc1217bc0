/**
 * Threads for the writing paths (posting, moderation, feeds): the thread with its board and
 * official answer, and which page holds a given post. The thread page itself reads plain rows
 * (server/read/threadPage.ts).
 */
import type { Database } from '../db';
import type { Thread } from '../../models';
import { NotFoundError } from '../errors';
import { AUTHOR_ATTRIBUTES } from './members';

export const POSTS_PER_PAGE = 10;


export function pageOfPost(postNumber: number): number {
  return Math.ceil(postNumber / POSTS_PER_PAGE);
}

export function pageCountOf(thread: Pick<Thread, 'lastPostNumber'>): number {
  return Math.max(1, Math.ceil(thread.lastPostNumber / POSTS_PER_PAGE));
}

/** The thread with its board and official answer (and that answer's author), in one query. */
export async function getThread(db: Database, threadId: number): Promise<Thread> {
  const { Thread, Board, Post, Member } = db.models;
  const thread = await Thread.findByPk(threadId, {
    include: [
      { model: Board, as: 'board', attributes: ['id', 'slug', 'name', 'staffOnlyThreads'] },
      { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
      {
        model: Post,
        as: 'officialPost',
        attributes: ['id', 'number', 'excerpt', 'createdAt', 'authorId', 'hiddenAt', 'editedAt'],
        include: [
          { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
          // For "edited after it was marked" in the official-answer box.
          { model: Member, as: 'editedBy', attributes: AUTHOR_ATTRIBUTES },
        ],
      },
    ],
  });
  if (!thread) throw new NotFoundError('There is no thread at this address.');
  return thread;
}
