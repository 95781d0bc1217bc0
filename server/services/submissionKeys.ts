/**
 * One-time submission keys (migration 023). A composer form carries a random key; the post's
 * transaction claims (member, key) as its first write, so of two identical submissions racing
 * each other (a double click) or following each other (Back, then Post again) only the first makes
 * a post: the second's claim fails on the unique index, and it is shown the first post instead.
 * A post held for approval claims the key the same way (migration 027 keeps the held post's id), so
 * a repeat of a held post is shown that held post, before and after a moderator decides on it.
 */
import { randomBytes } from 'node:crypto';
import { QueryTypes, Transaction, UniqueConstraintError } from 'sequelize';
import type { Database } from '../db';

const KEY_FORMAT = /^[0-9a-f]{32}$/;

/** A fresh key for a composer form. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString('hex');
}

/** The form's key if it is one we could have made; anything else means "no key" (old forms, programs). */
export function submissionKeyOf(value: unknown): string | null {
  return typeof value === 'string' && KEY_FORMAT.test(value) ? value : null;
}

/** The submission was made before: `postId` is the post the first one made. */
export class RepeatedSubmissionError extends Error {
  constructor(readonly postId: number) {
    super('This form was already submitted.');
    this.name = 'RepeatedSubmissionError';
  }
}

/** The submission was made before and its post is held for approval: `pendingPostId` is the held post. */
export class RepeatedHeldSubmissionError extends Error {
  constructor(readonly pendingPostId: number) {
    super('This form was already submitted.');
    this.name = 'RepeatedHeldSubmissionError';
  }
}

/** Claims the key inside the post's transaction, before anything else is written (one lock order). */
export async function claimSubmissionKey(db: Database, transaction: Transaction, memberId: number, key: string | null | undefined, at: Date): Promise<void> {
  if (!key) return;
  await db.sequelize.query(
    'INSERT INTO submission_keys (member_id, submission_key, post_id, created_at) VALUES (:memberId, :key, NULL, :at)',
    { replacements: { memberId, key, at }, type: QueryTypes.INSERT, transaction },
  );
}

/** Remembers what the claimed key made (a post or a held post), in the same transaction. */
async function recordOutcome(
  db: Database,
  transaction: Transaction,
  column: 'post_id' | 'pending_post_id',
  memberId: number,
  key: string | null | undefined,
  id: number,
): Promise<void> {
  if (!key) return;
  await db.sequelize.query(`UPDATE submission_keys SET ${column} = :id WHERE member_id = :memberId AND submission_key = :key`, {
    replacements: { memberId, key, id },
    type: QueryTypes.UPDATE,
    transaction,
  });
}

/** Remembers the post the claimed key made, in the same transaction. */
export function recordSubmittedPost(db: Database, transaction: Transaction, memberId: number, key: string | null | undefined, postId: number): Promise<void> {
  return recordOutcome(db, transaction, 'post_id', memberId, key, postId);
}

/** Remembers the held post the claimed key made, in the same transaction. */
export function recordHeldPost(db: Database, transaction: Transaction, memberId: number, key: string | null | undefined, pendingPostId: number): Promise<void> {
  return recordOutcome(db, transaction, 'pending_post_id', memberId, key, pendingPostId);
}

/**
 * Turns a failed claim into RepeatedSubmissionError naming the first post, or
 * RepeatedHeldSubmissionError naming the held post; any other error (or a claim whose post has
 * since been deleted) is rethrown as it was.
 */
export async function asRepeatedSubmission(db: Database, error: unknown, memberId: number, key: string | null | undefined): Promise<never> {
  if (key && error instanceof UniqueConstraintError) {
    const rows = await db.sequelize.query<{ post_id: number | null; pending_post_id: number | null }>(
      'SELECT post_id, pending_post_id FROM submission_keys WHERE member_id = :memberId AND submission_key = :key',
      { replacements: { memberId, key }, type: QueryTypes.SELECT },
    );
    const postId = rows[0]?.post_id;
    if (postId) throw new RepeatedSubmissionError(Number(postId));
    const pendingPostId = rows[0]?.pending_post_id;
    if (pendingPostId) throw new RepeatedHeldSubmissionError(Number(pendingPostId));
  }
  throw error;
}
