/**
 * The ETA notes a thread page shows under its posts, as plain rows: for each post only its two
 * newest notes (the current promise and the one it replaced, all the block says) and how many it
 * has, so a post with a long history costs what one with two notes does. The whole history is the
 * post's ETA page (etaHistoryOf below). Was a Sequelize findAll with three includes, the costliest
 * statement left on a thread page with promises.
 */
import type { Database } from '../db';
import type { EtaStatus } from '../../models/etaNote';
import type { EtaNoteFacts, EtaTrail } from '../presenters/eta';
import { authorColumns, authorOf, dateOf, dateOrNull, numberOrNull, Row, select } from './rows';

const KEPT_PER_POST = 2;
/** The most a post's ETA page lists (newest first); it says so past that. */
export const HISTORY_LIMIT = 200;

const ETA_NOTES_SQL = `
  SELECT n.id, n.post_id, n.html, n.promised_window, n.due_at, n.status, n.closed_at, n.close_reason, n.created_at,
    n.note_count, fp.number AS follow_up_number, ${authorColumns('a')}, ${authorColumns('c')}
  FROM (
    SELECT e.*,
      ROW_NUMBER() OVER (PARTITION BY e.post_id ORDER BY e.created_at DESC, e.id DESC) AS newest_rank,
      COUNT(*) OVER (PARTITION BY e.post_id) AS note_count
    FROM eta_notes e
    WHERE e.post_id IN (:postIds)
  ) n
  LEFT JOIN members a ON a.id = n.author_id
  LEFT JOIN members c ON c.id = n.closed_by_id
  LEFT JOIN posts fp ON fp.id = n.follow_up_post_id
  WHERE n.newest_rank <= ${KEPT_PER_POST}
  ORDER BY n.post_id, n.created_at, n.id`;

const HISTORY_SQL = `
  SELECT n.id, n.post_id, n.html, n.promised_window, n.due_at, n.status, n.closed_at, n.close_reason, n.created_at,
    fp.number AS follow_up_number, ${authorColumns('a')}, ${authorColumns('c')}
  FROM eta_notes n
  LEFT JOIN members a ON a.id = n.author_id
  LEFT JOIN members c ON c.id = n.closed_by_id
  LEFT JOIN posts fp ON fp.id = n.follow_up_post_id
  WHERE n.post_id = :postId
  ORDER BY n.created_at DESC, n.id DESC
  LIMIT :fetch`;

/** A note's own columns (n.id … n.created_at) and its author (alias a), as every ETA read selects them. */
export function noteFactsOf(row: Row) {
  return {
    id: Number(row.id),
    html: String(row.html),
    promisedWindow: (row.promised_window as string | null) ?? null,
    dueAt: dateOrNull(row.due_at),
    status: row.status as EtaStatus,
    closedAt: dateOrNull(row.closed_at),
    closeReason: (row.close_reason as string | null) ?? null,
    createdAt: dateOf(row.created_at),
    author: authorOf(row, 'a'),
  };
}

function noteOf(row: Row): EtaNoteFacts & { postId: number } {
  const followUpNumber = numberOrNull(row.follow_up_number);
  return {
    ...noteFactsOf(row),
    postId: Number(row.post_id),
    closedBy: authorOf(row, 'c'),
    followUpPost: followUpNumber === null ? null : { number: followUpNumber },
  };
}

/** The trails of these posts (only those known to have notes), by post id. */
export async function etaTrailsOf(db: Database, postIds: number[]): Promise<Map<number, EtaTrail>> {
  const trails = new Map<number, EtaTrail>();
  if (!postIds.length) return trails;
  for (const row of await select(db, ETA_NOTES_SQL, { postIds })) {
    const note = noteOf(row);
    let trail = trails.get(note.postId);
    if (!trail) {
      trail = { notes: [], total: Number(row.note_count) };
      trails.set(note.postId, trail);
    }
    trail.notes.push(note);
  }
  return trails;
}

/** A post's notes for its ETA page, newest first, and whether it has more than were read. */
export async function etaHistoryOf(db: Database, postId: number, limit = HISTORY_LIMIT): Promise<{ notes: EtaNoteFacts[]; more: boolean }> {
  // One row past the page tells whether there is more.
  const rows = await select(db, HISTORY_SQL, { postId, fetch: limit + 1 });
  return { notes: rows.slice(0, limit).map(noteOf), more: rows.length > limit };
}
