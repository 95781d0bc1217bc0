/**
 * One post with its thread, as plain rows, for the pages about a single post (its edit history):
 * the post as the thread page reads its posts (POSTS_COLUMNS, with author and editor), then the
 * thread as the thread page reads it. Was Post.findByPk with the thread and author included, whose
 * instance building was a fifth of the history page's CPU.
 */
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import { select } from './rows';
import { postOf, POSTS_COLUMNS, PostRow, readThread, ThreadRow } from './threadPage';

const POST_SQL = `SELECT ${POSTS_COLUMNS}, p.thread_id
  FROM posts p
  LEFT JOIN members a ON a.id = p.author_id
  LEFT JOIN members e ON e.id = p.edited_by_id
  WHERE p.id = :postId`;

export async function readPostWithThread(db: Database, postId: number, viewerId: number | null): Promise<{ post: PostRow; thread: ThreadRow }> {
  const [row] = await select(db, POST_SQL, { postId, viewerId });
  if (!row) throw new NotFoundError('That post does not exist.');
  const { thread } = await readThread(db, Number(row.thread_id), viewerId);
  return { post: postOf(row), thread };
}
