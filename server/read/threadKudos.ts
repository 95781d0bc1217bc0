/**
 * The thread page's kudos and solution reads, as plain rows, in two queries whatever the page:
 * the page's posts' kudo counts, "Previously accepted" marks and whether the viewer gave each a
 * kudo (by the page's post ids); and the thread's panel: its board's Q&A flag, its accepted
 * solution and its five most-kudoed posts the viewer may read (through the visibility rule).
 */
import type { Database } from '../db';
import type { Actor } from '../policies';
import { readablePostsSql, viewerOf } from '../policies';
import { authorColumns, authorOf, AuthorRow, boolOf, dateOrNull, Row, select } from './rows';

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

const PAGE_SQL = `SELECT p.id, p.kudo_count, p.previously_accepted_at,
    (SELECT COUNT(*) FROM kudos k WHERE k.post_id = p.id AND k.member_id = :memberId) AS given
  FROM posts p WHERE p.id IN (:postIds)`;

// The thread's row first (one row, so the flags come back even with no posts), then its solution
// and top posts by id: two uncorrelated lists, each computed once, the second from the
// (thread_id, kudo_count) index.
function panelSql(readable: string): string {
  return `SELECT h.is_qa, h.solution_post_id, p.id, p.number, p.excerpt, p.kudo_count, p.author_id, p.hidden_at, ${authorColumns('a')},
      CASE WHEN p.id = h.solution_post_id THEN 1 ELSE 0 END AS is_solution
    FROM (SELECT b.is_qa, t.solution_post_id FROM threads t JOIN boards b ON b.id = t.board_id WHERE t.id = :threadId) h
    LEFT JOIN posts p ON p.id IN (
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

/** Kudos and solution state of a thread page, for this viewer. */
export async function readThreadKudos(db: Database, actor: Actor, threadId: number, postIds: number[]): Promise<ThreadKudosRows> {
  const readable = readablePostsSql(viewerOf(actor), { post: 'p2', thread: 't' });
  const [pageRows, panelRows] = await Promise.all([
    postIds.length ? select(db, PAGE_SQL, { postIds, memberId: actor.memberId ?? 0 }) : Promise.resolve([]),
    select(db, panelSql(readable.sql), { threadId, ...readable.replacements }),
  ]);
  const byPost = new Map<number, PostKudosRow>();
  for (const row of pageRows) {
    byPost.set(Number(row.id), { kudoCount: Number(row.kudo_count), given: Number(row.given) > 0, previouslyAcceptedAt: dateOrNull(row.previously_accepted_at) });
  }
  const first = panelRows[0];
  const posts = panelRows.filter((row) => row.id !== null && row.id !== undefined);
  return {
    isQa: first ? boolOf(first.is_qa) : false,
    solutionPostId: first && first.solution_post_id !== null ? Number(first.solution_post_id) : null,
    solution: posts.filter((row) => Number(row.is_solution) === 1).map(panelPostOf)[0] ?? null,
    mostHelpful: posts
      .filter((row) => Number(row.kudo_count) > 0)
      .map(panelPostOf)
      .sort((a, b) => b.kudoCount - a.kudoCount || a.number - b.number)
      .slice(0, MOST_HELPFUL),
  byPost,
  };
}
