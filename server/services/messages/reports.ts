/**
 * A participant reporting a message: the one way staff read a member-to-member conversation. The
 * review queue (/staff/review) shows each reported message with the few messages before it, and
 * nothing else of the conversation. One open report per member per message (a partial unique
 * index); the flood limit is the post reports' (REPORTS_PER_HOUR), counted over message reports.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../../db';
import type { ReportReason } from '../../../models';
import { ConflictError, TooManyRequestsError } from '../../errors';
import { authorColumns, authorOf, AuthorRow, dateOf, select } from '../../read/rows';
import { changedRows } from './sql';

const WINDOW_MS = 3_600_000;
/** Messages shown before the reported one, for context. */
export const CONTEXT_MESSAGES = 3;
export const MESSAGE_REPORT_ITEMS = 25;

export async function reportMessage(
  db: Database,
  input: { messageId: number; reporterId: number; reason: ReportReason; note: string | null; reportsPerHour: number; now?: Date },
): Promise<'created' | 'updated'> {
  const now = input.now ?? new Date();
  return db.writeTransaction(async (transaction) => {
    await db.sequelize.query(`UPDATE members SET id = id WHERE id = :id`, { replacements: { id: input.reporterId }, transaction });
    const [counted] = await db.sequelize.query<{ count: number | string }>(
      `SELECT COUNT(*) AS count FROM message_reports WHERE reporter_id = :reporterId AND created_at > :since`,
      { replacements: { reporterId: input.reporterId, since: new Date(now.getTime() - WINDOW_MS) }, type: QueryTypes.SELECT, transaction },
    );
    if (Number(counted.count) >= input.reportsPerHour) {
      throw new TooManyRequestsError(`You have sent ${input.reportsPerHour} reports in the last hour, the most one member may. Try again later.`, 600);
    }
    const updated = await changedRows(
      db,
      `UPDATE message_reports SET reason = :reason, note = :note WHERE message_id = :messageId AND reporter_id = :reporterId AND status = 'open'`,
      { ...input, now },
      transaction,
    );
    if (updated > 0) return 'updated';
    await db.sequelize.query(
      `INSERT INTO message_reports (message_id, reporter_id, reason, note, status, created_at) VALUES (:messageId, :reporterId, :reason, :note, 'open', :now)`,
      { replacements: { ...input, now }, transaction },
    );
    return 'created';
  });
}

/** Of these messages, those the member has an open report on ("You reported this message"). */
export async function messagesReportedBy(db: Database, reporterId: number, messageIds: number[]): Promise<Set<number>> {
  if (messageIds.length === 0) return new Set();
  const rows = await select(db, `SELECT message_id FROM message_reports WHERE reporter_id = :reporterId AND status = 'open' AND message_id IN (:messageIds)`, {
    reporterId,
    messageIds,
  });
  return new Set(rows.map((row) => Number(row.message_id)));
}

export interface ReportedMessageItem {
  messageId: number;
  conversationSubject: string;
  /** The reported message last, after up to CONTEXT_MESSAGES before it. */
  messages: Array<{ id: number; number: number; author: AuthorRow | null; html: string; createdAt: Date }>;
  reports: Array<{ reason: string; note: string | null; createdAt: Date }>;
}

/** The report arm has no author: the same columns, as NULLs. */
const NO_AUTHOR_COLUMNS = authorColumns('a').replace(/a\.\w+ AS/g, 'NULL AS');

/**
 * The page's reported messages, each with its context and its open reports, in one read. The
 * queue index is read oldest report first (message_reports_queue: status, created_at,
 * message_id), keeping each message's first open report (no earlier open one: a range probe of
 * message_reports_message_open, migration 029) and stopping at MESSAGE_REPORT_ITEMS, so it reads
 * the open reports of the listed messages and no others. The picked messages then drive both
 * arms: their context messages (`seq` the number) and their open reports (`seq` the id; at most
 * one open report per participant). CROSS JOIN keeps SQLite reading the reports by message from
 * the picked ones; as a JOIN it read every open report by status. The messages arm comes first
 * and gives the columns their types, and `kind` sorts its rows (with the subject) first in each
 * item; LEFT JOINs list an item even if its message is missing, as before.
 */
const MESSAGE_QUEUE_SQL = `WITH picked AS (
  SELECT r.message_id, r.created_at AS first_at FROM message_reports r
  WHERE r.status = 'open' AND NOT EXISTS (SELECT 1 FROM message_reports e WHERE e.message_id = r.message_id AND e.status = 'open'
    AND e.created_at <= r.created_at AND (e.created_at < r.created_at OR e.id < r.id))
  ORDER BY r.created_at ASC, r.message_id ASC LIMIT ${MESSAGE_REPORT_ITEMS})
SELECT 'message' AS kind, picked.message_id AS item_id, picked.first_at, m.number AS seq, c.subject, m.id, m.html, m.created_at,
  NULL AS reason, NULL AS note, ${authorColumns('a')}
FROM picked
LEFT JOIN messages rm ON rm.id = picked.message_id
LEFT JOIN conversations c ON c.id = rm.conversation_id
LEFT JOIN messages m ON m.conversation_id = rm.conversation_id AND m.number BETWEEN rm.number - ${CONTEXT_MESSAGES} AND rm.number
LEFT JOIN members a ON a.id = m.author_id
UNION ALL
SELECT 'report', picked.message_id, picked.first_at, mr.id, NULL, NULL, NULL, mr.created_at,
  mr.reason, mr.note, ${NO_AUTHOR_COLUMNS}
FROM picked CROSS JOIN message_reports mr WHERE mr.message_id = picked.message_id AND mr.status = 'open'
ORDER BY first_at ASC, item_id ASC, kind ASC, seq ASC`;

/** The oldest reported messages with open reports, each with its context: one query, whatever the queue's length. */
export async function messageReportQueue(db: Database): Promise<ReportedMessageItem[]> {
  const items = new Map<number, ReportedMessageItem>();
  for (const row of await select(db, MESSAGE_QUEUE_SQL, {})) {
    const messageId = Number(row.item_id);
    let item = items.get(messageId);
    if (!item) {
      item = { messageId, conversationSubject: String(row.subject ?? ''), messages: [], reports: [] };
      items.set(messageId, item);
    }
    if (row.kind === 'report') {
      item.reports.push({ reason: String(row.reason), note: (row.note as string | null) ?? null, createdAt: dateOf(row.created_at) });
    } else if (row.id !== null && row.id !== undefined) {
      item.messages.push({ id: Number(row.id), number: Number(row.seq), author: authorOf(row, 'a'), html: String(row.html), createdAt: dateOf(row.created_at) });
    }
  }
  return [...items.values()];
}

/** Closes the open reports of a message; of two moderators at once, the second gets 409. */
export async function closeMessageReports(db: Database, input: { messageId: number; outcome: 'dismissed' | 'actioned'; actorId: number; now?: Date }): Promise<void> {
  const changed = await db.writeTransaction((transaction) =>
    changedRows(
      db,
      `UPDATE message_reports SET status = :outcome, closed_at = :now, closed_by_id = :actorId WHERE message_id = :messageId AND status = 'open'`,
      { ...input, now: input.now ?? new Date() },
      transaction,
    ),
  );
  if (changed === 0) throw new ConflictError('These reports were already handled.');
}

/** A conversation's message by its number, for reporting it. */
export async function messageByNumber(db: Database, conversationId: number, number: number): Promise<{ id: number; number: number; authorId: number } | null> {
  const [row] = await select(db, `SELECT id, number, author_id FROM messages WHERE conversation_id = :conversationId AND number = :number`, { conversationId, number });
  return row ? { id: Number(row.id), number: Number(row.number), authorId: Number(row.author_id) } : null;
}
