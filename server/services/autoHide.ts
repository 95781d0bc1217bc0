/**
 * Auto-hide: a post reported by N distinct members in good standing is hidden pending review
 * ("Hidden while moderators review reports"), with no hider (hidden_by_id null) so the queue and
 * the page can tell it from a moderator's decision. Good standing, so that fresh or sanctioned
 * accounts cannot hide posts by piling on: not silenced or suspended now, and either registered
 * more than a day ago or with at least one post. Staff posts (official answers among them) are
 * never hidden by reports alone: they wait in the queue for a moderator like any other item.
 */
import { literal, QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import { canBeHiddenByReports } from '../policies';
import { recordAction } from './moderationLog';
import { AUTO_HIDE_REASON } from './reviewActions';

const GOOD_STANDING_AGE_MS = 24 * 3600_000;

/** Distinct members in good standing with an open report on the post. */
export async function goodStandingReporters(db: Database, postId: number, now: Date, transaction?: Transaction): Promise<number> {
  const rows = await db.sequelize.query<{ count: number | string }>(
    `SELECT COUNT(DISTINCT r.reporter_id) AS count
     FROM reports r JOIN members m ON m.id = r.reporter_id
     WHERE r.post_id = :postId AND r.status = 'open'
       AND (m.silenced_until IS NULL OR m.silenced_until <= :now)
       AND (m.suspended_until IS NULL OR m.suspended_until <= :now)
       AND (m.created_at <= :dayAgo OR m.post_count > 0)`,
    { replacements: { postId, now, dayAgo: new Date(now.getTime() - GOOD_STANDING_AGE_MS) }, type: QueryTypes.SELECT, transaction },
  );
  return Number(rows[0]?.count ?? 0);
}

/** Hides the post if enough reports stand against it; true when this call hid it. */
export async function autoHideIfReported(
  db: Database,
  input: { postId: number; threshold: number; triggeredById: number; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  // Cheap check outside the write lock: most reports stay below the threshold.
  if ((await goodStandingReporters(db, input.postId, now)) < input.threshold) return false;
  return db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, {
      attributes: ['id', 'authorId', 'threadId', 'hiddenAt'],
      include: [
        { model: db.models.Thread, as: 'thread', attributes: ['id', 'hiddenAt'] },
        { model: db.models.Member, as: 'author', attributes: ['id', 'role'] },
      ],
      transaction,
    });
    if (!post || post.hiddenAt || !canBeHiddenByReports({ role: post.author?.role ?? 'contributor' })) return false;
    // Member first (the lock order), then the post.
    await db.models.Member.findByPk(post.authorId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
    const count = await goodStandingReporters(db, post.id, now, transaction);
    if (count < input.threshold) return false;
    // Conditional: of two reports crossing the threshold at once, in any process, one hides.
    const [hidden] = await db.models.Post.update(
      { hiddenAt: now, hiddenById: null, hiddenReason: AUTO_HIDE_REASON },
      { where: { id: post.id, hiddenAt: null }, transaction },
    );
    if (hidden === 0) return false;
    if (!post.thread?.hiddenAt) {
      await db.models.Member.update({ hiddenPostCount: literal('hidden_post_count + 1') }, { where: { id: post.authorId }, transaction });
    }
    await recordAction(
      db,
      {
        actorId: input.triggeredById,
        action: 'report.autohide',
        subjectMemberId: post.authorId,
        threadId: post.threadId,
        postId: post.id,
        reason: AUTO_HIDE_REASON,
        details: { reports: count },
        at: now,
      },
      transaction,
    );
    return true;
  });
}
