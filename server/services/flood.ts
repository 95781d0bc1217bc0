/**
 * The flood limit: a member may not publish more than N posts a minute. Counted from the posts
 * table itself (indexed by author and time), so it holds across app processes and restarts.
 */
import { Op } from 'sequelize';
import type { Database } from '../db';
import { TooManyRequestsError } from '../errors';

const WINDOW_MS = 60_000;

export async function ensureNotFlooding(db: Database, authorId: number, postsPerMinute: number, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const recent = await db.models.Post.findAll({
    where: { authorId, createdAt: { [Op.gt]: since } },
    attributes: ['createdAt'],
    order: [['createdAt', 'ASC']],
    limit: postsPerMinute,
  });
  if (recent.length < postsPerMinute) return;
  const retryAfterMs = recent[0].createdAt.getTime() + WINDOW_MS - now.getTime();
  throw new TooManyRequestsError(
    `You are posting too quickly: at most ${postsPerMinute} posts a minute. Your text is kept below; try again in a moment.`,
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
  );
}
