/**
 * The notifications page as plain rows: the member's newest notifications they may still read,
 * with the thread, post and actor each says something about, in one statement. Was an id query
 * and then a Notification findAll with three includes; building those instances was most of the
 * page's CPU (bench row "notifications (signed in)"). The visibility rule is the policy module's
 * (readablePostsSql over the joined post and thread), applied before the LIMIT, so a hidden post's
 * notification never reaches a member who may not read it, nor takes a place on their page.
 * The order is an ordered range of notifications_by_member (migration 028): no sort.
 */
import type { Database } from '../db';
import type { NotificationKind, Role } from '../../models';
import { readablePostsSql } from '../policies';
import type { Reader } from '../services/notifications';
import { dateOf, dateOrNull, Row, select } from './rows';

export const NOTIFICATIONS_PAGE_SIZE = 100;

/** What the notifications page says of one notification (presenters/notifications.ts). */
export interface NotificationRow {
  id: number;
  kind: NotificationKind;
  /** JSON text, as stored. */
  details: string;
  readAt: Date | null;
  createdAt: Date;
  /** Null for news about the member rather than a thread (a badge awarded). */
  thread: { id: number; title: string; slug: string } | null;
  post: { number: number } | null;
  actor: { displayName: string; role: Role } | null;
}

const SQL = (visible: string) => `SELECT n.id, n.kind, n.details, n.read_at, n.created_at,
    t.id AS t_id, t.title AS t_title, t.slug AS t_slug, p.id AS p_id, p.number AS p_number,
    a.id AS a_id, a.display_name AS a_display_name, a.role AS a_role
  FROM notifications n
  LEFT JOIN posts p ON p.id = n.post_id
  LEFT JOIN threads t ON t.id = n.thread_id
  LEFT JOIN members a ON a.id = n.actor_id
  WHERE n.member_id = :memberId AND ${visible}
  ORDER BY n.id DESC
  LIMIT :limit`;

/** The statement, with the reader's form of the visibility rule; exported for the plan test. */
export function notificationsQuery(reader: Reader): { sql: string; replacements: Record<string, number> } {
  const readable = readablePostsSql(reader);
  return { sql: SQL(readable.sql), replacements: { memberId: reader.memberId, limit: NOTIFICATIONS_PAGE_SIZE, ...readable.replacements } };
}

function notificationOf(row: Row): NotificationRow {
  return {
    id: Number(row.id),
    kind: row.kind as NotificationKind,
    details: String(row.details),
    readAt: dateOrNull(row.read_at),
    createdAt: dateOf(row.created_at),
    thread: row.t_id === null ? null : { id: Number(row.t_id), title: String(row.t_title), slug: String(row.t_slug) },
    post: row.p_id === null ? null : { number: Number(row.p_number) },
    actor: row.a_id === null ? null : { displayName: String(row.a_display_name), role: row.a_role as Role },
  };
}

/** The latest NOTIFICATIONS_PAGE_SIZE notifications the reader may see, newest first. */
export async function readNotifications(db: Database, reader: Reader): Promise<NotificationRow[]> {
  const query = notificationsQuery(reader);
  return (await select(db, query.sql, query.replacements)).map(notificationOf);
}
