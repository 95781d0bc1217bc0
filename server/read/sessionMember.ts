/**
 * A signed-in request used to cost three queries before its page's own: the session row (the
 * session store), the member (passport's deserializeUser) and the unread-notification count
 * (the header); a staff member's two more (the header's review and question counts). This reads
 * them all in one: the store's get() runs a join of the session, its member and the counts (the
 * staff counts only for a staff member's row), and hands the member and counts to the request,
 * where passport and the header middlewares take them instead of querying again.
 *
 * The session store, its table and the cookie are unchanged: get() returns the same session data
 * connect-session-sequelize's own get() would. The member is still read fresh on every request
 * (a role change applies at once); it is used only when it is the member the session names.
 */
import type { Request } from 'express';
import type { Store } from 'express-session';
import { CreationAttributes } from 'sequelize';
import type { Member } from '../../models';
import type { Database } from '../db';
import { readableByMemberSql, staffRolesSql } from '../policies';
import { unreadMessagesSql } from '../services/messages/read';
import { OPEN_QUESTIONS_SQL } from '../services/questions/queue';
import { OPEN_REVIEW_ITEMS_SQL } from '../services/reports';

interface Preloaded {
  memberId: number;
  member: Member;
  /** Unread notifications a member who is not staff may see, and all of them (staff see hidden posts). */
  unread: { member: number; staff: number };
  /** Unread private messages (over the member's participant rows; services/messages/read.ts). */
  unreadMessages: number;
  /** The staff header's capped counts; null for a member who is not staff. */
  staffCounts: StaffCounts | null;
}

export interface StaffCounts {
  reviewItems: number;
  openQuestions: number;
}

type Row = Record<string, unknown> & { session_data: string; unread_member: number | string | null; unread_staff: number | string | null };
type SessionData = { passport?: { user?: unknown } };

// Keyed by the session data object get() returns: express-session passes that same object to createSession(req, data).
const bySessionData = new WeakMap<object, Preloaded>();
const byRequest = new WeakMap<Request, Preloaded>();

/**
 * Unread notifications of m.id, as services/notifications.ts counts them (the visibility rule of
 * server/policies/visibility.ts), for readers who are not staff and for staff.
 */
const UNREAD = (alias: string, staff: boolean) => `(SELECT COUNT(*) FROM notifications n
  LEFT JOIN posts p ON p.id = n.post_id LEFT JOIN threads t ON t.id = n.thread_id
  WHERE n.member_id = m.id AND n.read_at IS NULL${staff ? '' : ` AND ${readableByMemberSql('m.id')}`}) AS ${alias}`;

const SQL = `SELECT s.data AS session_data, m.*, ${UNREAD('unread_member', false)}, ${UNREAD('unread_staff', true)},
  ${unreadMessagesSql('m.id')} AS unread_messages,
  CASE WHEN m.role IN (${staffRolesSql()}) THEN ${OPEN_REVIEW_ITEMS_SQL} END AS staff_review_items,
  CASE WHEN m.role IN (${staffRolesSql()}) THEN ${OPEN_QUESTIONS_SQL} END AS staff_open_questions
  FROM sessions s LEFT JOIN members m ON m.id = s.member_id WHERE s.sid = :sid`;

type MemberColumn = { name: string; field: string; type: string | undefined };
const memberColumns = new WeakMap<Database, MemberColumn[]>();

/** The member model's attributes as (name, column, type), listed once per database. */
function memberColumnsOf(db: Database): MemberColumn[] {
  let columns = memberColumns.get(db);
  if (!columns) {
    columns = Object.entries(db.models.Member.getAttributes())
      // The password hash never rides along with a request's member (the model's default scope leaves it out too).
      .filter(([name]) => name !== 'passwordHash')
      .map(([name, attribute]) => ({ name, field: attribute.field ?? name, type: (attribute.type as { key?: string }).key }));
    memberColumns.set(db, columns);
  }
  return columns;
}

/** The row's member columns as a Member instance, with values typed as Sequelize's own reads type them. */
function memberFromRow(db: Database, row: Row): Member {
  const values: Record<string, unknown> = {};
  for (const { name, field, type } of memberColumnsOf(db)) {
    const value = row[field];
    if (value === null || value === undefined) values[name] = null;
    // SQLite answers booleans as 0/1 and dates as text.
    else if (type === 'BOOLEAN') values[name] = value === true || value === 1 || value === '1';
    else if (type === 'DATE') values[name] = value instanceof Date ? value : new Date(String(value));
    else values[name] = value;
  }
  return db.models.Member.build(values as unknown as CreationAttributes<Member>, { isNewRecord: false, raw: true });
}

/** Makes the store read the session, its member and the unread counts in one query. */
export function preloadMembersWithSessions(db: Database, store: Store): void {
  const createSession = store.createSession.bind(store);
  store.get = (sid, callback) => {
    db
      .read<Row>(SQL, { sid })
      .then(([row]) => {
        if (!row) return callback(null, null);
        const data = JSON.parse(row.session_data) as SessionData & object;
        const memberId = row.id;
        if (typeof memberId === 'number' && data.passport?.user === memberId) {
          bySessionData.set(data, {
            memberId,
            member: memberFromRow(db, row),
            unread: { member: Number(row.unread_member ?? 0), staff: Number(row.unread_staff ?? 0) },
            unreadMessages: Number(row.unread_messages ?? 0),
            staffCounts:
              row.staff_review_items === null || row.staff_review_items === undefined
                ? null
                : { reviewItems: Number(row.staff_review_items), openQuestions: Number(row.staff_open_questions ?? 0) },
          });
        }
        callback(null, data as Parameters<typeof callback>[1]);
      })
      .catch((error: unknown) => callback(error));
  };
  store.createSession = (req, data) => {
    const preloaded = bySessionData.get(data);
    if (preloaded) byRequest.set(req as unknown as Request, preloaded);
    return createSession(req, data);
  };
}

/** The member this request's session row was read with, if it is the one with this id. */
export function preloadedMember(req: Request, memberId: unknown): Member | null {
  const preloaded = byRequest.get(req);
  return preloaded && preloaded.memberId === memberId ? preloaded.member : null;
}

/** The unread count read with the session, for this member, or null when it was not read. */
export function preloadedUnreadCount(req: Request, reader: { memberId: number; isStaff: boolean }): number | null {
  const preloaded = byRequest.get(req);
  if (!preloaded || preloaded.memberId !== reader.memberId) return null;
  return reader.isStaff ? preloaded.unread.staff : preloaded.unread.member;
}

/** The unread-messages count read with the session, for this member, or null when it was not read. */
export function preloadedUnreadMessages(req: Request, memberId: number): number | null {
  const preloaded = byRequest.get(req);
  return preloaded && preloaded.memberId === memberId ? preloaded.unreadMessages : null;
}

/** The staff header's counts read with the session, for this member, or null when they were not read. */
export function preloadedStaffCounts(req: Request, memberId: number): StaffCounts | null {
  const preloaded = byRequest.get(req);
  return preloaded && preloaded.memberId === memberId ? preloaded.staffCounts : null;
}
