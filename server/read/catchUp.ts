/**
 * The catch-up views of a thread as plain rows, in post-number order, keyset-paginated by post
 * number (after=N, never an OFFSET):
 *  - staff: the official answer, staff posts, posts with ETA notes, and the member posts staff
 *    replied to (posts.reply_to_number of a staff post, indexed by migration 020);
 *  - mine: the viewer's own posts and the staff replies to each of them.
 * Posts the viewer may not read are left out (server/policies/visibility.ts).
 */
import type { BadgeCitation, EtaNote } from '../../models';
import type { Database } from '../db';
import { readablePostsSql, staffRolesSql, type Viewer } from '../policies';
import { citationsOfPosts } from '../services/badges/citations';
import { AUTHOR_ATTRIBUTES } from '../services/members';
import { authorColumns, authorOf, dateOf, dateOrNull, numberOrNull, Row, select } from './rows';
import type { PostRow } from './threadPage';

export const CATCH_UP_PER_PAGE = 20;
export type CatchUpKind = 'staff' | 'mine';

/**
 * Hook for accepted solutions (issue 19): once threads record one, this becomes e.g.
 * `p.id = t.accepted_post_id`, and the accepted solution joins the staff view.
 */
export const ACCEPTED_SOLUTION_SQL = '1 = 0';

const STAFF = staffRolesSql();

const CONDITIONS: Record<CatchUpKind, string> = {
  staff: `(p.id = t.official_post_id OR ${ACCEPTED_SOLUTION_SQL} OR a.role IN (${STAFF})
    OR EXISTS (SELECT 1 FROM eta_notes n WHERE n.post_id = p.id)
    OR EXISTS (SELECT 1 FROM posts r JOIN members ra ON ra.id = r.author_id
      WHERE r.thread_id = p.thread_id AND r.reply_to_number = p.number AND r.hidden_at IS NULL AND ra.role IN (${STAFF})))`,
  mine: `(p.author_id = :mine OR (a.role IN (${STAFF})
    AND EXISTS (SELECT 1 FROM posts q WHERE q.thread_id = p.thread_id AND q.number = p.reply_to_number AND q.author_id = :mine)))`,
};

const SQL = (kind: CatchUpKind, visible: string) => `SELECT p.id, p.number, p.author_id, p.html, p.created_at, p.edited_at, p.edit_reason,
    p.reply_to_number, p.hidden_at, p.hidden_reason, p.hidden_by_id, p.superseded_by_number, p.version, ${authorColumns('a')}, ${authorColumns('e')},
    (SELECT COUNT(*) FROM eta_notes n WHERE n.post_id = p.id) AS eta_notes,
    (SELECT COUNT(*) FROM badge_citations c WHERE c.post_id = p.id) AS citations
  FROM posts p
  JOIN threads t ON t.id = p.thread_id
  LEFT JOIN members a ON a.id = p.author_id
  LEFT JOIN members e ON e.id = p.edited_by_id
  WHERE p.thread_id = :threadId AND p.number > :after AND ${visible} AND ${CONDITIONS[kind]}
  ORDER BY p.number
  LIMIT :limit`;

function postOf(row: Row): PostRow {
  return {
    id: Number(row.id),
    number: Number(row.number),
    authorId: Number(row.author_id),
    html: String(row.html),
    createdAt: dateOf(row.created_at),
    editedAt: dateOrNull(row.edited_at),
    editReason: (row.edit_reason as string | null) ?? null,
    replyToNumber: numberOrNull(row.reply_to_number),
    hiddenAt: dateOrNull(row.hidden_at),
    hiddenReason: (row.hidden_reason as string | null) ?? null,
    hiddenById: numberOrNull(row.hidden_by_id),
    supersededByNumber: numberOrNull(row.superseded_by_number),
    version: Number(row.version),
    author: authorOf(row, 'a'),
    editedBy: authorOf(row, 'e'),
  };
}

export interface CatchUpRows {
  posts: PostRow[];
  etaNotesByPost: Map<number, EtaNote[]>;
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
    limit: CATCH_UP_PER_PAGE + 1,
  });
  const page = rows.slice(0, CATCH_UP_PER_PAGE);
  const posts = page.map(postOf);
  const withEta = page.filter((row) => Number(row.eta_notes) > 0).map((row) => Number(row.id));
  const withCitations = page.filter((row) => Number(row.citations) > 0).map((row) => Number(row.id));
  const [etaNotes, citationsByPost] = await Promise.all([etaNotesOf(db, withEta), citationsOfPosts(db, withCitations)]);
  const etaNotesByPost = new Map<number, EtaNote[]>();
  for (const note of etaNotes) etaNotesByPost.set(note.postId, [...(etaNotesByPost.get(note.postId) ?? []), note]);
  return { posts, etaNotesByPost, citationsByPost, nextAfter: rows.length > CATCH_UP_PER_PAGE ? posts[posts.length - 1].number : null };
}

// As threadPage.ts reads them (its reader is not exported): only for the posts that have notes.
function etaNotesOf(db: Database, postIds: number[]): Promise<EtaNote[]> {
  if (!postIds.length) return Promise.resolve([]);
  const { EtaNote, Member, Post } = db.models;
  return EtaNote.findAll({
    where: { postId: postIds },
    include: [
      { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
      { model: Member, as: 'closedBy', attributes: AUTHOR_ATTRIBUTES },
      { model: Post, as: 'followUpPost', attributes: ['id', 'number'] },
    ],
    order: [['createdAt', 'ASC'], ['id', 'ASC']],
  });
}
