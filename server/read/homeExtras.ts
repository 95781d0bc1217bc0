/**
 * The home page beyond its board cards (issue 23): the latest threads across boards, the newest
 * official answers, and for a signed-in member "Your questions" with their state. Each list is
 * one bounded query on an index of migration 024 (threads_latest, threads_official_marked,
 * threads_author); the latest threads carry the count of the viewer's unread notifications in
 * each (a column, not a query of its own: 10 index lookups). Lists follow the visibility rule: hidden threads only for staff (listsHiddenThreads),
 * official answers only when the reader may read the post (readablePostsSql).
 *
 * "Unread" has no per-thread read marks to come from in this forum: it is the number of the
 * member's unread notifications about that thread (replies in followed threads, mentions, quotes…).
 */
import type { Database } from '../db';
import { readablePostsSql, type Viewer } from '../policies';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, Row, select } from './rows';

export const LATEST_THREADS = 10;
export const OFFICIAL_ANSWERS = 5;
export const OWN_QUESTIONS = 10;

export interface LatestThreadRow {
  id: number;
  slug: string;
  title: string;
  postCount: number;
  lastPostAt: Date;
  lastPostNumber: number;
  hiddenAt: Date | null;
  hasOfficialAnswer: boolean;
  board: { slug: string; name: string };
  lastPoster: AuthorRow | null;
  unread: number;
}

export interface OfficialAnswerRow {
  thread: { id: number; slug: string; title: string };
  post: { number: number; excerpt: string };
  markedAt: Date | null;
  author: AuthorRow | null;
}

export interface OwnQuestionRow {
  id: number;
  slug: string;
  title: string;
  postCount: number;
  lastPostAt: Date;
  state: 'answered' | 'staff-replied' | 'waiting';
}

export interface HomeExtras {
  latest: LatestThreadRow[];
  officialAnswers: OfficialAnswerRow[];
  ownQuestions: OwnQuestionRow[] | null;
}

const STAFF_ROLES = "('moderator', 'manager')";

function latestOf(row: Row): LatestThreadRow {
  return {
    id: Number(row.id),
    slug: String(row.slug),
    title: String(row.title),
    postCount: Number(row.post_count),
    lastPostAt: dateOf(row.last_post_at),
    lastPostNumber: Number(row.last_post_number),
    hiddenAt: dateOrNull(row.hidden_at),
    hasOfficialAnswer: row.official_post_id !== null,
    board: { slug: String(row.b_slug), name: String(row.b_name) },
    lastPoster: authorOf(row, 'lp'),
    unread: Number(row.unread ?? 0),
  };
}

export async function readHomeExtras(db: Database, viewer: Viewer, options: { withHiddenThreads: boolean }): Promise<HomeExtras> {
  const hiddenFilter = options.withHiddenThreads ? '' : 'WHERE t.hidden_at IS NULL';
  const readable = readablePostsSql(viewer, { post: 'op', thread: 't' });
  // The notifications' posts as the reader may see them (p); the thread is the listed one (t).
  const unreadReadable = readablePostsSql(viewer);
  const [latestRows, answerRows, ownRows] = await Promise.all([
    select(
      db,
      `SELECT t.id, t.slug, t.title, t.post_count, t.last_post_at, t.last_post_number, t.hidden_at, t.official_post_id,
         b.slug AS b_slug, b.name AS b_name, ${authorColumns('lp')},
         (SELECT COUNT(*) FROM notifications n LEFT JOIN posts p ON p.id = n.post_id
           WHERE n.member_id = :memberId AND n.read_at IS NULL AND n.thread_id = t.id AND ${unreadReadable.sql}) AS unread
       FROM threads t JOIN boards b ON b.id = t.board_id LEFT JOIN members lp ON lp.id = t.last_poster_id
       ${hiddenFilter}
       ORDER BY t.last_post_at DESC, t.id DESC LIMIT ${LATEST_THREADS}`,
      { memberId: viewer.memberId, ...unreadReadable.replacements },
    ),
    select(
      db,
      `SELECT t.id, t.slug, t.title, t.official_marked_at, op.number, op.excerpt, ${authorColumns('a')}
       FROM threads t JOIN posts op ON op.id = t.official_post_id LEFT JOIN members a ON a.id = op.author_id
       WHERE t.official_marked_at IS NOT NULL AND t.is_locked = :no AND ${readable.sql}
       ORDER BY t.official_marked_at DESC LIMIT ${OFFICIAL_ANSWERS}`,
      { no: false, ...readable.replacements },
    ),
    viewer.memberId === null
      ? Promise.resolve(null)
      : select(
          db,
          // Staff involvement per question: the official answer, else any visible staff reply (stops at the first).
          `SELECT t.id, t.slug, t.title, t.post_count, t.last_post_at, t.official_post_id,
             CASE WHEN EXISTS (SELECT 1 FROM posts r JOIN members m ON m.id = r.author_id
               WHERE r.thread_id = t.id AND r.number > 1 AND r.hidden_at IS NULL AND m.role IN ${STAFF_ROLES}) THEN 1 ELSE 0 END AS staff_replied
           FROM threads t WHERE t.author_id = :memberId ${options.withHiddenThreads ? '' : 'AND t.hidden_at IS NULL'}
           ORDER BY t.id DESC LIMIT ${OWN_QUESTIONS}`,
          { memberId: viewer.memberId },
        ),
  ]);
  return {
    latest: latestRows.map(latestOf),
    officialAnswers: answerRows.map((row) => ({
      thread: { id: Number(row.id), slug: String(row.slug), title: String(row.title) },
      post: { number: Number(row.number), excerpt: String(row.excerpt) },
      markedAt: dateOrNull(row.official_marked_at),
      author: authorOf(row, 'a'),
    })),
    ownQuestions: ownRows
      ? ownRows.map((row) => ({
          id: Number(row.id),
          slug: String(row.slug),
          title: String(row.title),
          postCount: Number(row.post_count),
          lastPostAt: dateOf(row.last_post_at),
          state: row.official_post_id !== null ? 'answered' : Number(row.staff_replied) > 0 ? 'staff-replied' : 'waiting',
        }))
      : null,
  };
}
