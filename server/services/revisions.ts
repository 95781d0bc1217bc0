/**
 * Editing posts, the one way a post's text changes (Discourse's PostRevisor, small). An author's
 * quick fix within the grace period, without a reason, updates in place; every other edit records
 * a revision (editor, time, reason, text before and after, and the word diff, computed here once).
 * A post someone vouched for (the official answer, or a post with an ETA note or a badge
 * citation) never takes a quick fix: every change to it is on the record. A save names the
 * version its editor started from; if the post moved on since, it is refused with the current text.
 *
 * Markdown is rendered and the diff computed before the write transaction, which only checks the
 * version and writes: a slow render never holds up other members' writes (SQLite has one writer).
 */
import { literal, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Post } from '../../models';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { renderMarkdown } from '../markdown';
import { countEdit, EditLimits, ensureEditAllowanceLeft, ensureRevisionAllowed } from './editLimits';
import { AUTHOR_ATTRIBUTES } from './members';
import { loadMentionable } from './mentions';
import { recordAction } from './moderationLog';
import { unmarkAfterMemberEdit } from './officialAnswers';
import { redactEarlierText } from './revisionHistory';
import { storedDiff } from './revisionDiff';

/** How long an author may fix a fresh post without it showing as edited. */
export const EDIT_GRACE_PERIOD_MS = 5 * 60_000;

export interface PostEdit {
  postId: number;
  editorId: number;
  source: string;
  reason: string | null;
  /** Required when staff edit someone else's post. */
  reasonRequired: boolean;
  /** The post version the editor's form was opened on. */
  baseVersion: number;
  /** Staff only (canRedactRevisions): empty every earlier text in the post's history. */
  redact?: boolean;
  /** Whether this editor's change keeps an official-answer mark (staff) or removes it (members, the default). */
  keepsOfficialMark?: boolean;
  /** The flood limit and, for members, the revision cap; omitted by seeds and scripts. */
  limits?: EditLimits;
  now?: Date;
}

/** The post changed after the editor opened it: both texts go back to them. */
export class EditConflictError extends ConflictError {
  constructor(
    readonly currentSource: string,
    readonly currentVersion: number,
  ) {
    super('Someone changed this post while you were editing it. Their version is shown above yours, with what saving yours would change: merge them and save again.');
  }
}

export type EditOutcome = 'unchanged' | 'updated-in-place' | 'revised' | 'redacted';

/** Whether anyone vouched for the post as it is: an official answer, an ETA note, a badge citation. */
async function isVouchedFor(db: Database, post: Post, officialPostId: number | null, transaction: Transaction): Promise<boolean> {
  if (officialPostId === post.id) return true;
  const where = { postId: post.id };
  const [etaNote, citation] = await Promise.all([
    db.models.EtaNote.findOne({ where, attributes: ['id'], transaction }),
    db.models.BadgeCitation.findOne({ where, attributes: ['id'], transaction }),
  ]);
  return etaNote !== null || citation !== null;
}

export async function editPost(db: Database, edit: PostEdit): Promise<EditOutcome> {
  const now = edit.now ?? new Date();
  if (edit.reasonRequired && !edit.reason) {
    throw new ValidationError({ reason: 'Say why you are editing someone else\'s post.' });
  }
  if (edit.redact && !edit.reason) {
    throw new ValidationError({ reason: 'Say why the earlier text is redacted: the reason goes on the moderation log.' });
  }
  // Everything slow happens here, outside the write lock, against the version the editor saw.
  const seen = await db.models.Post.findByPk(edit.postId, { attributes: ['id', 'version', 'source'] });
  if (!seen) throw new NotFoundError('That post does not exist.');
  if (seen.version !== edit.baseVersion) throw new EditConflictError(seen.source, seen.version);
  const changed = seen.source !== edit.source;
  if (!changed && !edit.redact) return 'unchanged';
  if (edit.limits) {
    // Cheap reads first, so a member over a limit is refused before the slow work below; both are
    // checked again in the transaction. (A post at the cap has revisions, so no quick fix is left.)
    await ensureEditAllowanceLeft(db, edit.editorId, edit.limits.perMinute, now);
    await ensureRevisionAllowed(db, undefined, edit.postId, edit.limits.revisionsPerPost);
  }
  const rendered = changed ? renderMarkdown(edit.source, { mentionable: await loadMentionable(db, edit.source) }) : null;
  const diff = changed ? storedDiff(seen.source, edit.source) : null;

  return db.writeTransaction(async (transaction) => {
    // Lock order as in posting: member (the flood count), then thread, then the post's words.
    if (edit.limits) await countEdit(db, transaction, edit.editorId, edit.limits.perMinute, now);
    const post = await db.models.Post.findByPk(edit.postId, { transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    // The version moves on every save, so an equal version means the text diffed above is current.
    if (post.version !== edit.baseVersion) throw new EditConflictError(post.source, post.version);
    // Locked so a manager marking this post at the same moment waits for the edit, then sees it.
    const thread = await db.models.Thread.findByPk(post.threadId, {
      attributes: ['id', 'officialPostId'],
      lock: Transaction.LOCK.NO_KEY_UPDATE,
      transaction,
    });
    if (!thread) throw new NotFoundError('That post does not exist.');

    if (!changed) {
      await redactEarlierText(db, transaction, { post, redactorId: edit.editorId, reason: edit.reason, at: now });
      return 'redacted';
    }
    const vouched = await isVouchedFor(db, post, thread.officialPostId, transaction);
    const quickFix =
      !vouched &&
      !edit.redact &&
      post.authorId === edit.editorId &&
      edit.reason === null &&
      post.editedAt === null &&
      now.getTime() - post.createdAt.getTime() < EDIT_GRACE_PERIOD_MS;
    if (!quickFix && edit.limits) await ensureRevisionAllowed(db, transaction, post.id, edit.limits.revisionsPerPost);

    const version = edit.baseVersion + 1;
    const [updated] = await db.models.Post.update(
      {
        source: edit.source,
        html: rendered!.html,
        excerpt: rendered!.excerpt,
        // The version moves on every save, quick fix or not, so no save overwrites another unseen.
        version: literal('version + 1'),
        updatedAt: now,
        ...(quickFix ? {} : { editedAt: now, editedById: edit.editorId, editReason: edit.reason }),
      },
      { where: { id: post.id, version: edit.baseVersion }, transaction },
    );
    if (updated !== 1) {
      // Lost a race with another editor between our read and write (PostgreSQL).
      const current = await db.models.Post.findByPk(post.id, { transaction });
      throw new EditConflictError(current?.source ?? post.source, current?.version ?? post.version);
    }
    if (quickFix) return 'updated-in-place';
    await db.models.PostRevision.create(
      {
        postId: post.id,
        version,
        editorId: edit.editorId,
        reason: edit.reason,
        sourceBefore: post.source,
        sourceAfter: edit.source,
        diff,
        createdAt: now,
      },
      { transaction },
    );
    if (post.authorId !== edit.editorId) {
      await recordAction(
        db,
        { actorId: edit.editorId, action: 'post.edit', subjectMemberId: post.authorId, threadId: post.threadId, postId: post.id, reason: edit.reason, at: now },
        transaction,
      );
    }
    if (thread.officialPostId === post.id && !edit.keepsOfficialMark) {
      await unmarkAfterMemberEdit(db, transaction, { thread, post, editorId: edit.editorId, version, at: now });
    }
    if (edit.redact) {
      await redactEarlierText(db, transaction, { post: { id: post.id, threadId: post.threadId, authorId: post.authorId, version }, redactorId: edit.editorId, reason: edit.reason, at: now });
    }
    return 'revised';
  });
}

/** A post with its thread and author, for the edit and history pages. */
export async function getPostForEditing(db: Database, postId: number): Promise<Post> {
  const post = await db.models.Post.findByPk(postId, {
    include: [
      { model: db.models.Thread, as: 'thread' },
      { model: db.models.Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
    ],
  });
  if (!post || !post.thread) throw new NotFoundError('That post does not exist.');
  return post;
}
