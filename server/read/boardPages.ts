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

/**
 * Where in a board's list a page is. The first pages are numbered (a short OFFSET: at most
 * MAX_NUMBERED_PAGES pages deep); past them, pages continue by keyset from a thread's activity time and
 * id, so a deep page costs what the first does however many threads a board holds.
 */
export type BoardPlace =
  | { kind: 'page'; page: number }
  /** ?after=: the threads older than this one. */
  | { kind: 'older'; than: ThreadCursor }
  /** ?before=: the threads newer than this one. */
  | { kind: 'newer'; than: ThreadCursor }
  /** ?oldest: the board's last page. */
  | { kind: 'oldest' };

/** A place reached by keyset (what an old deep numbered link is redirected to). */
export type KeysetPlace = Exclude<BoardPlace, { kind: 'page' }>;

export interface ThreadCursor {
  at: Date;
  id: number;
}

export interface BoardThreadRow extends ThreadSummaryRow {
  /** The viewer's read position (null for visitors and threads they have not opened). */
  viewerPosition: number | null;
}

export interface BoardPageRows {
  board: BoardRow;
  threads: BoardThreadRow[];
  place: BoardPlace;
  /** Pages of the whole board, from its counters. */
  pageCount: number;
  /** Whether a page of newer or older threads lies beyond this one. */
  hasNewer: boolean;
  hasOlder: boolean;
  now: Date;
  following: boolean;
}

/** Numbered pages past this one are reached by keyset (and old links to them are redirected). */
export const MAX_NUMBERED_PAGES = 10;
/** How deep an old numbered link is still followed to its place (one index walk of at most this many pages). */
export const MAX_LEGACY_PAGE = 250;

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
    t.is_locked, t.official_post_id, t.solution_post_id, t.hidden_at, ${authorColumns('a')}, ${authorColumns('lp')},
    r.last_read_number AS viewer_position`;
// The viewer's read positions ride on the list (null member: the join matches nothing).
const THREAD_JOINS = `LEFT JOIN members a ON a.id = t.author_id LEFT JOIN members lp ON lp.id = t.last_poster_id
  LEFT JOIN read_positions r ON r.thread_id = t.id AND r.member_id = :memberId`;
const NEWEST_FIRST = 'ORDER BY t.last_post_at DESC, t.id DESC';
const OLDEST_FIRST = 'ORDER BY t.last_post_at ASC, t.id ASC';
const NOT_PINNED = '(t.is_pinned = :no OR t.pinned_until <= :now)';
const REST = `t.board_id = :boardId AND ${NOT_PINNED} AND ${LISTED}`;
// Keyset bounds written so both databases walk the (board_id, last_post_at, id) index from the cursor:
// the plain range on last_post_at bounds the walk, the id breaks ties within one instant.
const OLDER_THAN = 't.last_post_at <= :at AND (t.last_post_at < :at OR t.id < :id)';
const NEWER_THAN = 't.last_post_at >= :at AND (t.last_post_at > :at OR t.id > :id)';

const PINNED_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS}
  WHERE t.board_id = :boardId AND ${LIVE_PIN} AND ${LISTED} ${NEWEST_FIRST} LIMIT :limit`;
const NUMBERED_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE ${REST} ${NEWEST_FIRST} LIMIT :limit OFFSET :offset`;
const OLDER_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE ${REST} AND ${OLDER_THAN} ${NEWEST_FIRST} LIMIT :limit`;
const NEWER_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE ${REST} AND ${NEWER_THAN} ${OLDEST_FIRST} LIMIT :limit`;
const OLDEST_SQL = `SELECT ${THREAD_COLUMNS} FROM threads t ${THREAD_JOINS} WHERE ${REST} ${OLDEST_FIRST} LIMIT :limit`;
// Only the place of an old deep link: two columns, no joins.
const LEGACY_CURSOR_SQL = `SELECT t.last_post_at, t.id FROM threads t WHERE ${REST} ${NEWEST_FIRST} LIMIT 1 OFFSET :offset`;

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

function boardThreadOf(row: Row): BoardThreadRow {
  return { ...summaryOf(row), viewerPosition: numberOrNull(row.viewer_position) };
}

interface BoardHead {
  board: BoardRow;
  livePins: number;
  following: boolean;
}

async function readBoardHead(db: Database, slug: string, memberId: number | null, withHidden: boolean, now: Date): Promise<BoardHead> {
  const [row] = await select(db, BOARD_SQL, { slug, memberId, now, yes: true, withHidden: withHidden ? 1 : 0 });
  if (!row) throw new NotFoundError('There is no board at this address.');
  return { board: boardOf(row), livePins: Number(row.live_pins), following: Number(row.following) > 0 };
}

/** Pins shown on the first page (at most a page of them); later pages continue after them. */
function shownPins(head: BoardHead): number {
  return Math.min(head.livePins, THREADS_PER_PAGE);
}

function pageCountOf(board: BoardRow, withHidden: boolean): number {
  return Math.max(1, Math.ceil(listedThreadCount(board, withHidden) / THREADS_PER_PAGE));
}

/**
 * One page of a board's threads: live pins first on the first page, then by latest activity, with
 * the viewer's read position in each. Numbered pages up to MAX_NUMBERED_PAGES, keyset pages past them.
 */
export async function readBoardPage(
  db: Database,
  slug: string,
  place: BoardPlace,
  memberId: number | null,
  { withHidden = false, now = new Date() }: { withHidden?: boolean; now?: Date } = {},
): Promise<BoardPageRows> {
  // A page view's position write may still be running after its answer was sent: this process reads its own writes.
  if (memberId !== null) await settledWritesOf(db, memberId);
  const head = await readBoardHead(db, slug, memberId, withHidden, now);
  const pageCount = pageCountOf(head.board, withHidden);
  const common = { boardId: head.board.id, memberId, now, yes: true, no: false, withHidden: withHidden ? 1 : 0 };
  // The answer for this place (named apart from place.page, the page number).
  const answer = (threads: Row[], hasNewer: boolean, hasOlder: boolean): BoardPageRows => ({
    board: head.board, threads: threads.map(boardThreadOf), place, pageCount, hasNewer, hasOlder, now, following: head.following,
  });
  switch (place.kind) {
    case 'page': {
      if (place.page > pageCount) throw new NotFoundError('This board has no page with that number.');
      if (place.page > MAX_NUMBERED_PAGES) throw new Error('Deep numbered pages are redirected to their keyset place first (boardPlaceOfPage).');
      const pins = shownPins(head);
      const first = place.page === 1;
      const [pinned, rest] = await Promise.all([
        first && pins > 0 ? select(db, PINNED_SQL, { ...common, limit: THREADS_PER_PAGE }) : Promise.resolve([]),
        first && pins === THREADS_PER_PAGE
          ? Promise.resolve([])
          : select(db, NUMBERED_SQL, { ...common, limit: first ? THREADS_PER_PAGE - pins : THREADS_PER_PAGE, offset: first ? 0 : (place.page - 1) * THREADS_PER_PAGE - pins }),
      ]);
      return answer([...pinned, ...rest], place.page > 1, place.page < pageCount);
    }
    case 'older': {
      const rows = await select(db, OLDER_SQL, { ...common, at: place.than.at, id: place.than.id, limit: THREADS_PER_PAGE + 1 });
      return answer(rows.slice(0, THREADS_PER_PAGE), true, rows.length > THREADS_PER_PAGE);
    }
    case 'newer': {
      const rows = await select(db, NEWER_SQL, { ...common, at: place.than.at, id: place.than.id, limit: THREADS_PER_PAGE + 1 });
      // Newer threads beyond this page: then it is not the top of the list (the first page, with its pins).
      return answer(rows.slice(0, THREADS_PER_PAGE).reverse(), rows.length > THREADS_PER_PAGE, true);
    }
    case 'oldest': {
      const rows = await select(db, OLDEST_SQL, { ...common, limit: THREADS_PER_PAGE });
      return answer(rows.reverse(), listedThreadCount(head.board, withHidden) > THREADS_PER_PAGE, false);
    }
  }
}

/**
 * Where an old numbered link past MAX_NUMBERED_PAGES now lives: after the last thread of the page
 * before it (null: the board has no such page). Links deeper than MAX_LEGACY_PAGE go to the last page,
 * so no request walks more than MAX_LEGACY_PAGE pages of the index.
 */
export async function boardPlaceOfPage(
  db: Database,
  slug: string,
  pageNumber: number,
  { withHidden = false, now = new Date() }: { withHidden?: boolean; now?: Date } = {},
): Promise<KeysetPlace | null> {
  const head = await readBoardHead(db, slug, null, withHidden, now);
  if (pageNumber > pageCountOf(head.board, withHidden)) return null;
  if (pageNumber > MAX_LEGACY_PAGE) return { kind: 'oldest' };
  const offset = (pageNumber - 1) * THREADS_PER_PAGE - shownPins(head) - 1;
  const [row] = await select(db, LEGACY_CURSOR_SQL, { boardId: head.board.id, now, no: false, withHidden: withHidden ? 1 : 0, offset: Math.max(0, offset) });
  return row ? { kind: 'older', than: { at: dateOf(row.last_post_at), id: Number(row.id) } } : { kind: 'oldest' };
}
