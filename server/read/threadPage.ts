/**
 * The thread page's reads as plain rows: the thread with its board, official answer, Q&A facts
 * and the viewer's follow state and read position (one query), then a page of posts with their
 * authors and editors, kudos and the viewer's own kudos and reports (one query, which also says
 * which of them carry ETA notes, citations or a question), then only where some do, the ETA notes
 * and badge citations of those posts (in parallel). Most pages need neither.
 * Queries per page are the same for page 1 and page 1,000 of any thread.
 *
 * Each feature's per-page facts are columns of these two queries rather than queries of their
 * own: a signed-in thread page ran eight statements after the kudos, desk and reading features
 * were merged, and each statement costs its round trip (a thread-pool hop on SQLite, a network
 * round trip on PostgreSQL) whatever it reads.
 */
import type { Board, BadgeCitation, Post, Thread } from '../../models';
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import type { EtaTrail } from '../presenters/eta';
import { citationsOfPosts } from '../services/badges/citations';
import { settledWritesOf } from '../services/readTracking';
import { pageCountOf, POSTS_PER_PAGE } from '../services/threads';
import { etaTrailsOf } from './etaNotes';
import { authorColumns, authorOf, AuthorRow, boolOf, dateOf, dateOrNull, numberOrNull, Row, select } from './rows';

export interface ThreadRow
  extends Pick<Thread, 'id' | 'title' | 'slug' | 'postCount' | 'lastPostNumber' | 'isPinned' | 'pinnedUntil' | 'isLocked' | 'officialPostId' | 'hiddenAt' | 'hiddenReason' | 'officialMarkedAt' | 'createdAt'> {
  boardId: number;
  authorId: number;
  board: Pick<Board, 'id' | 'slug' | 'name' | 'staffOnlyThreads'> | null;
  /** Its board is a Q&A board (solutions, "I'm asking the team" ticked by default). */
  isQa: boolean;
  solutionPostId: number | null;
  /** The starter's role, for the desk's "asking" default (null when the starter is gone). */
  starterRole: string | null;
  /** Some post of the thread has kudos: only then is the "most helpful" panel read. */
  hasKudos: boolean;
  officialPost:
    | (Pick<Post, 'id' | 'number' | 'excerpt' | 'createdAt' | 'hiddenAt' | 'editedAt'> & { authorId: number; author: AuthorRow | null; editedBy: AuthorRow | null })
    | null;
}

export interface PostRow
  extends Pick<Post, 'id' | 'number' | 'html' | 'createdAt' | 'editedAt' | 'editReason' | 'replyToNumber' | 'hiddenAt' | 'hiddenReason' | 'hiddenById' | 'supersededByNumber' | 'version' | 'deletedByAuthor'> {
  authorId: number;
  author: AuthorRow | null;
  editedBy: AuthorRow | null;
  /** The viewer has an open report on it ("You reported this post"); never anyone else's reports. */
  reportedByViewer: boolean;
  kudoCount: number;
  /** The viewer gave it a kudo (false for visitors). */
  kudoGiven: boolean;
  previouslyAcceptedAt: Date | null;
  /** It is a question on the staff desk (its state is read only for such posts). */
  isQuestion: boolean;
}

export interface ThreadPageRows {
  thread: ThreadRow;
  posts: PostRow[];
  etaTrails: Map<number, EtaTrail>;
  citationsByPost: Map<number, BadgeCitation[]>;
  page: number;
  pageCount: number;
}

const THREAD_SQL = `SELECT t.id, t.board_id, t.author_id, t.title, t.slug, t.post_count, t.last_post_number, t.is_pinned, t.pinned_until,
    t.is_locked, t.official_post_id, t.hidden_at, t.hidden_reason, t.official_marked_at, t.created_at, t.solution_post_id,
    b.id AS b_id, b.slug AS b_slug, b.name AS b_name, b.staff_only_threads AS b_staff_only_threads, b.is_qa AS b_is_qa,
    sm.role AS starter_role,
    CASE WHEN EXISTS (SELECT 1 FROM posts pk WHERE pk.thread_id = t.id AND pk.kudo_count > 0) THEN 1 ELSE 0 END AS has_kudos,
    (SELECT r.last_read_number FROM read_positions r WHERE r.member_id = :memberId AND r.thread_id = t.id) AS viewer_position,
    op.id AS op_id, op.number AS op_number, op.excerpt AS op_excerpt, op.created_at AS op_created_at,
    op.author_id AS op_author_id, op.hidden_at AS op_hidden_at, op.edited_at AS op_edited_at, ${authorColumns('oa')}, ${authorColumns('oe')},
    (SELECT COUNT(*) FROM thread_follows f WHERE f.thread_id = t.id AND f.member_id = :memberId) AS following
  FROM threads t
  LEFT JOIN boards b ON b.id = t.board_id
  LEFT JOIN members sm ON sm.id = t.author_id
  LEFT JOIN posts op ON op.id = t.official_post_id
  LEFT JOIN members oa ON oa.id = op.author_id
  LEFT JOIN members oe ON oe.id = op.edited_by_id
  WHERE t.id = :threadId`;

// Numbers are gap-free, so page p is the range ((p-1)*10, p*10]: an index range scan, never an OFFSET.
/**
 * What postOf reads, from posts p with authors a and editors e joined: the ETA-note and citation
 * counts (so those are read only for posts that have some) and the viewer's own open report.
 */
export const POSTS_COLUMNS = `p.id, p.number, p.author_id, p.html, p.created_at, p.edited_at, p.edit_reason, p.reply_to_number,
    p.hidden_at, p.hidden_reason, p.hidden_by_id, p.deleted_by_author, p.superseded_by_number, p.version, ${authorColumns('a')}, ${authorColumns('e')},
    (SELECT COUNT(*) FROM eta_notes n WHERE n.post_id = p.id) AS eta_notes,
    (SELECT COUNT(*) FROM badge_citations c WHERE c.post_id = p.id) AS citations,
    (SELECT COUNT(*) FROM reports r WHERE r.post_id = p.id AND r.reporter_id = :viewerId AND r.status = 'open') AS reported_by_viewer,
    p.kudo_count, p.previously_accepted_at,
    (SELECT COUNT(*) FROM kudos k WHERE k.post_id = p.id AND k.member_id = :viewerId) AS kudo_given,
    (SELECT COUNT(*) FROM questions q WHERE q.post_id = p.id) AS is_question`;

const POSTS_SQL = `SELECT ${POSTS_COLUMNS}
  FROM posts p
  LEFT JOIN members a ON a.id = p.author_id
  LEFT JOIN members e ON e.id = p.edited_by_id
  WHERE p.thread_id = :threadId AND p.number BETWEEN :first AND :last
  ORDER BY p.number`;

function threadOf(row: Row): ThreadRow {
  return {
    id: Number(row.id),
    boardId: Number(row.board_id),
    authorId: Number(row.author_id),
    title: String(row.title),
    slug: String(row.slug),
    postCount: Number(row.post_count),
    lastPostNumber: Number(row.last_post_number),
    isPinned: boolOf(row.is_pinned),
    pinnedUntil: dateOrNull(row.pinned_until),
    isLocked: boolOf(row.is_locked),
    officialPostId: numberOrNull(row.official_post_id),
    hiddenAt: dateOrNull(row.hidden_at),
    hiddenReason: (row.hidden_reason as string | null) ?? null,
    officialMarkedAt: dateOrNull(row.official_marked_at),
    createdAt: dateOf(row.created_at),
    board:
      row.b_id === null
        ? null
        : { id: Number(row.b_id), slug: String(row.b_slug), name: String(row.b_name), staffOnlyThreads: boolOf(row.b_staff_only_threads) },
    isQa: row.b_id !== null && boolOf(row.b_is_qa),
    solutionPostId: numberOrNull(row.solution_post_id),
    starterRole: (row.starter_role as string | null) ?? null,
    hasKudos: boolOf(row.has_kudos),
    officialPost:
      row.op_id === null
        ? null
        : {
            id: Number(row.op_id),
            number: Number(row.op_number),
            excerpt: String(row.op_excerpt),
            createdAt: dateOf(row.op_created_at),
            authorId: Number(row.op_author_id),
            hiddenAt: dateOrNull(row.op_hidden_at),
            editedAt: dateOrNull(row.op_edited_at),
            author: authorOf(row, 'oa'),
            editedBy: authorOf(row, 'oe'),
          },
  };
}

/** A post row as the thread page and the catch-up views read it (POSTS_COLUMNS). */
export function postOf(row: Row): PostRow {
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
    deletedByAuthor: boolOf(row.deleted_by_author),
    supersededByNumber: numberOrNull(row.superseded_by_number),
    version: Number(row.version),
    author: authorOf(row, 'a'),
    editedBy: authorOf(row, 'e'),
    reportedByViewer: Number(row.reported_by_viewer) > 0,
    kudoCount: Number(row.kudo_count ?? 0),
    kudoGiven: Number(row.kudo_given) > 0,
    previouslyAcceptedAt: dateOrNull(row.previously_accepted_at),
    isQuestion: Number(row.is_question) > 0,
  };
}

export interface ThreadRead {
  thread: ThreadRow;
  /** The member follows it (false for anonymous readers). */
  following: boolean;
  /** The member's read position before this view: null for visitors and before a first visit. */
  position: number | null;
}

/** The thread for its page, with this member's follow state and read position. */
export async function readThread(db: Database, threadId: number, memberId: number | null): Promise<ThreadRead> {
  // A page view's position write may still be running after its answer was sent: this process reads its own writes.
  if (memberId !== null) await settledWritesOf(db, memberId);
  const [row] = await select(db, THREAD_SQL, { threadId, memberId });
  if (!row) throw new NotFoundError('There is no thread at this address.');
  return { thread: threadOf(row), following: Number(row.following) > 0, position: numberOrNull(row.viewer_position) };
}

/** A page of the thread's posts with their authors, ETA notes and citations, and the viewer's own reports on them. */
export async function readThreadPage(db: Database, thread: ThreadRow, page: number, viewerId: number | null): Promise<ThreadPageRows> {
  const pageCount = pageCountOf(thread);
  if (!Number.isInteger(page) || page < 1 || page > pageCount) {
    throw new NotFoundError('This thread has no page with that number.');
  }
  const first = (page - 1) * POSTS_PER_PAGE + 1;
  const rows = await select(db, POSTS_SQL, { threadId: thread.id, first, last: page * POSTS_PER_PAGE, viewerId });
  const posts = rows.map(postOf);
  // Both counts come from indexes on post_id; the notes and citations are read only for the posts that have some.
  const withEta = rows.filter((row) => Number(row.eta_notes) > 0).map((row) => Number(row.id));
  const withCitations = rows.filter((row) => Number(row.citations) > 0).map((row) => Number(row.id));
  const [etaTrails, citationsByPost] = await Promise.all([etaTrailsOf(db, withEta), citationsOfPosts(db, withCitations)]);
  return { thread, posts, etaTrails, citationsByPost, page, pageCount };
}
