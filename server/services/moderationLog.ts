/** The moderation log: every staff action, written in the same transaction as the action itself. */
import { Op, Transaction, WhereOptions } from 'sequelize';
import type { Database } from '../db';
import type { ModerationAction, ModerationLogEntry } from '../../models';
import { AUTHOR_ATTRIBUTES } from './members';

export interface LogEntryInput {
  actorId: number;
  action: ModerationAction;
  subjectMemberId?: number | null;
  threadId?: number | null;
  postId?: number | null;
  details?: Record<string, unknown>;
  reason?: string | null;
  at?: Date;
}

export async function recordAction(db: Database, entry: LogEntryInput, transaction: Transaction): Promise<void> {
  await db.models.ModerationLogEntry.create(
    {
      actorId: entry.actorId,
      action: entry.action,
      subjectMemberId: entry.subjectMemberId ?? null,
      threadId: entry.threadId ?? null,
      postId: entry.postId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      reason: entry.reason ?? null,
      createdAt: entry.at ?? new Date(),
    },
    { transaction },
  );
}

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

/** Log entries newest first, with the people, threads and posts they name (one query). */
export async function listLogEntries(db: Database, filter: LogFilter = {}): Promise<ModerationLogEntry[]> {
  const conditions: WhereOptions[] = [];
  if (filter.kind) {
    conditions.push(
      filter.kind.includes('.') ? { action: filter.kind } : { action: { [Op.like]: `${filter.kind}.%` } },
    );
  }
  if (filter.memberId) {
    conditions.push({ [Op.or]: [{ actorId: filter.memberId }, { subjectMemberId: filter.memberId }] });
  }
  if (filter.subjectMemberId) conditions.push({ subjectMemberId: filter.subjectMemberId });
  if (filter.beforeId) conditions.push({ id: { [Op.lt]: filter.beforeId } });
  const { Member, Thread, Post } = db.models;
  return db.models.ModerationLogEntry.findAll({
    where: conditions.length ? { [Op.and]: conditions } : {},
    include: [
      { model: Member, as: 'actor', attributes: AUTHOR_ATTRIBUTES },
      { model: Member, as: 'subjectMember', attributes: AUTHOR_ATTRIBUTES },
      { model: Thread, as: 'thread', attributes: ['id', 'title', 'slug'] },
      { model: Post, as: 'post', attributes: ['id', 'number', 'threadId'] },
    ],
    order: [['id', 'DESC']],
    limit: filter.limit ?? LOG_PAGE_SIZE,
  });
}
