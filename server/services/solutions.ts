/**
 * Accepted solutions in Q&A boards: the thread's starter (or staff) accepts one reply; accepting
 * another keeps the earlier one marked "Previously accepted". The solution's author is notified
 * and their solution count (which counts toward rank) moves in the same transaction, as does its
 * moderation log entry (solution.accept / solution.change, whoever accepted). Lock order as in
 * posting: member rows first (by id), then the thread, then posts.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../db';
import { ConflictError, NotFoundError } from '../errors';
import { recordAction } from './moderationLog';
import { notifyMembers } from './notifications';
import { recomputeRanks } from './ranks';

export interface SolutionTarget {
  threadId: number;
  threadSlug: string;
  threadAuthorId: number;
  threadHiddenAt: Date | null;
  isQa: boolean;
  solutionPostId: number | null;
  post: { id: number; number: number; authorId: number; hiddenAt: Date | null };
}

const rowDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));

/** The thread, its board's Q&A flag, its current solution and the post named by number: what the policy needs. */
export async function solutionTarget(db: Database, threadId: number, postNumber: number, transaction?: Transaction): Promise<SolutionTarget> {
  const [row] = await db.sequelize.query<Record<string, unknown>>(
    `SELECT t.id, t.slug, t.author_id, t.hidden_at, t.solution_post_id, b.is_qa, p.id AS p_id, p.number AS p_number, p.author_id AS p_author_id, p.hidden_at AS p_hidden_at
     FROM threads t JOIN boards b ON b.id = t.board_id LEFT JOIN posts p ON p.thread_id = t.id AND p.number = :postNumber
     WHERE t.id = :threadId`,
    { replacements: { threadId, postNumber }, type: QueryTypes.SELECT, transaction },
  );
  if (!row) throw new NotFoundError('There is no thread at this address.');
  if (row.p_id === null || row.p_id === undefined) throw new NotFoundError('That post does not exist.');
  return {
    threadId: Number(row.id),
    threadSlug: String(row.slug),
    threadAuthorId: Number(row.author_id),
    threadHiddenAt: rowDate(row.hidden_at),
    isQa: row.is_qa === true || row.is_qa === 1 || row.is_qa === '1',
    solutionPostId: row.solution_post_id === null ? null : Number(row.solution_post_id),
    post: { id: Number(row.p_id), number: Number(row.p_number), authorId: Number(row.p_author_id), hiddenAt: rowDate(row.p_hidden_at) },
  };
}

async function previousSolution(db: Database, postId: number, transaction: Transaction): Promise<{ authorId: number; number: number } | null> {
  const [row] = await db.sequelize.query<{ author_id: number; number: number }>('SELECT author_id, number FROM posts WHERE id = :postId', { replacements: { postId }, type: QueryTypes.SELECT, transaction });
  return row ? { authorId: Number(row.author_id), number: Number(row.number) } : null;
}

/**
 * Accepts the target's post as its thread's solution (permission is the caller's: canAcceptSolution).
 * Returns 'unchanged' when it already is.
 */
export async function acceptSolution(db: Database, input: { target: SolutionTarget; actorId: number; at?: Date }): Promise<'accepted' | 'changed' | 'unchanged'> {
  const at = input.at ?? new Date();
  const { target } = input;
  if (target.solutionPostId === target.post.id) return 'unchanged';
  return db.writeTransaction(async (transaction) => {
    const previousId = target.solutionPostId;
    const previous = previousId === null ? null : await previousSolution(db, previousId, transaction);
    const previousAuthorId = previous?.authorId ?? null;
    const memberIds = [...new Set([target.post.authorId, ...(previousAuthorId === null ? [] : [previousAuthorId])])].sort((a, b) => a - b);
    if (db.dialect === 'postgres') {
      await db.sequelize.query('SELECT id FROM members WHERE id IN (:memberIds) ORDER BY id FOR NO KEY UPDATE', { replacements: { memberIds }, transaction });
    }
    // The thread's solution is what the caller read, or someone changed it meanwhile: the row count decides.
    const claimed = await db.sequelize.query(
      `UPDATE threads SET solution_post_id = :postId, solution_marked_at = :at, solution_marked_by_id = :actorId
       WHERE id = :threadId AND ${previousId === null ? 'solution_post_id IS NULL' : 'solution_post_id = :previousId'} RETURNING id`,
      { replacements: { postId: target.post.id, at, actorId: input.actorId, threadId: target.threadId, previousId }, type: QueryTypes.SELECT, transaction },
    );
    if (claimed.length === 0) throw new ConflictError('The solution of this thread was changed meanwhile: look at it again.');
    if (previousId !== null) {
      await db.sequelize.query('UPDATE posts SET previously_accepted_at = :at WHERE id = :previousId', { replacements: { at, previousId }, transaction });
    }
    // A post accepted again is the current solution once more.
    await db.sequelize.query('UPDATE posts SET previously_accepted_at = NULL WHERE id = :postId', { replacements: { postId: target.post.id }, transaction });
    for (const memberId of memberIds) {
      const delta = (memberId === target.post.authorId ? 1 : 0) - (memberId === previousAuthorId ? 1 : 0);
      if (delta !== 0) {
        await db.sequelize.query('UPDATE members SET solution_count = solution_count + :delta WHERE id = :memberId', { replacements: { delta, memberId }, transaction });
      }
    }
    await recomputeRanks(db, transaction, memberIds, at);
    await notifyMembers(db, transaction, [target.post.authorId], { kind: 'solution', threadId: target.threadId, postId: target.post.id, actorId: input.actorId, at });
    await recordAction(
      db,
      {
        actorId: input.actorId,
        action: previousId === null ? 'solution.accept' : 'solution.change',
        subjectMemberId: target.post.authorId,
        threadId: target.threadId,
        postId: target.post.id,
        details: { postNumber: target.post.number, ...(previous ? { fromPostNumber: previous.number } : {}) },
        at,
      },
      transaction,
    );
    return previousId === null ? 'accepted' : 'changed';
  });
}
