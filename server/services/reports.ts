/**
 * Members reporting posts. One open report per member per post (a partial unique index backs
 * this); reporting again changes the reason and note. The flood limit counts the member's reports
 * in the database, inside the report's own transaction with the member's row locked, so it holds
 * across processes the way the posting flood limit does (server/services/flood.ts).
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { ReportReason } from '../../models';
import { TooManyRequestsError } from '../errors';

const WINDOW_MS = 60 * 60_000;

export interface ReportInput {
  postId: number;
  reporterId: number;
  reason: ReportReason;
  note: string | null;
  reportsPerHour: number;
  now?: Date;
}

/** Files or updates the member's open report on a post; says which. */
export async function reportPost(db: Database, input: ReportInput): Promise<'created' | 'updated'> {
  const now = input.now ?? new Date();
  return db.writeTransaction(async (transaction) => {
    // The reporter's row first (the one lock order: member, thread, words, board): reports by one
    // member are counted one after another, whichever process they reach.
    await db.models.Member.findByPk(input.reporterId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    const recent = { reporterId: input.reporterId, updatedAt: { [Op.gt]: new Date(now.getTime() - WINDOW_MS) } };
    if ((await db.models.Report.count({ where: recent, transaction })) >= input.reportsPerHour) {
      const oldest = await db.models.Report.findOne({ where: recent, attributes: ['updatedAt'], order: [['updatedAt', 'ASC']], transaction });
      const retryAfterMs = oldest!.updatedAt.getTime() + WINDOW_MS - now.getTime();
      throw new TooManyRequestsError(
        `You have sent ${input.reportsPerHour} reports in the last hour, the most one member may. Your report is kept below; try again later.`,
        Math.max(1, Math.ceil(retryAfterMs / 1000)),
      );
    }
    const existing = await db.models.Report.findOne({ where: { postId: input.postId, reporterId: input.reporterId, status: 'open' }, transaction });
    if (existing) {
      await existing.update({ reason: input.reason, note: input.note, updatedAt: now }, { transaction });
      return 'updated';
    }
    await db.models.Report.create(
      { postId: input.postId, reporterId: input.reporterId, reason: input.reason, note: input.note, createdAt: now, updatedAt: now },
      { transaction },
    );
    return 'created';
  });
}

/** The member's open report on a post, to fill the form again. */
export async function openReportOf(db: Database, postId: number, reporterId: number) {
  return db.models.Report.findOne({ where: { postId, reporterId, status: 'open' }, attributes: ['id', 'reason', 'note'] });
}

/** The header counts at most this many review items ("99+" beyond). */
export const REVIEW_COUNT_CAP = 100;

/**
 * Items in the review queue, posts with open reports, up to the cap ("Review 3" in the staff
 * header): a flood of reports costs every staff page view a hundred index entries, not all. The
 * session read (server/read/sessionMember.ts) runs the same SQL for staff.
 */
export const OPEN_REVIEW_ITEMS_SQL = `(SELECT COUNT(*) FROM (SELECT DISTINCT post_id FROM reports WHERE status = 'open' LIMIT ${REVIEW_COUNT_CAP}) AS capped_reports)`;

export async function openItemCount(db: Database): Promise<number> {
  const [row] = await db.read<{ n: number | string }>(`SELECT ${OPEN_REVIEW_ITEMS_SQL} AS n`, {});
  return Number(row?.n ?? 0);
}
