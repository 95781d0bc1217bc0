/** Reading threads: a page of numbered posts, and which page holds a given post. */
import { Op } from 'sequelize';
import type { Database } from '../db';
import type { BadgeCitation, EtaNote, Post, Thread } from '../../models';
import { NotFoundError } from '../errors';
import { citationsOfPosts } from './badges/citations';
import { AUTHOR_ATTRIBUTES } from './members';

export const POSTS_PER_PAGE = 10;


export interface ThreadPage {
  thread: Thread;
  posts: Post[];
  /** ETA notes of the posts on this page, oldest first, by post id. */
  etaNotesByPost: Map<number, EtaNote[]>;
  /** Badge statuses cited in the posts on this page, as snapshotted, by post id. */
  citationsByPost: Map<number, BadgeCitation[]>;
  page: number;
  pageCount: number;
}

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

/**
 * A page of posts. Numbers are gap-free, so page p is the range of numbers ((p-1)*10, p*10]:
 * an index range scan, never an OFFSET over the earlier posts.
 */
export async function getThreadPage(db: Database, thread: Thread, page: number): Promise<ThreadPage> {
  const pageCount = pageCountOf(thread);
  if (!Number.isInteger(page) || page < 1 || page > pageCount) {
    throw new NotFoundError('This thread has no page with that number.');
  }
  const first = (page - 1) * POSTS_PER_PAGE + 1;
  const last = page * POSTS_PER_PAGE;
  const { Post, Member, EtaNote } = db.models;
  const posts = await Post.findAll({
    where: { threadId: thread.id, number: { [Op.between]: [first, last] } },
    include: [
      { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
      { model: Member, as: 'editedBy', attributes: AUTHOR_ATTRIBUTES },
    ],
    order: [['number', 'ASC']],
  });
  const etaNotes = posts.length
    ? await EtaNote.findAll({
        where: { postId: posts.map((post) => post.id) },
        include: [
          { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
          { model: Member, as: 'closedBy', attributes: AUTHOR_ATTRIBUTES },
          { model: Post, as: 'followUpPost', attributes: ['id', 'number'] },
        ],
        order: [['createdAt', 'ASC'], ['id', 'ASC']],
      })
    : [];
  const etaNotesByPost = new Map<number, EtaNote[]>();
  for (const note of etaNotes) {
    const list = etaNotesByPost.get(note.postId) ?? [];
    list.push(note);
    etaNotesByPost.set(note.postId, list);
  }
  const citationsByPost = await citationsOfPosts(db, posts.map((post) => post.id));
  return { thread, posts, etaNotesByPost, citationsByPost, page, pageCount };
}
