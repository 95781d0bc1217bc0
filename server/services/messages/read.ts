/**
 * Reading private messages as plain rows: a conversation with the viewer's own participant row
 * (one query, which the policies decide on), a page of its messages, the inbox and the staff
 * inbox. Every list is a keyset page over an index, so its cost does not grow with the inbox.
 */
import type { Database } from '../../db';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, numberOrNull, select, type Row } from '../../read/rows';
import type { ConversationKind } from '../../policies';

export const MESSAGES_PER_PAGE = 50;
export const INBOX_PAGE_SIZE = 25;
export const NOTES_SHOWN = 50;

export interface ConversationRow {
  id: number;
  subject: string;
  kind: ConversationKind;
  status: 'open' | 'resolved';
  startedById: number;
  assignedTo: AuthorRow | null;
  resolvedAt: Date | null;
  lastMessageNumber: number;
  lastMessageAt: Date;
  createdAt: Date;
}

export interface ParticipationRow {
  role: 'member' | 'staff';
  lastReadMessageNumber: number;
  leftAt: Date | null;
}

export interface ConversationAccess {
  conversation: ConversationRow;
  /** The viewer's own participant row, null when they never were one. */
  participation: ParticipationRow | null;
}

function conversationOf(row: Row): ConversationRow {
  return {
    id: Number(row.id),
    subject: String(row.subject),
    kind: row.kind as ConversationKind,
    status: row.status as ConversationRow['status'],
    startedById: Number(row.started_by_id),
    assignedTo: authorOf(row, 'asg'),
    resolvedAt: dateOrNull(row.resolved_at),
    lastMessageNumber: Number(row.last_message_number),
    lastMessageAt: dateOf(row.last_message_at),
    createdAt: dateOf(row.created_at),
  };
}

/** The conversation and the viewer's participant row, or null when there is no such conversation. */
export async function conversationAccess(db: Database, conversationId: number, memberId: number | null): Promise<ConversationAccess | null> {
  const [row] = await select(
    db,
    `SELECT c.*, ${authorColumns('asg')}, cp.role AS cp_role, cp.last_read_message_number AS cp_last_read, cp.left_at AS cp_left_at, cp.id AS cp_id
     FROM conversations c
     LEFT JOIN members asg ON asg.id = c.assigned_to_id
     LEFT JOIN conversation_participants cp ON cp.conversation_id = c.id AND cp.member_id = :memberId
     WHERE c.id = :conversationId`,
    { conversationId, memberId: memberId ?? 0 },
  );
  if (!row) return null;
  const participation: ParticipationRow | null = row.cp_id === null || row.cp_id === undefined
    ? null
    : { role: row.cp_role as ParticipationRow['role'], lastReadMessageNumber: Number(row.cp_last_read), leftAt: dateOrNull(row.cp_left_at) };
  return { conversation: conversationOf(row), participation };
}

export interface MessageRow {
  id: number;
  number: number;
  authorId: number;
  author: AuthorRow | null;
  html: string;
  createdAt: Date;
}

function messageOf(row: Row): MessageRow {
  return {
    id: Number(row.id),
    number: Number(row.number),
    authorId: Number(row.author_id),
    author: authorOf(row, 'a'),
    html: String(row.html),
    createdAt: dateOf(row.created_at),
  };
}

/** Up to `limit` messages numbered below `before` (all when null), oldest first. */
export async function messagesBefore(db: Database, conversationId: number, before: number | null, limit = MESSAGES_PER_PAGE): Promise<MessageRow[]> {
  const rows = await select(
    db,
    `SELECT m.id, m.number, m.author_id, m.html, m.created_at, ${authorColumns('a')}
     FROM messages m LEFT JOIN members a ON a.id = m.author_id
     WHERE m.conversation_id = :conversationId AND m.number < :before
     ORDER BY m.number DESC LIMIT :limit`,
    { conversationId, before: before ?? 2_147_483_647, limit },
  );
  return rows.map(messageOf).reverse();
}

export interface ParticipantRow {
  member: AuthorRow;
  role: 'member' | 'staff';
  leftAt: Date | null;
}

/** The participants of these conversations, by conversation id (one query for a page of the inbox). */
export async function participantsOf(db: Database, conversationIds: number[]): Promise<Map<number, ParticipantRow[]>> {
  const byConversation = new Map<number, ParticipantRow[]>();
  if (conversationIds.length === 0) return byConversation;
  const rows = await select(
    db,
    `SELECT cp.conversation_id, cp.role, cp.left_at, ${authorColumns('a')}
     FROM conversation_participants cp JOIN members a ON a.id = cp.member_id
     WHERE cp.conversation_id IN (:conversationIds) ORDER BY cp.id`,
    { conversationIds },
  );
  for (const row of rows) {
    const list = byConversation.get(Number(row.conversation_id)) ?? [];
    list.push({ member: authorOf(row, 'a')!, role: row.role as ParticipantRow['role'], leftAt: dateOrNull(row.left_at) });
    byConversation.set(Number(row.conversation_id), list);
  }
  return byConversation;
}

export interface NoteRow {
  id: number;
  author: AuthorRow | null;
  text: string;
  createdAt: Date;
}

/** The newest staff notes of a conversation, oldest first. */
export async function notesOf(db: Database, conversationId: number): Promise<NoteRow[]> {
  const rows = await select(
    db,
    `SELECT n.id, n.text, n.created_at, ${authorColumns('a')}
     FROM conversation_notes n LEFT JOIN members a ON a.id = n.author_id
     WHERE n.conversation_id = :conversationId ORDER BY n.id DESC LIMIT :limit`,
    { conversationId, limit: NOTES_SHOWN },
  );
  return rows.map((row) => ({ id: Number(row.id), author: authorOf(row, 'a'), text: String(row.text), createdAt: dateOf(row.created_at) })).reverse();
}

/** Where an inbox page starts: after the conversation with this last activity and id. */
export interface InboxCursor {
  at: Date;
  id: number;
}

export function parseInboxCursor(value: unknown): InboxCursor | null {
  if (typeof value !== 'string') return null;
  const match = /^([0-9]{1,15})-([1-9][0-9]{0,9})$/.exec(value);
  return match ? { at: new Date(Number(match[1])), id: Number(match[2]) } : null;
}

export function inboxCursorOf(at: Date, id: number): string {
  return `${at.getTime()}-${id}`;
}

export interface InboxRow {
  conversation: ConversationRow;
  unread: number;
}

/** One page of the member's inbox (conversations they have not left), newest activity first. */
export async function inboxPage(db: Database, memberId: number, cursor: InboxCursor | null): Promise<{ rows: InboxRow[]; next: InboxCursor | null }> {
  const rows = await select(
    db,
    `SELECT c.*, ${authorColumns('asg')}, cp.last_message_number - cp.last_read_message_number AS unread, cp.last_message_at AS cp_at
     FROM conversation_participants cp
     JOIN conversations c ON c.id = cp.conversation_id
     LEFT JOIN members asg ON asg.id = c.assigned_to_id
     WHERE cp.member_id = :memberId AND cp.left_at IS NULL
       ${cursor ? 'AND (cp.last_message_at < :at OR (cp.last_message_at = :at AND cp.conversation_id < :id))' : ''}
     ORDER BY cp.last_message_at DESC, cp.conversation_id DESC LIMIT :limit`,
    { memberId, at: cursor?.at ?? null, id: cursor?.id ?? null, limit: INBOX_PAGE_SIZE + 1 },
  );
  const page = rows.slice(0, INBOX_PAGE_SIZE).map((row) => ({ conversation: conversationOf(row), unread: Math.max(0, Number(row.unread)) }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > INBOX_PAGE_SIZE && last ? { at: last.conversation.lastMessageAt, id: last.conversation.id } : null };
}

export type StaffInboxState = 'open' | 'assigned' | 'resolved';
export const STAFF_INBOX_STATES: readonly StaffInboxState[] = ['open', 'assigned', 'resolved'];

const STATE_SQL: Record<StaffInboxState, string> = {
  open: `c.status = 'open' AND c.assigned_to_id IS NULL`,
  assigned: `c.status = 'open' AND c.assigned_to_id IS NOT NULL`,
  resolved: `c.status = 'resolved'`,
};

/** One page of the team's conversations in a state, newest activity first. */
export async function staffInboxPage(db: Database, state: StaffInboxState, cursor: InboxCursor | null): Promise<{ rows: ConversationRow[]; next: InboxCursor | null }> {
  const rows = await select(
    db,
    `SELECT c.*, ${authorColumns('asg')}
     FROM conversations c LEFT JOIN members asg ON asg.id = c.assigned_to_id
     WHERE c.kind = 'team' AND ${STATE_SQL[state]}
       ${cursor ? 'AND (c.last_message_at < :at OR (c.last_message_at = :at AND c.id < :id))' : ''}
     ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit`,
    { at: cursor?.at ?? null, id: cursor?.id ?? null, limit: INBOX_PAGE_SIZE + 1 },
  );
  const page = rows.slice(0, INBOX_PAGE_SIZE).map(conversationOf);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > INBOX_PAGE_SIZE && last ? { at: last.lastMessageAt, id: last.id } : null };
}

/**
 * Unread messages of a member, as the header counts them: over the member's own participant rows
 * (the conversation_participants_inbox index), never over messages. The same SQL is a subselect
 * of the session query (server/read/sessionMember.ts); `member` is the SQL naming the member id.
 */
export function unreadMessagesSql(member: string): string {
  return `(SELECT COALESCE(SUM(cp.last_message_number - cp.last_read_message_number), 0) FROM conversation_participants cp
    WHERE cp.member_id = ${member} AND cp.left_at IS NULL AND cp.last_message_number > cp.last_read_message_number)`;
}

export async function unreadMessageCount(db: Database, memberId: number): Promise<number> {
  const [row] = await select(db, `SELECT ${unreadMessagesSql(':memberId')} AS count`, { memberId });
  return Number(numberOrNull(row?.count) ?? 0);
}

/** The members blocked by this member, for the inbox's list (bounded: a member blocks few). */
export async function blockedBy(db: Database, memberId: number): Promise<AuthorRow[]> {
  const rows = await select(
    db,
    `SELECT ${authorColumns('a')} FROM message_blocks b JOIN members a ON a.id = b.blocked_id WHERE b.blocker_id = :memberId ORDER BY b.id LIMIT 200`,
    { memberId },
  );
  return rows.map((row) => authorOf(row, 'a')!);
}
