/**
 * What the Atom feeds list: a board's newest threads, a thread's newest posts, the newest official
 * answers. Feed readers come without a session, so feeds hold only what everyone may read: no
 * hidden post, nothing of a hidden thread.
 */
import { Op } from 'sequelize';
import type { Database } from '../db';
import type { Board, ModerationLogEntry, Post, Thread } from '../../models';
import { NotFoundError } from '../errors';
import { AUTHOR_ATTRIBUTES } from './members';

export const FEED_SIZE = 30;

export async function boardFeed(
  db: Database,
  slug: string,
): Promise<{ board: Board; threads: Thread[]; firstPostHtml: Map<number, string> }> {
  const board = await db.models.Board.findOne({ where: { slug } });
  if (!board) throw new NotFoundError('There is no board at this address.');
  const threads = await db.models.Thread.findAll({
    where: { boardId: board.id, hiddenAt: null },
    include: [{ model: db.models.Member, as: 'author', attributes: AUTHOR_ATTRIBUTES }],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit: FEED_SIZE,
  });
  // The first post of each thread, for the entry's text, in one query; hidden ones stay out.
  const firstPosts = threads.length
    ? await db.models.Post.findAll({ where: { threadId: threads.map((t) => t.id), number: 1, hiddenAt: null }, attributes: ['threadId', 'html'] })
    : [];
  return { board, threads, firstPostHtml: new Map(firstPosts.map((post) => [post.threadId, post.html])) };
}

/**
 * The newest posts of a thread that everyone may read (hidden posts never appear), and which post
 * is its accepted solution (Q&A boards), so the feed can say so.
 */
export async function threadFeed(db: Database, thread: Thread): Promise<{ posts: Post[]; solutionPostId: number | null }> {
  const posts = await db.models.Post.findAll({
    where: { threadId: thread.id, hiddenAt: null, number: { [Op.gt]: Math.max(0, thread.lastPostNumber - FEED_SIZE * 2) } },
    include: [{ model: db.models.Member, as: 'author', attributes: AUTHOR_ATTRIBUTES }],
    order: [['number', 'DESC']],
    limit: FEED_SIZE,
  });
  const [row] = await db.read<{ solution_post_id: number | string | null }>('SELECT solution_post_id FROM threads WHERE id = :id', { id: thread.id });
  const solutionPostId = row?.solution_post_id === null || row?.solution_post_id === undefined ? null : Number(row.solution_post_id);
  return { posts, solutionPostId };
}

/** Official answers as they were marked (newest first), while they are still the thread's answer. */
export async function officialAnswersFeed(db: Database): Promise<Array<{ entry: ModerationLogEntry; post: Post; thread: Thread }>> {
  const entries = await db.models.ModerationLogEntry.findAll({
    where: { action: ['answer.mark', 'answer.replace'] },
    include: [
      {
        model: db.models.Post,
        as: 'post',
        where: { hiddenAt: null },
        include: [
          { model: db.models.Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
          { model: db.models.Member, as: 'editedBy', attributes: AUTHOR_ATTRIBUTES },
        ],
      },
      { model: db.models.Thread, as: 'thread', where: { hiddenAt: null }, attributes: ['id', 'title', 'slug', 'officialPostId', 'officialMarkedAt'] },
    ],
    order: [['id', 'DESC']],
    limit: FEED_SIZE * 2,
  });
  const seen = new Set<number>();
  return entries.flatMap((entry) => {
    const { post, thread } = entry;
    if (!post || !thread || thread.officialPostId !== post.id || seen.has(thread.id)) return [];
    seen.add(thread.id);
    return [{ entry, post, thread }];
  }).slice(0, FEED_SIZE);
}
