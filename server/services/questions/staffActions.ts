/**
 * What staff do to questions by hand: mark a post as a question (or unmark it), mark a question
 * answered by a linked post or "no answer needed" with a reason, and claim a question ("I'm on
 * it"). A claim is a conditional UPDATE whose row count decides: of two moderators claiming at
 * once, on either database, one gets the row and the other is told who has it.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { select } from '../../read/rows';
import { epochSeconds, openQuestion } from './asking';

export class QuestionClaimedError extends ConflictError {
  constructor(readonly holderName: string) {
    super(`${holderName} is already on it.`);
  }
}

async function postFacts(db: Database, postId: number) {
  const [row] = await select(
    db,
    `SELECT p.id, p.thread_id, t.board_id, p.number, p.author_id, p.created_at FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = :postId`,
    { postId },
  );
  if (!row) throw new NotFoundError('There is no post with that number.');
  const createdAt = row.created_at instanceof Date ? row.created_at : new Date(String(row.created_at));
  return { postId: Number(row.id), threadId: Number(row.thread_id), boardId: Number(row.board_id), number: Number(row.number), authorId: Number(row.author_id), at: createdAt };
}

/** Staff mark a post as a question: open since the post was written. A post already a question is left as it is. */
export async function markAsQuestion(db: Database, input: { postId: number; at?: Date }): Promise<void> {
  const facts = await postFacts(db, input.postId);
  await db.writeTransaction((transaction) => openQuestion(db, transaction, facts, input.at ?? new Date()));
}

/** Staff unmark a post: it is no question at all (its answer record goes with it). */
export async function unmarkQuestion(db: Database, postId: number): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('DELETE FROM questions WHERE post_id = :postId', { replacements: { postId }, transaction });
  });
}

function ensureChanged(rows: unknown[]): void {
  if (!rows.length) throw new NotFoundError('That post is not a question.');
}

/**
 * Marks a question answered by a later post of its thread: the answer's author and time count as
 * the first answer (the dashboard's time to answer), and any claim is released.
 */
export async function markAnsweredBy(db: Database, input: { postId: number; answerNumber: number; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const [answer] = await db.sequelize.query<{ id: number; author_id: number; created_at: Date | string }>(
      `SELECT a.id, a.author_id, a.created_at FROM questions q JOIN posts a ON a.thread_id = q.thread_id AND a.number = :answerNumber
       WHERE q.post_id = :postId AND a.number > q.post_number`,
      { replacements: { postId: input.postId, answerNumber: input.answerNumber }, type: QueryTypes.SELECT, transaction },
    );
    if (!answer) throw new ValidationError({ answer: 'Give the number of a later post of this thread that answers it.' });
    const answeredAt = answer.created_at instanceof Date ? answer.created_at : new Date(String(answer.created_at));
    const rows = await db.sequelize.query(
      `UPDATE questions SET state = 'answered', answered_by_post_id = :answerId, answered_by_id = :answererId, answered_at = :answeredAt,
         wait_seconds = :epoch - asked_epoch, closed_reason = NULL, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL, updated_at = :at
       WHERE post_id = :postId RETURNING post_id`,
      {
        replacements: { postId: input.postId, answerId: answer.id, answererId: answer.author_id, answeredAt, epoch: epochSeconds(answeredAt), at },
        type: QueryTypes.SELECT,
        transaction,
      },
    );
    ensureChanged(rows);
  });
}

/** "No answer needed", with the reason: the question leaves the queue without counting as answered. */
export async function markNotNeeded(db: Database, input: { postId: number; staffId: number; reason: string; at?: Date }): Promise<void> {
  const at = input.at ?? new Date();
  await db.writeTransaction(async (transaction) => {
    const rows = await db.sequelize.query(
      `UPDATE questions SET state = 'not_needed', closed_reason = :reason, answered_by_post_id = NULL, answered_by_id = :staffId,
         answered_at = :at, wait_seconds = NULL, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL, updated_at = :at
       WHERE post_id = :postId RETURNING post_id`,
      { replacements: { postId: input.postId, staffId: input.staffId, reason: input.reason, at }, type: QueryTypes.SELECT, transaction },
    );
    ensureChanged(rows);
  });
}

export interface ClaimInput {
  postId: number;
  staffId: number;
  now?: Date;
  /** A claim older than this is released: anyone may take it. */
  timeoutMinutes: number;
}

/**
 * Claims an open question for this staff member. The UPDATE succeeds only if nobody else holds a
 * live claim; otherwise the holder is read back and named (QuestionClaimedError).
 */
export async function claimQuestion(db: Database, input: ClaimInput): Promise<void> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + input.timeoutMinutes * 60_000);
  await db.writeTransaction(async (transaction) => {
    const rows = await db.sequelize.query(
      `UPDATE questions SET claimed_by_id = :staffId, claimed_at = :now, claim_expires_at = :expiresAt, updated_at = :now
       WHERE post_id = :postId AND state = 'open'
         AND (claimed_by_id IS NULL OR claimed_by_id = :staffId OR claim_expires_at <= :now)
       RETURNING post_id`,
      { replacements: { postId: input.postId, staffId: input.staffId, now, expiresAt }, type: QueryTypes.SELECT, transaction },
    );
    if (rows.length) return;
    const [current] = await db.sequelize.query<{ state: string; display_name: string | null }>(
      `SELECT q.state, m.display_name FROM questions q LEFT JOIN members m ON m.id = q.claimed_by_id WHERE q.post_id = :postId`,
      { replacements: { postId: input.postId }, type: QueryTypes.SELECT, transaction },
    );
    if (!current) throw new NotFoundError('That post is not a question.');
    if (current.state !== 'open') throw new ConflictError('This question is already answered.');
    throw new QuestionClaimedError(current.display_name ?? 'A former member');
  });
}

/** Gives up one's own claim (someone else's is left alone). */
export async function releaseClaim(db: Database, input: { postId: number; staffId: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query(
      'UPDATE questions SET claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL, updated_at = :now WHERE post_id = :postId AND claimed_by_id = :staffId',
      { replacements: { postId: input.postId, staffId: input.staffId, now }, transaction },
    );
  });
}

/** Keeps a moved thread's questions under its new board (the dashboard filters by questions.board_id). */
export async function moveThreadQuestions(db: Database, transaction: Transaction, threadId: number, boardId: number): Promise<void> {
  await db.sequelize.query('UPDATE questions SET board_id = :boardId WHERE thread_id = :threadId', { replacements: { boardId, threadId }, transaction });
}
