/**
 * The staff ETA tracker as plain rows: open promises with a due time first (soonest first), then
 * open notes without one (oldest first), each with its post, thread and author, in one fixed read.
 * Was two Sequelize findAlls with nested includes (note → post → thread, 200 + 200 instances), the
 * measured cost of the page. The page shows at most TRACKER_LIMIT promises and says so past that,
 * so its cost does not grow with the number of open notes.
 */
import type { Database } from '../db';
import type { EtaNoteFacts } from '../presenters/eta';
import { noteFactsOf } from './etaNotes';
import { authorColumns, AuthorRow, Row, select } from './rows';

export const TRACKER_LIMIT = 200;

export interface OpenPromiseRow extends EtaNoteFacts {
  author: AuthorRow | null;
  post: { id: number; number: number; excerpt: string };
  thread: { id: number; title: string; slug: string };
}

/**
 * Each part picks its own ids along the (status, due_at) index, at most :fetch of them: the dated
 * part reads the index in order and stops there; the undated part sorts the open notes without a
 * due time (a range of the same index) and keeps the oldest. Only the picked notes are joined, so
 * the rows read and built are bounded whatever the number of notes. The outer order puts the
 * dated part first, as the tracker always listed them. Notes whose post or thread is gone are left
 * out after the pick, as the includes did.
 */
function trackerSql(byAuthor: boolean): string {
  const author = byAuthor ? ' AND e.author_id = :authorId' : '';
  return `
  SELECT n.id, n.html, n.promised_window, n.due_at, n.status, n.closed_at, n.close_reason, n.created_at,
    p.id AS p_id, p.number AS p_number, p.excerpt AS p_excerpt, t.id AS t_id, t.title AS t_title, t.slug AS t_slug,
    ${authorColumns('a')}
  FROM (
    SELECT * FROM (
      SELECT e.id, 0 AS part FROM eta_notes e
      WHERE e.status = 'open' AND e.due_at IS NOT NULL${author}
      ORDER BY e.due_at, e.id LIMIT :fetch
    ) dated
    UNION ALL
    SELECT * FROM (
      SELECT e.id, 1 AS part FROM eta_notes e
      WHERE e.status = 'open' AND e.due_at IS NULL${author}
      ORDER BY e.created_at, e.id LIMIT :fetch
    ) undated
  ) picked
  JOIN eta_notes n ON n.id = picked.id
  JOIN posts p ON p.id = n.post_id
  JOIN threads t ON t.id = p.thread_id
  LEFT JOIN members a ON a.id = n.author_id
  ORDER BY picked.part, n.due_at, CASE WHEN picked.part = 1 THEN n.created_at END, n.id
  LIMIT :fetch`;
}

/** Exported for the plan test (test/http/eta-bounds.test.ts). */
export const ALL_SQL = trackerSql(false);
const BY_AUTHOR_SQL = trackerSql(true);

function promiseOf(row: Row): OpenPromiseRow {
  return {
    ...noteFactsOf(row),
    post: { id: Number(row.p_id), number: Number(row.p_number), excerpt: String(row.p_excerpt ?? '') },
    thread: { id: Number(row.t_id), title: String(row.t_title), slug: String(row.t_slug) },
  };
}

/** The tracker's promises (all, or one author's), and whether there are more than were read. */
export async function openPromises(
  db: Database,
  options: { authorId?: number | null; limit?: number } = {},
): Promise<{ promises: OpenPromiseRow[]; more: boolean }> {
  const limit = options.limit ?? TRACKER_LIMIT;
  // One row past the page tells whether there is more.
  const replacements: Record<string, unknown> = { fetch: limit + 1 };
  if (options.authorId) replacements.authorId = options.authorId;
  const rows = await select(db, options.authorId ? BY_AUTHOR_SQL : ALL_SQL, replacements);
  return { promises: rows.slice(0, limit).map(promiseOf), more: rows.length > limit };
}
