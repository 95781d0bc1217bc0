/**
 * The catch-up views of a thread as plain rows, in post-number order, keyset-paginated by post
 * number (after=N, never an OFFSET):
 *  - staff: the official answer, staff posts, posts with ETA notes, and the member posts staff
 *    replied to (posts.reply_to_number of a staff post, indexed by migration 020);
 *  - mine: the viewer's own posts and the staff replies to each of them.
 * Posts the viewer may not read are left out (server/policies/visibility.ts).
 */
import type { BadgeCitation } from '../../models';
import type { EtaTrail } from '../presenters/eta';
import type { Database } from '../db';
import { readablePostsSql, staffRolesSql, type Viewer } from '../policies';
import { citationsOfPosts } from '../services/badges/citations';
import { etaTrailsOf } from './etaNotes';
import { select } from './rows';
import { postOf, POSTS_COLUMNS, type PostRow } from './threadPage';

export const CATCH_UP_PER_PAGE = 20;
export type CatchUpKind = 'staff' | 'mine';

/** The thread's accepted solution (Q&A boards, threads.solution_post_id) belongs in the staff view. */
export const ACCEPTED_SOLUTION_SQL = 'p.id = t.solution_post_id';

const STAFF = staffRolesSql();

const CONDITIONS: Record<CatchUpKind, string> = {
  staff: `(p.id = t.official_post_id OR ${ACCEPTED_SOLUTION_SQL} OR a.role IN (${STAFF})
    OR EXISTS (SELECT 1 FROM eta_notes n WHERE n.post_id = p.id)
    OR EXISTS (SELECT 1 FROM posts r JOIN members ra ON ra.id = r.author_id
      WHERE r.thread_id = p.thread_id AND r.reply_to_number = p.number AND r.hidden_at IS NULL AND ra.role IN (${STAFF})))`,
  mine: `(p.author_id = :mine OR (a.role IN (${STAFF})
    AND EXISTS (SELECT 1 FROM posts q WHERE q.thread_id = p.thread_id AND q.number = p.reply_to_number AND q.author_id = :mine)))`,
};

const SQL = (kind: CatchUpKind, visible: string) => `SELECT ${POSTS_COLUMNS}
  FROM posts p
  JOIN threads t ON t.id = p.thread_id
  LEFT JOIN members a ON a.id = p.author_id
  LEFT JOIN members e ON e.id = p.edited_by_id
  WHERE p.thread_id = :threadId AND p.number > :after AND ${visible} AND ${CONDITIONS[kind]}
  ORDER BY p.number
  LIMIT :limit`;

export interface CatchUpRows {
  posts: PostRow[];
  etaTrails: Map<number, EtaTrail>;
  citationsByPost: Map<number, BadgeCitation[]>;
  /** The last post number shown, when more follow it. */
  nextAfter: number | null;
}

/** One page of a catch-up view: the posts after post number `after` that belong to it. */
export async function readCatchUp(db: Database, threadId: number, kind: CatchUpKind, viewer: Viewer, after: number): Promise<CatchUpRows> {
  const visible = readablePostsSql(viewer);
  const rows = await select(db, SQL(kind, visible.sql), {
    ...visible.replacements,
    threadId,
    after,
    mine: viewer.memberId ?? 0,
    viewerId: viewer.memberId,
    limit: CATCH_UP_PER_PAGE + 1,
  });
  const page = rows.slice(0, CATCH_UP_PER_PAGE);
  const posts = page.map(postOf);
  const withEta = page.filter((row) => Number(row.eta_notes) > 0).map((row) => Number(row.id));
  const withCitations = page.filter((row) => Number(row.citations) > 0).map((row) => Number(row.id));
  const [etaTrails, citationsByPost] = await Promise.all([etaTrailsOf(db, withEta), citationsOfPosts(db, withCitations)]);
  return { posts, etaTrails, citationsByPost, nextAfter: rows.length > CATCH_UP_PER_PAGE ? posts[posts.length - 1].number : null };
}
