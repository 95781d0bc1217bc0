/**
 * Reading a post's revisions a page at a time, and redacting them. A page is a range of version
 * numbers below a cursor, newest first, read through the (post_id, version) index: no OFFSET, and
 * no page costs more however many revisions a post has.
 *
 * Redaction empties the stored texts and diffs themselves (nothing is kept aside, for staff or
 * anyone): text that had to be redacted, such as a phone number, should not stay in the database.
 * The log keeps who redacted it, when and why.
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Post } from '../../models';
import { ValidationError } from '../errors';
import { authorColumns, authorOf, AuthorRow, dateOf, dateOrNull, Row, select } from '../read/rows';
import { recordAction } from './moderationLog';

export const REVISIONS_PER_PAGE = 10;

/** One revision as the history page shows it (plain row: see server/read/rows.ts). */
export interface RevisionRow {
  version: number;
  reason: string | null;
  sourceBefore: string;
  sourceAfter: string;
  /** JSON word-diff segments; null when the texts differ too much to diff (or were redacted). */
  diff: string | null;
  redactedAt: Date | null;
  createdAt: Date;
  editor: AuthorRow | null;
}

export interface RevisionPage {
  revisions: RevisionRow[];
  /** The cursor of the next (older) page, or null on the last page. */
  olderThanVersion: number | null;
}

/** Versions are counted from 1; "below this" with no cursor is every revision. */
const NO_CURSOR = 2_147_483_647;

const REVISIONS_SQL = `SELECT r.version, r.reason, r.source_before, r.source_after, r.diff, r.redacted_at, r.created_at, ${authorColumns('ed')}
  FROM post_revisions r LEFT JOIN members ed ON ed.id = r.editor_id
  WHERE r.post_id = :postId AND r.version < :before
  ORDER BY r.version DESC
  LIMIT ${REVISIONS_PER_PAGE + 1}`;

function revisionOf(row: Row): RevisionRow {
  return {
    version: Number(row.version),
    reason: (row.reason as string | null) ?? null,
    sourceBefore: String(row.source_before ?? ''),
    sourceAfter: String(row.source_after ?? ''),
    diff: (row.diff as string | null) ?? null,
    redactedAt: dateOrNull(row.redacted_at),
    createdAt: dateOf(row.created_at),
    editor: authorOf(row, 'ed'),
  };
}

/**
 * The revisions of a post below version `beforeVersion` (all, when null), newest first, as plain
 * rows: building the PostRevision instances and their editors was a fifth of the page's CPU.
 */
export async function revisionPage(db: Database, postId: number, beforeVersion: number | null): Promise<RevisionPage> {
  const rows = (await select(db, REVISIONS_SQL, { postId, before: beforeVersion ?? NO_CURSOR })).map(revisionOf);
  const revisions = rows.slice(0, REVISIONS_PER_PAGE);
  return { revisions, olderThanVersion: rows.length > REVISIONS_PER_PAGE ? revisions[revisions.length - 1].version : null };
}

/**
 * Empties every earlier text of a post's history, in the caller's transaction: both texts and the
 * diff of every revision, except the newest revision's "after", which is the post's current text.
 * Reasons of earlier revisions go too (a member could have typed the text there).
 */
export async function redactEarlierText(
  db: Database,
  transaction: Transaction,
  input: { post: Pick<Post, 'id' | 'threadId' | 'authorId' | 'version'>; redactorId: number; reason: string | null; at: Date },
): Promise<void> {
  const { post, at } = input;
  const { PostRevision } = db.models;
  const revisions = await PostRevision.count({ where: { postId: post.id }, transaction });
  if (revisions === 0) throw new ValidationError({ form: 'This post has no earlier text to redact.' });
  // A revision redacted before keeps the date of its first redaction.
  await PostRevision.update(
    { redactedAt: at },
    { where: { postId: post.id, redactedAt: null }, transaction },
  );
  await PostRevision.update({ sourceBefore: '', diff: null }, { where: { postId: post.id }, transaction });
  await PostRevision.update(
    { sourceAfter: '', reason: null },
    { where: { postId: post.id, version: { [Op.lt]: post.version } }, transaction },
  );
  await recordAction(
    db,
    { actorId: input.redactorId, action: 'post.redact', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, reason: input.reason, details: { revisions }, at },
    transaction,
  );
}
