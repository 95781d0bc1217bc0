/**
 * The flood limit: a member may not publish more than N posts a minute. Counted from the posts
 * table itself (indexed by author and time), so it holds across app processes and restarts.
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import { TooManyRequestsError } from '../errors';

const WINDOW_MS = 60_000;

/**
 * Refuses a post over the limit. Called inside the post's own write transaction, after locking
 * the member's row (PostgreSQL; on SQLite the transaction already holds the only write lock), so
 * posts that arrive at once, at any process, are counted one after another. Checked before the
 * transaction, a burst all passed before any of them was saved.
 */
export async function ensureNotFlooding(
  db: Database,
  authorId: number,
  postsPerMinute: number,
  options: { now?: Date; transaction?: Transaction } = {},
): Promise<void> {
  const { transaction } = options;
  const now = options.now ?? new Date();
  // FOR NO KEY UPDATE: posts by one member wait for each other, while the foreign-key checks of
  // other transactions (KEY SHARE, e.g. notifications naming this member) go on; FOR UPDATE
  // would deadlock with them.
  if (transaction) await db.models.Member.findByPk(authorId, { attributes: ['id'], lock: Transaction.LOCK.NO_KEY_UPDATE, transaction });
  const where = { authorId, createdAt: { [Op.gt]: new Date(now.getTime() - WINDOW_MS) } };
  const recent = await db.models.Post.count({ where, transaction });
  if (recent < postsPerMinute) return;
  const oldest = await db.models.Post.findOne({ where, attributes: ['createdAt'], order: [['createdAt', 'ASC']], transaction });
  const retryAfterMs = oldest!.createdAt.getTime() + WINDOW_MS - now.getTime();
  throw new TooManyRequestsError(
    `You are posting too quickly: at most ${postsPerMinute} posts a minute. Your text is kept below; try again in a moment.`,
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
  );
}
