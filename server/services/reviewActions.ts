/**
 * Acting on a review item: hide the post or leave it up, optionally sanctioning its author, and
 * close the item's open reports with that outcome, in one transaction. Which of two moderators
 * acting at once wins is decided by the database: the closing UPDATE ... WHERE status = 'open'
 * changes rows for the first only, in any process; the second changes none and does nothing else.
 */
import { literal, Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Post } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { recordAction } from './moderationLog';
import { applySanction, SanctionInput } from './sanctions';

/** The reason an auto-hidden post shows; such a post has no hider (hidden_by_id is null). */
export const AUTO_HIDE_REASON = 'Hidden while moderators review reports';

export function isAutoHidden(post: Pick<Post, 'hiddenAt' | 'hiddenById'>): boolean {
  return post.hiddenAt !== null && post.hiddenById === null;
}

export type ReviewOutcome = 'hidden' | 'dismissed';

export interface ReviewAction {
  postId: number;
  actorId: number;
  outcome: ReviewOutcome;
  /** Shown to the author when the post is hidden. */
  hideReason: string | null;
  /** For the moderation log. */
  note: string | null;
  /** The newest report the moderator saw: reports filed after it stay open, a new item. */
  seenUpToReportId: number;
  /** Silence or suspend the author as well (only with "hidden"). */
  sanction?: Omit<SanctionInput, 'memberId' | 'actorId'> | null;
  at?: Date;
}

export type ReviewResult = { handled: true; closedReports: number } | { handled: false };

async function adjustHiddenPosts(db: Database, memberId: number, by: number, transaction: Transaction): Promise<void> {
  await db.models.Member.update({ hiddenPostCount: literal(`hidden_post_count + ${by}`) }, { where: { id: memberId }, transaction });
}

export async function actOnReviewItem(db: Database, action: ReviewAction): Promise<ReviewResult> {
  const at = action.at ?? new Date();
  if (action.outcome === 'hidden' && !action.hideReason) throw new ValidationError({ hideReason: 'Say why the post is hidden: the author will see it.' });
  if (action.sanction && action.outcome !== 'hidden') throw new ValidationError({ sanction: 'Sanction the author only when hiding the post.' });
  return db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(action.postId, {
      include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'hiddenAt'] }],
      transaction,
    });
    if (!post) throw new NotFoundError('That post does not exist.');
    // Member first (the lock order); then the reports, whose conditional update decides the race.
    await db.models.Member.findByPk(post.authorId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    // silent: updated_at is when the reporter last filed or changed it (their flood limit counts
    // it), not when staff closed it.
    const [closedReports] = await db.models.Report.update(
      { status: action.outcome, closedAt: at, closedById: action.actorId },
      { where: { postId: post.id, status: 'open', id: { [Op.lte]: action.seenUpToReportId } }, transaction, silent: true },
    );
    if (closedReports === 0) return { handled: false };

    const threadHidden = Boolean(post.thread?.hiddenAt);
    let restored = false;
    if (action.outcome === 'hidden') {
      if (!post.hiddenAt) {
        if (!threadHidden) await adjustHiddenPosts(db, post.authorId, +1, transaction);
        await post.update({ hiddenAt: at, hiddenById: action.actorId, hiddenReason: action.hideReason }, { transaction });
      } else if (isAutoHidden(post)) {
        // Hidden pending review: now hidden by this moderator, with their reason.
        await post.update({ hiddenById: action.actorId, hiddenReason: action.hideReason }, { transaction });
      }
    } else if (isAutoHidden(post)) {
      // Left up: a post hidden only by reports comes back.
      if (!threadHidden) await adjustHiddenPosts(db, post.authorId, -1, transaction);
      await post.update({ hiddenAt: null, hiddenById: null, hiddenReason: null }, { transaction });
      restored = true;
    }
    await recordAction(
      db,
      {
        actorId: action.actorId,
        action: action.outcome === 'hidden' ? 'report.hide' : 'report.dismiss',
        subjectMemberId: post.authorId,
        threadId: post.threadId,
        postId: post.id,
        reason: action.note,
        details: { reports: closedReports, hideReason: action.hideReason, restored },
        at,
      },
      transaction,
    );
    if (action.sanction) {
      await applySanction(db, { ...action.sanction, memberId: post.authorId, actorId: action.actorId, at }, transaction);
    }
    // Each reporter hears the outcome. The notification names the thread and post number only
    // (no post id, so the visibility rule does not drop it once the post is hidden).
    await db.sequelize.query(
      `INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at)
       SELECT reporter_id, 'report', :threadId, NULL, NULL, :details, :at
       FROM reports WHERE post_id = :postId AND status = :outcome AND closed_by_id = :actorId AND closed_at = :at`,
      {
        replacements: {
          threadId: post.threadId,
          details: JSON.stringify({ outcome: action.outcome, postNumber: post.number }),
          at,
          postId: post.id,
          outcome: action.outcome,
          actorId: action.actorId,
        },
        transaction,
      },
    );
    return { handled: true, closedReports };
  });
}
