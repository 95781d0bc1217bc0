/**
 * The moderation log's read side as plain rows: entries newest first with the people, thread and
 * post they name, in one fixed read per combination of filters, keyset pages by id (`before`).
 * Was a Sequelize findAll with four includes, whose instance building was the page's measured cost.
 */
import type { Database } from '../db';
import type { ModerationAction } from '../../models';
import { authorColumns, authorOf, AuthorRow, dateOf, Row, select } from './rows';

export interface LogFilter {
  /** An action, or a family of actions such as "eta" or "thread". */
  kind?: string | null;
  /** Entries by or about this member. */
  memberId?: number | null;
  /** Entries about this member only. */
  subjectMemberId?: number | null;
  /** Entries older than this id (keyset paging, newest first). */
  beforeId?: number | null;
  limit?: number;
}

export const LOG_PAGE_SIZE = 50;

export interface LogEntryRow {
  id: number;
  action: ModerationAction;
  /** JSON object describing the change. */
  details: string;
  reason: string | null;
  createdAt: Date;
  actor: AuthorRow | null;
  subjectMember: AuthorRow | null;
  thread: { id: number; title: string; slug: string } | null;
  post: { id: number; number: number; threadId: number } | null;
}

const COLUMNS = `l.id, l.action, l.details, l.reason, l.created_at,
  t.id AS t_id, t.title AS t_title, t.slug AS t_slug, p.id AS p_id, p.number AS p_number, p.thread_id AS p_thread_id,
  ${authorColumns('a')}, ${authorColumns('s')}`;

const FROM = `FROM moderation_log l
  LEFT JOIN members a ON a.id = l.actor_id
  LEFT JOIN members s ON s.id = l.subject_member_id
  LEFT JOIN threads t ON t.id = l.thread_id
  LEFT JOIN posts p ON p.id = l.post_id`;

function entryOf(row: Row): LogEntryRow {
  return {
    id: Number(row.id),
    action: row.action as ModerationAction,
    details: String(row.details),
    reason: (row.reason as string | null) ?? null,
    createdAt: dateOf(row.created_at),
    actor: authorOf(row, 'a'),
    subjectMember: authorOf(row, 's'),
    thread: row.t_id === null || row.t_id === undefined ? null : { id: Number(row.t_id), title: String(row.t_title), slug: String(row.t_slug) },
    post: row.p_id === null || row.p_id === undefined ? null : { id: Number(row.p_id), number: Number(row.p_number), threadId: Number(row.p_thread_id) },
  };
}

/**
 * Log entries newest first, one page. Each filter adds its own condition, so the SQL texts are a
 * fixed few (one per combination), each bound to its values.
 */
export async function listLogEntries(db: Database, filter: LogFilter = {}): Promise<LogEntryRow[]> {
  const conditions: string[] = [];
  const replacements: Record<string, unknown> = { limit: filter.limit ?? LOG_PAGE_SIZE };
  if (filter.kind) {
    // "eta.add" is one action; "eta" is the family of actions it names.
    conditions.push(filter.kind.includes('.') ? 'l.action = :action' : 'l.action LIKE :action');
    replacements.action = filter.kind.includes('.') ? filter.kind : `${filter.kind}.%`;
  }
  if (filter.memberId) {
    conditions.push('(l.actor_id = :memberId OR l.subject_member_id = :memberId)');
    replacements.memberId = filter.memberId;
  }
  if (filter.subjectMemberId) {
    conditions.push('l.subject_member_id = :subjectMemberId');
    replacements.subjectMemberId = filter.subjectMemberId;
  }
  if (filter.beforeId) {
    conditions.push('l.id < :beforeId');
    replacements.beforeId = filter.beforeId;
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await select(db, `SELECT ${COLUMNS} ${FROM} ${where} ORDER BY l.id DESC LIMIT :limit`, replacements);
  return rows.map(entryOf);
}
