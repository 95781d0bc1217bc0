/**
 * The moderation log: every staff action, written in the same transaction as the action itself.
 * Reading it is server/read/moderationLog.ts.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../db';
import type { ModerationAction } from '../../models';

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
