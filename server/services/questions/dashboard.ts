/**
 * The rollout dashboard's figures, every one an SQL aggregate over indexed columns for a date
 * range (at most MAX_RANGE_DAYS) and optionally a board: nothing loads the range's posts. The
 * percentiles are nearest-rank: the k-th smallest wait, k = ceil(p·n), read with one ordered
 * LIMIT 1 OFFSET k-1 each over the range's answered questions, sorted by the database; the
 * bound is the number of questions asked in the range, and only one value reaches Node.
 */
import type { Database } from '../../db';
import { authorColumns, authorOf, AuthorRow, select } from '../../read/rows';
import { currentStatuses } from '../badges/citations';
import { STATUS_CODES, STATUS_LABELS, type BadgeStatusCode } from '../badges/status';
import { epochSeconds } from './asking';

export const MAX_RANGE_DAYS = 366;
/** Askers with a verification record whose status the dashboard tallies (beyond it, the rest are not counted). */
export const ASKER_STATUS_LIMIT = 5000;
export const TOP_STAFF = 20;
export const BUSIEST_THREADS = 10;
const DAY_SECONDS = 86_400;

export interface DashboardRange {
  /** Inclusive, UTC midnight. */
  from: Date;
  /** Exclusive, UTC midnight. */
  to: Date;
  boardId: number | null;
}

export interface Dashboard {
  questions: { asked: number; answered: number; notNeeded: number; open: number };
  /** Seconds to the first staff answer; null with no answered question in the range. */
  waits: { median: number | null; p90: number | null; answered: number };
  answersByStaff: Array<{ member: AuthorRow | null; answers: number }>;
  eta: { made: number; kept: number; withdrawn: number; overdue: number; open: number; replaced: number };
  askerStatuses: { askers: number; checked: number; byStatus: Array<{ code: BadgeStatusCode; label: string; members: number }> };
  busiestThreads: Array<{ id: number; title: string; slug: string; questions: number; open: number }>;
  /** One entry per UTC day of the range that had questions, oldest first. */
  perDay: Array<{ day: string; asked: number; answered: number }>;
}

function rangeSql(range: DashboardRange, alias = 'q'): { sql: string; replacements: Record<string, unknown> } {
  const replacements: Record<string, unknown> = { fromEpoch: epochSeconds(range.from), toEpoch: epochSeconds(range.to) };
  let sql = `${alias}.asked_epoch >= :fromEpoch AND ${alias}.asked_epoch < :toEpoch`;
  if (range.boardId) {
    sql += ` AND ${alias}.board_id = :boardId`;
    replacements.boardId = range.boardId;
  }
  return { sql, replacements };
}

const n = (value: unknown): number => Number(value ?? 0);

async function nthWait(db: Database, range: DashboardRange, rank: number): Promise<number | null> {
  const where = rangeSql(range);
  const [row] = await select(
    db,
    `SELECT q.wait_seconds FROM questions q WHERE ${where.sql} AND q.state = 'answered' AND q.wait_seconds IS NOT NULL
     ORDER BY q.wait_seconds LIMIT 1 OFFSET :offset`,
    { ...where.replacements, offset: rank - 1 },
  );
  return row ? n(row.wait_seconds) : null;
}

/** The nearest-rank p-th percentile's rank among n values (1-based). */
export function nearestRank(p: number, count: number): number {
  return Math.max(1, Math.ceil(p * count));
}

export async function computeDashboard(db: Database, range: DashboardRange, now: Date): Promise<Dashboard> {
  const where = rangeSql(range);
  const [totals] = await select(
    db,
    `SELECT COUNT(*) AS asked,
       SUM(CASE WHEN q.state = 'answered' THEN 1 ELSE 0 END) AS answered,
       SUM(CASE WHEN q.state = 'not_needed' THEN 1 ELSE 0 END) AS not_needed,
       SUM(CASE WHEN q.state = 'open' THEN 1 ELSE 0 END) AS open,
       SUM(CASE WHEN q.state = 'answered' AND q.wait_seconds IS NOT NULL THEN 1 ELSE 0 END) AS timed,
       COUNT(DISTINCT q.author_id) AS askers
     FROM questions q WHERE ${where.sql}`,
    where.replacements,
  );
  const timed = n(totals.timed);
  const [median, p90] = timed
    ? await Promise.all([nthWait(db, range, nearestRank(0.5, timed)), nthWait(db, range, nearestRank(0.9, timed))])
    : [null, null];

  const staffRows = await select(
    db,
    `SELECT s.answers, ${authorColumns('m')} FROM (
       SELECT q.answered_by_id, COUNT(*) AS answers FROM questions q
       WHERE ${where.sql} AND q.state = 'answered' GROUP BY q.answered_by_id
     ) s LEFT JOIN members m ON m.id = s.answered_by_id
     ORDER BY s.answers DESC, m.display_name ASC LIMIT ${TOP_STAFF}`,
    where.replacements,
  );

  const etaReplacements: Record<string, unknown> = { from: range.from, to: range.to, now };
  let etaBoard = '';
  if (range.boardId) { etaBoard = ' AND t.board_id = :boardId'; etaReplacements.boardId = range.boardId; }
  const [eta] = await select(
    db,
    `SELECT COUNT(*) AS made,
       SUM(CASE WHEN n.status = 'kept' THEN 1 ELSE 0 END) AS kept,
       SUM(CASE WHEN n.status = 'withdrawn' THEN 1 ELSE 0 END) AS withdrawn,
       SUM(CASE WHEN n.status = 'replaced' THEN 1 ELSE 0 END) AS replaced,
       SUM(CASE WHEN n.status = 'open' AND n.due_at IS NOT NULL AND n.due_at < :now THEN 1 ELSE 0 END) AS overdue,
       SUM(CASE WHEN n.status = 'open' THEN 1 ELSE 0 END) AS open
     FROM eta_notes n JOIN posts p ON p.id = n.post_id JOIN threads t ON t.id = p.thread_id
     WHERE n.created_at >= :from AND n.created_at < :to${etaBoard}`,
    etaReplacements,
  );

  // Only askers with a verification record need the status function; the rest are "No record".
  const askerRows = await select(
    db,
    `SELECT DISTINCT q.author_id FROM questions q JOIN verification_records vr ON vr.member_id = q.author_id WHERE ${where.sql} LIMIT ${ASKER_STATUS_LIMIT}`,
    where.replacements,
  );
  const statuses = await currentStatuses(db, askerRows.map((row) => n(row.author_id)), now);
  const tally = new Map<BadgeStatusCode, number>();
  for (const status of statuses.values()) tally.set(status.code, (tally.get(status.code) ?? 0) + 1);
  const capped = askerRows.length >= ASKER_STATUS_LIMIT;
  if (!capped && n(totals.askers) > statuses.size) tally.set('no_record', (tally.get('no_record') ?? 0) + n(totals.askers) - statuses.size);

  const busiest = await select(
    db,
    `SELECT s.thread_id, s.questions, s.open, t.title, t.slug FROM (
       SELECT q.thread_id, COUNT(*) AS questions, SUM(CASE WHEN q.state = 'open' THEN 1 ELSE 0 END) AS open
       FROM questions q WHERE ${where.sql} GROUP BY q.thread_id
     ) s JOIN threads t ON t.id = s.thread_id ORDER BY s.questions DESC, s.thread_id ASC LIMIT ${BUSIEST_THREADS}`,
    where.replacements,
  );

  const days = await select(
    db,
    `SELECT q.asked_epoch / ${DAY_SECONDS} AS day, COUNT(*) AS asked, SUM(CASE WHEN q.state = 'answered' THEN 1 ELSE 0 END) AS answered
     FROM questions q WHERE ${where.sql} GROUP BY q.asked_epoch / ${DAY_SECONDS} ORDER BY day`,
    where.replacements,
  );

  return {
    questions: { asked: n(totals.asked), answered: n(totals.answered), notNeeded: n(totals.not_needed), open: n(totals.open) },
    waits: { median, p90, answered: timed },
    answersByStaff: staffRows.map((row) => ({ member: authorOf(row, 'm'), answers: n(row.answers) })),
    eta: { made: n(eta.made), kept: n(eta.kept), withdrawn: n(eta.withdrawn), overdue: n(eta.overdue), open: n(eta.open), replaced: n(eta.replaced) },
    askerStatuses: {
      askers: n(totals.askers),
      checked: capped ? statuses.size : n(totals.askers),
      byStatus: STATUS_CODES.filter((code) => tally.has(code)).map((code) => ({ code, label: STATUS_LABELS[code], members: tally.get(code)! })),
    },
    busiestThreads: busiest.map((row) => ({ id: n(row.thread_id), title: String(row.title), slug: String(row.slug), questions: n(row.questions), open: n(row.open) })),
    perDay: days.map((row) => ({ day: new Date(n(row.day) * DAY_SECONDS * 1000).toISOString().slice(0, 10), asked: n(row.asked), answered: n(row.answered) })),
  };
}

/** At most this many questions go into one CSV export: a longer range is to be split. */
export const CSV_EXPORT_LIMIT = 10_000;

export interface ExportRow {
  postId: number;
  board: string;
  thread: string;
  postNumber: number;
  asker: string | null;
  askedAt: Date;
  state: string;
  answeredAt: Date | null;
  waitSeconds: number | null;
  answeredBy: string | null;
  answerPostNumber: number | null;
}

/** The range's questions, oldest first, for the CSV export (bounded by CSV_EXPORT_LIMIT). */
export async function exportQuestions(db: Database, range: DashboardRange): Promise<{ rows: ExportRow[]; truncated: boolean }> {
  const where = rangeSql(range);
  const rows = await select(
    db,
    `SELECT q.post_id, b.name AS board, t.title AS thread, q.post_number, a.username AS asker, q.asked_at, q.state, q.answered_at, q.wait_seconds,
       r.username AS answered_by, ap.number AS answer_number
     FROM questions q JOIN boards b ON b.id = q.board_id JOIN threads t ON t.id = q.thread_id
     LEFT JOIN members a ON a.id = q.author_id LEFT JOIN members r ON r.id = q.answered_by_id LEFT JOIN posts ap ON ap.id = q.answered_by_post_id
     WHERE ${where.sql} ORDER BY q.asked_epoch, q.post_id LIMIT ${CSV_EXPORT_LIMIT + 1}`,
    where.replacements,
  );
  const date = (value: unknown) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));
  return {
    truncated: rows.length > CSV_EXPORT_LIMIT,
    rows: rows.slice(0, CSV_EXPORT_LIMIT).map((row) => ({
      postId: n(row.post_id),
      board: String(row.board),
      thread: String(row.thread),
      postNumber: n(row.post_number),
      asker: (row.asker as string | null) ?? null,
      askedAt: date(row.asked_at)!,
      state: String(row.state),
      answeredAt: date(row.answered_at),
      waitSeconds: row.wait_seconds === null || row.wait_seconds === undefined ? null : n(row.wait_seconds),
      answeredBy: (row.answered_by as string | null) ?? null,
      answerPostNumber: row.answer_number === null || row.answer_number === undefined ? null : n(row.answer_number),
    })),
  };
}
