/**
 * The staff questions queue, read side, as plain rows: open questions oldest first (keyset pages
 * of QUESTIONS_PAGE_SIZE over the queue indexes of migration 026), the latest answered ones, the header
 * count, and the question state of a page of posts for the thread page. Fixed queries per page.
 */
import type { Database } from '../../db';
import { readablePostsSql, type Viewer } from '../../policies';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, numberOrNull, Row, select } from '../../read/rows';

export const QUESTIONS_PAGE_SIZE = 25;
export const RECENTLY_ANSWERED = 10;

export type QuestionState = 'open' | 'answered' | 'not_needed';

export interface QueueFilter {
  boardId?: number | null;
  threadId?: number | null;
  /** Claimed by this staff member (live claims only). */
  mineId?: number | null;
  unclaimed?: boolean;
  olderThanHours?: number | null;
  /** Keyset: questions asked after this one (asked_at, post id). */
  after?: { askedAt: Date; postId: number } | null;
}

export interface QuestionRow {
  postId: number;
  postNumber: number;
  state: QuestionState;
  askedAt: Date;
  excerpt: string;
  postHidden: boolean;
  thread: { id: number; title: string; slug: string };
  board: { id: number; name: string; slug: string };
  author: AuthorRow | null;
  /** A live claim (a claim past the timeout is shown as none). */
  claim: { by: AuthorRow | null; at: Date; expiresAt: Date } | null;
  answer: { postNumber: number | null; by: AuthorRow | null; at: Date | null; reason: string | null } | null;
  /** The latest ETA note on the answering post (the ETA tracker's promise), if any. */
  answerEta: { status: string; window: string | null } | null;
}

const COLUMNS = `q.post_id, q.post_number, q.state, q.asked_at, q.claimed_at, q.claim_expires_at, q.answered_at, q.closed_reason, q.claimed_by_id,
  p.excerpt, p.hidden_at AS post_hidden_at, t.id AS t_id, t.title AS t_title, t.slug AS t_slug, b.id AS b_id, b.name AS b_name, b.slug AS b_slug,
  ap.number AS answer_number,
  (SELECT n.status FROM eta_notes n WHERE n.post_id = q.answered_by_post_id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) AS eta_status,
  (SELECT n.promised_window FROM eta_notes n WHERE n.post_id = q.answered_by_post_id ORDER BY n.created_at DESC, n.id DESC LIMIT 1) AS eta_window,
  ${authorColumns('a')}, ${authorColumns('c')}, ${authorColumns('r')}`;

const FROM = `FROM questions q
  JOIN posts p ON p.id = q.post_id
  JOIN threads t ON t.id = q.thread_id
  JOIN boards b ON b.id = q.board_id
  LEFT JOIN members a ON a.id = q.author_id
  LEFT JOIN members c ON c.id = q.claimed_by_id
  LEFT JOIN members r ON r.id = q.answered_by_id
  LEFT JOIN posts ap ON ap.id = q.answered_by_post_id`;

function questionOf(row: Row, now: Date): QuestionRow {
  const claimedAt = dateOrNull(row.claimed_at);
  const claimExpiresAt = dateOrNull(row.claim_expires_at);
  const state = String(row.state) as QuestionState;
  return {
    postId: Number(row.post_id),
    postNumber: Number(row.post_number),
    state,
    askedAt: dateOf(row.asked_at),
    excerpt: String(row.excerpt ?? ''),
    postHidden: row.post_hidden_at !== null && row.post_hidden_at !== undefined,
    thread: { id: Number(row.t_id), title: String(row.t_title), slug: String(row.t_slug) },
    board: { id: Number(row.b_id), name: String(row.b_name), slug: String(row.b_slug) },
    author: authorOf(row, 'a'),
    claim: state === 'open' && claimedAt && claimExpiresAt && claimExpiresAt > now ? { by: authorOf(row, 'c'), at: claimedAt, expiresAt: claimExpiresAt } : null,
    answerEta: row.eta_status ? { status: String(row.eta_status), window: (row.eta_window as string | null) ?? null } : null,
    answer: state === 'open' ? null : { postNumber: numberOrNull(row.answer_number), by: authorOf(row, 'r'), at: dateOrNull(row.answered_at), reason: (row.closed_reason as string | null) ?? null },
  };
}

/**
 * The visibility rule as a check of the question's own post and thread, so the ordered read of a
 * queue index stays the outer loop (as a join, the planner may start from threads and sort).
 */
function readableQuestionSql(viewer: Viewer): { sql: string; replacements: Record<string, unknown> } {
  const visibility = readablePostsSql(viewer);
  return {
    sql: `EXISTS (SELECT 1 FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = q.post_id AND ${visibility.sql})`,
    replacements: visibility.replacements,
  };
}

/** The page's questions with everything shown about them, for the post ids an index read picked (as "picked"). */
function pickedQuestionsSql(picked: string, order: string): string {
  return `SELECT ${COLUMNS} FROM (${picked}) picked ${FROM.replace('FROM questions q', 'JOIN questions q ON q.post_id = picked.post_id')} ORDER BY ${order}`;
}

/**
 * Open questions, oldest first, one keyset page (plus one row to tell whether there is more).
 * One ordered range of a queue index (migration 026: all, by board, by thread, by claimer) that
 * stops after the page, however deep the page and whichever filters.
 */
export async function listOpenQuestions(
  db: Database,
  viewer: Viewer,
  filter: QueueFilter,
  options: { now: Date },
): Promise<{ questions: QuestionRow[]; hasMore: boolean }> {
  const visibility = readableQuestionSql(viewer);
  const conditions = [`q.state = 'open'`, visibility.sql];
  const replacements: Record<string, unknown> = { ...visibility.replacements, now: options.now };
  if (filter.boardId) { conditions.push('q.board_id = :boardId'); replacements.boardId = filter.boardId; }
  if (filter.threadId) { conditions.push('q.thread_id = :threadId'); replacements.threadId = filter.threadId; }
  if (filter.mineId) { conditions.push('q.claimed_by_id = :mineId AND q.claim_expires_at > :now'); replacements.mineId = filter.mineId; }
  if (filter.unclaimed) conditions.push('(q.claimed_by_id IS NULL OR q.claim_expires_at <= :now)');
  if (filter.olderThanHours) {
    conditions.push('q.asked_at < :olderThan');
    replacements.olderThan = new Date(options.now.getTime() - filter.olderThanHours * 3_600_000);
  }
  if (filter.after) {
    // The range's lower end first (asked_at >=), so the index read starts at the cursor.
    conditions.push('q.asked_at >= :afterAt AND (q.asked_at > :afterAt OR q.post_id > :afterId)');
    replacements.afterAt = filter.after.askedAt;
    replacements.afterId = filter.after.postId;
  }
  const picked = `SELECT q.post_id, q.asked_at AS picked_at FROM questions q WHERE ${conditions.join(' AND ')}
    ORDER BY q.asked_at ASC, q.post_id ASC LIMIT ${QUESTIONS_PAGE_SIZE + 1}`;
  const rows = await select(db, pickedQuestionsSql(picked, 'picked.picked_at ASC, picked.post_id ASC'), replacements);
  return { questions: rows.slice(0, QUESTIONS_PAGE_SIZE).map((row) => questionOf(row, options.now)), hasMore: rows.length > QUESTIONS_PAGE_SIZE };
}

/** The two closed states, each read newest answer first from its own range of an answered index. */
const CLOSED_STATES = ['answered', 'not_needed'] as const;

/**
 * The latest answered (or closed) questions, newest answer first, with the same filters of board
 * and thread: the latest few of each closed state (a bounded read of an answered index each,
 * UNION ALL), then the newest of those. `state IN (...)` in one read made the database read every
 * closed question and sort them (90 ms a page at 20,000).
 */
export async function listRecentlyAnswered(db: Database, viewer: Viewer, filter: Pick<QueueFilter, 'boardId' | 'threadId'>, now: Date): Promise<QuestionRow[]> {
  const visibility = readableQuestionSql(viewer);
  const conditions = [visibility.sql];
  const replacements: Record<string, unknown> = { ...visibility.replacements };
  if (filter.boardId) { conditions.push('q.board_id = :boardId'); replacements.boardId = filter.boardId; }
  if (filter.threadId) { conditions.push('q.thread_id = :threadId'); replacements.threadId = filter.threadId; }
  const arms = CLOSED_STATES.map((state) => `SELECT * FROM (SELECT q.post_id, q.answered_at AS picked_at FROM questions q
    WHERE q.state = '${state}' AND ${conditions.join(' AND ')} ORDER BY q.answered_at DESC, q.post_id DESC LIMIT ${RECENTLY_ANSWERED}) ${state}_latest`);
  const rows = await select(db, `${pickedQuestionsSql(arms.join(' UNION ALL '), 'picked.picked_at DESC, picked.post_id DESC')} LIMIT ${RECENTLY_ANSWERED}`, replacements);
  return rows.map((row) => questionOf(row, now));
}

/** The header counts at most this many open questions ("99+" beyond). */
export const QUESTION_COUNT_CAP = 100;

/**
 * "Questions 3" in the staff header: a count over the queue index that stops at the cap, so a
 * rollout with 20,000 open questions costs every staff page view a hundred index entries, not all.
 */
export const OPEN_QUESTIONS_SQL = `(SELECT COUNT(*) FROM (SELECT 1 FROM questions WHERE state = 'open' LIMIT ${QUESTION_COUNT_CAP}) AS capped_questions)`;

/** The same count, alone (the session read runs OPEN_QUESTIONS_SQL for staff with the session). */
export async function openQuestionCount(db: Database): Promise<number> {
  const [row] = await select(db, `SELECT ${OPEN_QUESTIONS_SQL} AS n`, {});
  return Number(row?.n ?? 0);
}

/** The question state of these posts (a thread page's), by post id, in one query. */
export async function questionsOfPosts(db: Database, postIds: number[], now: Date): Promise<Map<number, QuestionRow>> {
  const byPost = new Map<number, QuestionRow>();
  if (!postIds.length) return byPost;
  const rows = await select(db, `SELECT ${COLUMNS} ${FROM} WHERE q.post_id IN (:postIds)`, { postIds });
  for (const row of rows) byPost.set(Number(row.post_id), questionOf(row, now));
  return byPost;
}

/** One question by its post id, or null when the post is no question. */
export async function questionOfPost(db: Database, postId: number, now: Date): Promise<QuestionRow | null> {
  return (await questionsOfPosts(db, [postId], now)).get(postId) ?? null;
}

/** What decides whether "I'm asking the team" starts ticked: a Q&A board, a thread started by staff. */
export async function askingContext(db: Database, where: { threadId: number } | { boardId: number }): Promise<{ isQaBoard: boolean; threadByStaff: boolean }> {
  const [row] = 'threadId' in where
    ? await select(db, `SELECT b.is_qa, m.role FROM threads t JOIN boards b ON b.id = t.board_id LEFT JOIN members m ON m.id = t.author_id WHERE t.id = :threadId`, where)
    : await select(db, 'SELECT b.is_qa, NULL AS role FROM boards b WHERE b.id = :boardId', where);
  return row ? askingContextOf(row) : { isQaBoard: false, threadByStaff: false };
}

/** The asking context from a board's Q&A flag and a thread starter's role (null for a new thread). */
export function askingContextOf(row: Record<string, unknown>): { isQaBoard: boolean; threadByStaff: boolean } {
  return { isQaBoard: row.is_qa === true || row.is_qa === 1 || row.is_qa === '1', threadByStaff: row.role === 'moderator' || row.role === 'manager' };
}
