/**
 * The home page's board list and a board's page of threads as plain rows (see rows.ts for why).
 * A board page is the board with whether the viewer follows it and how many pins are live (one
 * query), then its threads by latest activity through the (board_id, last_post_at) index, and on
 * the first page its live pins beside them (in parallel).
 */
import type { Board, Thread } from '../../models';
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import { listedThreadCount, THREADS_PER_PAGE } from '../services/boards';
import { settledWritesOf } from '../services/readTracking';
import { authorColumns, authorOf, AuthorRow, boolOf, dateOf, dateOrNull, numberOrNull, Row, select } from './rows';

export type BoardRow = Pick<Board, 'id' | 'slug' | 'name' | 'description' | 'position' | 'staffOnlyThreads' | 'threadCount' | 'postCount' | 'hiddenThreadCount' | 'hiddenPostCount'> & {
  /** A Q&A board (migration 019): questions by default, accepted solutions. */
  isQa: boolean;
};

export interface BoardListRow extends BoardRow {
  lastThread:
    | (Pick<Thread, 'id' | 'title' | 'slug' | 'lastPostAt' | 'lastPostNumber'> & {
        lastPoster: AuthorRow | null;
        /** The viewer's read position in it (null for visitors and threads they have not opened). */
        viewerPosition: number | null;
      })
    | null;
}

export interface ThreadSummaryRow
  extends Pick<Thread, 'id' | 'title' | 'slug' | 'postCount' | 'lastPostNumber' | 'lastPostAt' | 'isPinned' | 'pinnedUntil' | 'isLocked' | 'officialPostId' | 'hiddenAt'> {
  author: AuthorRow | null;
  lastPoster: AuthorRow | null;
  /** The accepted solution of a Q&A thread ("Solved"). */
  solutionPostId: number | null;
}

export interface BoardPageRows {
  board: BoardRow;
  threads: ThreadSummaryRow[];
  page: number;
  pageCount: number;
  now: Date;
  following: boolean;
}

const BOARD_COLUMNS = 'b.id, b.slug, b.name, b.description, b.position, b.staff_only_threads, b.is_qa, b.thread_count, b.post_count, b.hidden_thread_count, b.hidden_post_count';

// Hidden threads are listed to staff only (server/policies/visibility.ts, listsHiddenThreads).
const LISTED = '(:withHidden = 1 OR t.hidden_at IS NULL)';

const LIST_SQL = `SELECT ${BOARD_COLUMNS},
    t.id AS t_id, t.title AS t_title, t.slug AS t_slug, t.last_post_at AS t_last_post_at, t.last_post_number AS t_last_post_number,
    ${authorColumns('lp')}, r.last_read_number AS t_viewer_position
  FROM boards b
  LEFT JOIN threads t ON t.id = b.last_thread_id
  LEFT JOIN members lp ON lp.id = t.last_poster_id
  LEFT JOIN read_positions r ON r.thread_id = t.id AND r.member_id = :memberId
  ORDER BY b.position ASC, b.id ASC`;

const LIVE_PIN = 't.is_pinned = :yes AND (t.pinned_until IS NULL OR t.pinned_until > :now)';

const BOARD_SQL = `SELECT ${BOARD_COLUMNS},
    (SELECT COUNT(*) FROM board_follows f WHERE f.board_id = b.id AND f.member_id = :memberId) AS following,
    (SELECT COUNT(*) FROM threads t WHERE t.board_id = b.id AND ${LIVE_PIN} AND ${LISTED}) AS live_pins
  FROM boards b WHERE b.slug = :slug`;

const THREAD_COLUMNS = `t.id, t.title, t.slug, t.post_count, t.last_post_number, t.last_post_at, t.is_pinned, t.pinned_until,
    t.is_locked, t.official_post_id, t.solution_post_id, t.hidden_at, ${authorColumns('a')}, ${authorColumns('lp')}`;
const THREAD_JOINS = 'LEFT JOIN members a ON a.id = t.author_id LEFT JOIN members lp ON lp.id = t.last_poster_id';
const BY_ACTIVITY = 'ORDER BY t.last_post_at DESC, t.id DESC';

const PINNED_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS}
  WHERE t.board_id = :boardId AND ${LIVE_PIN} AND ${LISTED} ${BY_ACTIVITY} LIMIT :limit`;
const REST_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS}
  WHERE t.board_id = :boardId AND (t.is_pinned = :no OR t.pinned_until <= :now) AND ${LISTED} ${BY_ACTIVITY} LIMIT :limit OFFSET :offset`;

function boardOf(row: Row): BoardRow {
  return {
    id: Number(row.id),
    slug: String(row.slug),
    name: String(row.name),
    description: String(row.description),
    position: Number(row.position),
    staffOnlyThreads: boolOf(row.staff_only_threads),
    isQa: boolOf(row.is_qa),
    threadCount: Number(row.thread_count),
    postCount: Number(row.post_count),
    hiddenThreadCount: Number(row.hidden_thread_count),
    hiddenPostCount: Number(row.hidden_post_count),
  };
}

function summaryOf(row: Row): ThreadSummaryRow {
  return {
    id: Number(row.id),
    title: String(row.title),
    slug: String(row.slug),
    postCount: Number(row.post_count),
    lastPostNumber: Number(row.last_post_number),
    lastPostAt: dateOf(row.last_post_at),
    isPinned: boolOf(row.is_pinned),
    pinnedUntil: dateOrNull(row.pinned_until),
    isLocked: boolOf(row.is_locked),
    officialPostId: numberOrNull(row.official_post_id),
    solutionPostId: numberOrNull(row.solution_post_id),
    hiddenAt: dateOrNull(row.hidden_at),
    author: authorOf(row, 'a'),
    lastPoster: authorOf(row, 'lp'),
  };
}

/** Every board with its latest thread and that thread's last poster, in one query. */
/** Every board with its latest thread, and the viewer's read position in that thread (the home page's "N new"). */
export async function readBoardList(db: Database, memberId: number | null): Promise<BoardListRow[]> {
  // A page view's position write may still be running after its answer was sent: this process reads its own writes.
  if (memberId !== null) await settledWritesOf(db, memberId);
  return (await select(db, LIST_SQL, { memberId })).map((row) => ({
    ...boardOf(row),
    lastThread:
      row.t_id === null
        ? null
        : {
            id: Number(row.t_id),
            title: String(row.t_title),
            slug: String(row.t_slug),
            lastPostAt: dateOf(row.t_last_post_at),
            lastPostNumber: Number(row.t_last_post_number),
            lastPoster: authorOf(row, 'lp'),
            viewerPosition: numberOrNull(row.t_viewer_position),
          },
  }));
}

/** One page of a board's threads: live pins first, then by latest activity (as services/boards getBoardPage). */
export async function readBoardPage(
  db: Database,
  slug: string,
  page: number,
  memberId: number | null,
  { withHidden = false, now = new Date() }: { withHidden?: boolean; now?: Date } = {},
): Promise<BoardPageRows> {
  const listed = { withHidden: withHidden ? 1 : 0 };
  const [row] = await select(db, BOARD_SQL, { slug, memberId, now, yes: true, ...listed });
  if (!row) throw new NotFoundError('There is no board at this address.');
  const board = boardOf(row);
  const pageCount = Math.max(1, Math.ceil(listedThreadCount(board, withHidden) / THREADS_PER_PAGE));
  if (page > pageCount) throw new NotFoundError('This board has no page with that number.');
  // The first page shows up to a page of pins; later pages continue after the pins it showed.
  const pins = Math.min(Number(row.live_pins), THREADS_PER_PAGE);
  const common = { boardId: board.id, now, yes: true, no: false, ...listed };
  const [pinned, rest] = await Promise.all([
    page === 1 && pins > 0 ? select(db, PINNED_SQL, { ...common, limit: THREADS_PER_PAGE }) : Promise.resolve([]),
    page === 1 && pins === THREADS_PER_PAGE
      ? Promise.resolve([])
      : select(db, REST_SQL, {
          ...common,
          limit: page === 1 ? THREADS_PER_PAGE - pins : THREADS_PER_PAGE,
          offset: page === 1 ? 0 : (page - 1) * THREADS_PER_PAGE - pins,
        }),
  ]);
  const threads = [...pinned, ...rest].map(summaryOf);
  return { board, threads, page, pageCount, now, following: Number(row.following) > 0 };
}
