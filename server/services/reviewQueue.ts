/**
 * The staff review queue, read side, as plain rows: one item per post with open reports, oldest
 * first by the post's first open report, filtered by reason and board. A page is at most
 * QUEUE_PAGE_SIZE items and a bounded number of reports, read in two fixed queries whatever the
 * queue holds: the items with their posts, then the items' reports and their authors' history.
 */
import { Op } from 'sequelize';
import type { Database } from '../db';
import type { Report, ReportReason, SanctionKind } from '../../models';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, numberOrNull, Row, select } from '../read/rows';
import { AUTHOR_ATTRIBUTES } from './members';

export const QUEUE_PAGE_SIZE = 25;
/** Reports shown per item (the count says how many there are in all). */
export const REPORTS_PER_ITEM = 20;
/** Sanctions, and staff notes, read per author on the page (the newest of them, across the page's authors). */
export const HISTORY_PER_AUTHOR = 10;

export interface QueueFilter {
  reason?: ReportReason | null;
  boardId?: number | null;
}

/** The post's author as the item shows them: what pages show beside a post, and their standing. */
export interface QueueAuthor extends AuthorRow {
  postCount: number;
  createdAt: Date;
  silencedUntil: Date | null;
  suspendedUntil: Date | null;
}

export interface QueuePost {
  id: number;
  number: number;
  html: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  hiddenById: number | null;
  authorId: number;
  thread: { id: number; title: string; slug: string; hiddenAt: Date | null; board: { name: string } | null };
  author: QueueAuthor | null;
}

export interface QueueReport {
  id: number;
  postId: number;
  reason: ReportReason;
  note: string | null;
  createdAt: Date;
  reporter: AuthorRow | null;
}

export interface QueueSanction {
  id: number;
  memberId: number;
  kind: SanctionKind;
  reason: string;
  createdAt: Date;
  endsAt: Date | null;
  liftedAt: Date | null;
  createdBy: AuthorRow | null;
}

export interface QueueNote {
  id: number;
  memberId: number;
  text: string;
  createdAt: Date;
  author: AuthorRow | null;
}

export interface QueueItem {
  post: QueuePost;
  reportCount: number;
  /** The newest open report the moderator saw: the action closes reports up to it and no later ones. */
  lastReportId: number;
  reports: QueueReport[];
  authorSanctions: QueueSanction[];
  authorNotes: QueueNote[];
}

/**
 * A post's first open report: no open report of the same post came before it (created_at, then
 * id). Probed per report as a range of reports_post_open (migration 029: post_id, created_at <=),
 * which stops at the first earlier one; written as an OR alone, SQLite probed the unique index
 * instead and read every open report of the post.
 */
const FIRST_OPEN_REPORT = `NOT EXISTS (SELECT 1 FROM reports e WHERE e.post_id = r.post_id AND e.status = 'open'
  AND e.created_at <= r.created_at AND (e.created_at < r.created_at OR e.id < r.id))`;

/** The filters as checks of the report's own post, so the ordered read of the queue index stays the outer loop. */
const BY_REASON = `EXISTS (SELECT 1 FROM reports w WHERE w.post_id = r.post_id AND w.status = 'open' AND w.reason = :reason)`;
const BY_BOARD = `EXISTS (SELECT 1 FROM posts fp JOIN threads ft ON ft.id = fp.thread_id WHERE fp.id = r.post_id AND ft.board_id = :boardId)`;

const ITEM_COLUMNS = `picked.post_id, picked.first_at,
  (SELECT COUNT(*) FROM reports o WHERE o.post_id = picked.post_id AND o.status = 'open') AS report_count,
  (SELECT MAX(o.id) FROM reports o WHERE o.post_id = picked.post_id AND o.status = 'open') AS last_report_id,
  p.number, p.html, p.created_at, p.hidden_at, p.hidden_reason, p.hidden_by_id, p.author_id,
  t.id AS t_id, t.title AS t_title, t.slug AS t_slug, t.hidden_at AS t_hidden_at, b.name AS b_name,
  ${authorColumns('a')}, a.post_count AS a_post_count, a.created_at AS a_created_at,
  a.silenced_until AS a_silenced_until, a.suspended_until AS a_suspended_until`;

/**
 * The page's items: the queue index read oldest report first (reports_queue: status, created_at,
 * post_id), keeping each post's first open report, stopping at the page. Unfiltered, that reads
 * the open reports of the page's posts and no others; a filter also skips the posts it rejects.
 */
function itemsSql(byBoard: boolean, byReason: boolean): string {
  const conditions = [`r.status = 'open'`, FIRST_OPEN_REPORT];
  if (byBoard) conditions.push(BY_BOARD);
  if (byReason) conditions.push(BY_REASON);
  const picked = `SELECT r.post_id, r.created_at AS first_at FROM reports r WHERE ${conditions.join(' AND ')}
    ORDER BY r.created_at ASC, r.post_id ASC LIMIT ${QUEUE_PAGE_SIZE}`;
  return `SELECT ${ITEM_COLUMNS} FROM (${picked}) picked
    JOIN posts p ON p.id = picked.post_id
    JOIN threads t ON t.id = p.thread_id
    LEFT JOIN boards b ON b.id = t.board_id
    LEFT JOIN members a ON a.id = p.author_id
    ORDER BY picked.first_at ASC, picked.post_id ASC`;
}

/** The four texts, by [board filter][reason filter]: each a constant, prepared once per connection. */
const ITEM_SQL = [
  [itemsSql(false, false), itemsSql(false, true)],
  [itemsSql(true, false), itemsSql(true, true)],
];

/**
 * The items' reports (the first REPORTS_PER_ITEM of each, so a post reported a thousand times does
 * not crowd out the rest), and the newest sanctions and staff notes of their authors, in one read:
 * `kind` tells the rows apart, `owner_id` is the post (reports) or the member (the rest), `seq`
 * their order. Each arm reads ids in order from its index, then joins what it shows. History is
 * the newest HISTORY_PER_AUTHOR times the page's authors, across them, as the queue always read
 * it; who lifted a sanction is not read (the queue shows when only). The sanctions arm comes
 * first and the CASTs type the other arms' NULL dates, for PostgreSQL's UNION. The reports are
 * read post by post from the page's posts (CROSS JOIN keeps that order in SQLite: given the
 * statistics, it read every open report from the queue index and kept the page's).
 */
const DETAILS_SQL = `
SELECT 'sanction' AS kind, picked.seq, s.member_id AS owner_id, s.id, s.kind AS label, s.reason AS body,
  s.created_at, s.ends_at, s.lifted_at, ${authorColumns('m')}
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at DESC, id DESC) AS seq FROM sanctions
  WHERE member_id IN (:authorIds) ORDER BY created_at DESC, id DESC LIMIT :historyLimit) picked
JOIN sanctions s ON s.id = picked.id LEFT JOIN members m ON m.id = s.created_by_id
UNION ALL
SELECT 'report' AS kind, numbered.n AS seq, r.post_id AS owner_id, r.id, r.reason AS label, r.note AS body,
  r.created_at, CAST(NULL AS TIMESTAMP) AS ends_at, CAST(NULL AS TIMESTAMP) AS lifted_at, ${authorColumns('m')}
FROM (SELECT o.id, ROW_NUMBER() OVER (PARTITION BY o.post_id ORDER BY o.created_at, o.id) AS n
  FROM posts op CROSS JOIN reports o WHERE op.id IN (:postIds) AND o.post_id = op.id AND o.status = 'open') numbered
JOIN reports r ON r.id = numbered.id LEFT JOIN members m ON m.id = r.reporter_id
WHERE numbered.n <= ${REPORTS_PER_ITEM}
UNION ALL
SELECT 'note' AS kind, picked.seq, n.member_id AS owner_id, n.id, NULL AS label, n.text AS body,
  n.created_at, CAST(NULL AS TIMESTAMP) AS ends_at, CAST(NULL AS TIMESTAMP) AS lifted_at, ${authorColumns('m')}
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at DESC, id DESC) AS seq FROM member_notes
  WHERE member_id IN (:authorIds) ORDER BY created_at DESC, id DESC LIMIT :historyLimit) picked
JOIN member_notes n ON n.id = picked.id LEFT JOIN members m ON m.id = n.author_id
ORDER BY kind, owner_id, seq`;

function postOf(row: Row): QueuePost {
  const author = authorOf(row, 'a');
  return {
    id: Number(row.post_id),
    number: Number(row.number),
    html: String(row.html),
    createdAt: dateOf(row.created_at),
    hiddenAt: dateOrNull(row.hidden_at),
    hiddenReason: (row.hidden_reason as string | null) ?? null,
    hiddenById: numberOrNull(row.hidden_by_id),
    authorId: Number(row.author_id),
    thread: {
      id: Number(row.t_id),
      title: String(row.t_title),
      slug: String(row.t_slug),
      hiddenAt: dateOrNull(row.t_hidden_at),
      board: row.b_name === null || row.b_name === undefined ? null : { name: String(row.b_name) },
    },
    author: author && {
      ...author,
      postCount: Number(row.a_post_count),
      createdAt: dateOf(row.a_created_at),
      silencedUntil: dateOrNull(row.a_silenced_until),
      suspendedUntil: dateOrNull(row.a_suspended_until),
    },
  };
}

function reportOf(row: Row): QueueReport {
  return {
    id: Number(row.id),
    postId: Number(row.owner_id),
    reason: row.label as ReportReason,
    note: (row.body as string | null) ?? null,
    createdAt: dateOf(row.created_at),
    reporter: authorOf(row, 'm'),
  };
}

function sanctionOf(row: Row): QueueSanction {
  return {
    id: Number(row.id),
    memberId: Number(row.owner_id),
    kind: row.label as SanctionKind,
    reason: String(row.body),
    createdAt: dateOf(row.created_at),
    endsAt: dateOrNull(row.ends_at),
    liftedAt: dateOrNull(row.lifted_at),
    createdBy: authorOf(row, 'm'),
  };
}

function noteOf(row: Row): QueueNote {
  return { id: Number(row.id), memberId: Number(row.owner_id), text: String(row.body), createdAt: dateOf(row.created_at), author: authorOf(row, 'm') };
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

export async function listQueue(db: Database, filter: QueueFilter = {}): Promise<QueueItem[]> {
  const sql = ITEM_SQL[filter.boardId ? 1 : 0][filter.reason ? 1 : 0];
  const replacements: Record<string, unknown> = {};
  if (filter.boardId) replacements.boardId = filter.boardId;
  if (filter.reason) replacements.reason = filter.reason;
  const rows = await select(db, sql, replacements);
  if (rows.length === 0) return [];
  const posts = rows.map(postOf);
  const authorIds = [...new Set(posts.map((post) => post.authorId))];
  const details = await select(db, DETAILS_SQL, {
    postIds: posts.map((post) => post.id),
    authorIds,
    historyLimit: authorIds.length * HISTORY_PER_AUTHOR,
  });
  const reports = groupBy(details.filter((row) => row.kind === 'report').map(reportOf), (report) => report.postId);
  const sanctions = groupBy(details.filter((row) => row.kind === 'sanction').map(sanctionOf), (sanction) => sanction.memberId);
  const notes = groupBy(details.filter((row) => row.kind === 'note').map(noteOf), (note) => note.memberId);
  return rows.map((row, i) => ({
    post: posts[i],
    reportCount: Number(row.report_count),
    lastReportId: Number(row.last_report_id),
    reports: reports.get(posts[i].id) ?? [],
    authorSanctions: sanctions.get(posts[i].authorId) ?? [],
    authorNotes: notes.get(posts[i].authorId) ?? [],
  }));
}

/** Who closed a post's latest reports, and how: what the second of two moderators is told. */
export async function latestClosing(db: Database, postId: number): Promise<Report | null> {
  return db.models.Report.findOne({
    where: { postId, status: { [Op.ne]: 'open' } },
    include: [{ model: db.models.Member, as: 'closedBy', attributes: AUTHOR_ATTRIBUTES }],
    order: [['closedAt', 'DESC'], ['id', 'DESC']],
  });
}
