/**
 * The thread page's kudos and solution state. The page's posts' kudo counts, "Previously accepted"
 * marks and the viewer's own kudos are columns of the posts query (threadPage.ts), and the board's
 * Q&A flag and the solution's id columns of the thread's; this reads the thread's panel — its
 * accepted solution and its five most-kudoed posts the viewer may read (through the visibility
 * rule) — in one query, and only for a thread that has a solution or some kudos.
 */
import type { Database } from '../db';
import type { Actor } from '../policies';
import { readablePostsSql, viewerOf } from '../policies';
import { authorColumns, authorOf, AuthorRow, dateOrNull, Row, select } from './rows';
import type { PostRow, ThreadRow } from './threadPage';

export interface PostKudosRow {
  kudoCount: number;
  given: boolean;
  previouslyAcceptedAt: Date | null;
}

export interface PanelPostRow {
  id: number;
  number: number;
  excerpt: string;
  kudoCount: number;
  authorId: number;
  hiddenAt: Date | null;
  author: AuthorRow | null;
}

export interface ThreadKudosRows {
  isQa: boolean;
  solutionPostId: number | null;
  /** The accepted solution, when the viewer may read it. */
  solution: PanelPostRow | null;
  /** Up to five posts with kudos, most first. */
  mostHelpful: PanelPostRow[];
  byPost: Map<number, PostKudosRow>;
}

export const MOST_HELPFUL = 5;

// The thread's solution and top posts by id: two uncorrelated lists, each computed once, the second
// from the (thread_id, kudo_count) index.
function panelSql(readable: string): string {
  return `SELECT p.id, p.number, p.excerpt, p.kudo_count, p.author_id, p.hidden_at, ${authorColumns('a')},
      CASE WHEN p.id = h.solution_post_id THEN 1 ELSE 0 END AS is_solution
    FROM (SELECT t.solution_post_id FROM threads t WHERE t.id = :threadId) h
    JOIN posts p ON p.id IN (
      SELECT t1.solution_post_id FROM threads t1 WHERE t1.id = :threadId
      UNION ALL
      SELECT helpful.id FROM (
        SELECT p2.id FROM posts p2 JOIN threads t ON t.id = p2.thread_id
        WHERE p2.thread_id = :threadId AND p2.kudo_count > 0 AND ${readable}
        ORDER BY p2.kudo_count DESC, p2.number ASC LIMIT ${MOST_HELPFUL}) helpful)
    LEFT JOIN members a ON a.id = p.author_id`;
}

function panelPostOf(row: Row): PanelPostRow {
  return {
    id: Number(row.id),
    number: Number(row.number),
    excerpt: String(row.excerpt),
    kudoCount: Number(row.kudo_count),
    authorId: Number(row.author_id),
    hiddenAt: dateOrNull(row.hidden_at),
    author: authorOf(row, 'a'),
  };
}

export type ThreadPanelRows = Pick<ThreadKudosRows, 'solution' | 'mostHelpful'>;

/** The thread's panel for this viewer: no query for a thread without a solution or kudos. */
export async function readThreadPanel(db: Database, actor: Actor, thread: ThreadRow): Promise<ThreadPanelRows> {
  if (thread.solutionPostId === null && !thread.hasKudos) return { solution: null, mostHelpful: [] };
  const readable = readablePostsSql(viewerOf(actor), { post: 'p2', thread: 't' });
  const rows = await select(db, panelSql(readable.sql), { threadId: thread.id, ...readable.replacements });
  return {
    solution: rows.filter((row) => Number(row.is_solution) === 1).map(panelPostOf)[0] ?? null,
    mostHelpful: rows
      .filter((row) => Number(row.kudo_count) > 0)
      .map(panelPostOf)
      .sort((a, b) => b.kudoCount - a.kudoCount || a.number - b.number)
      .slice(0, MOST_HELPFUL),
  };
}

/** Kudos and solution state of a thread page: the page's posts as read (with the viewer's kudos) and the panel. */
export function threadKudosOf(thread: ThreadRow, posts: ReadonlyArray<PostRow>, panel: ThreadPanelRows): ThreadKudosRows {
  const byPost = new Map<number, PostKudosRow>();
  for (const post of posts) byPost.set(post.id, { kudoCount: post.kudoCount, given: post.kudoGiven, previouslyAcceptedAt: post.previouslyAcceptedAt });
  return { isQa: thread.isQa, solutionPostId: thread.solutionPostId, byPost, ...panel };
}
