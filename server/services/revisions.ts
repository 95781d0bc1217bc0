/**
 * Editing posts, the one way a post's text changes (Discourse's PostRevisor, small). An author's
 * quick fix within the grace period, without a reason, updates in place; every other edit records
 * a revision (editor, time, reason, text before and after). A save names the version its editor
 * started from; if the post moved on since, it is refused with the current text.
 */
import { literal } from 'sequelize';
import type { Database } from '../db';
import type { Post, PostRevision } from '../../models';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { renderMarkdown } from '../markdown';
import { AUTHOR_ATTRIBUTES } from './members';
import { loadMentionable } from './mentions';
import { recordAction } from './moderationLog';

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
  now?: Date;
}

/** The post changed after the editor opened it: both texts go back to them. */
export class EditConflictError extends ConflictError {
  constructor(
    readonly currentSource: string,
    readonly currentVersion: number,
  ) {
    super('Someone changed this post while you were editing it. Their version is shown beside yours: merge them and save again.');
  }
}

export type EditOutcome = 'unchanged' | 'updated-in-place' | 'revised';

export async function editPost(db: Database, edit: PostEdit): Promise<EditOutcome> {
  const now = edit.now ?? new Date();
  if (edit.reasonRequired && !edit.reason) {
    throw new ValidationError({ reason: 'Say why you are editing someone else\'s post.' });
  }
  const mentionable = await loadMentionable(db, edit.source);
  return db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(edit.postId, { transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    if (post.version !== edit.baseVersion) throw new EditConflictError(post.source, post.version);
    if (post.source === edit.source) return 'unchanged';

    const quickFix =
      post.authorId === edit.editorId &&
      edit.reason === null &&
      post.editedAt === null &&
      now.getTime() - post.createdAt.getTime() < EDIT_GRACE_PERIOD_MS;
    const rendered = renderMarkdown(edit.source, { mentionable });
    const changes = {
      source: edit.source,
      html: rendered.html,
      excerpt: rendered.excerpt,
      // The version moves on every save, quick fix or not, so no save overwrites another unseen.
      version: literal('version + 1'),
      updatedAt: now,
      ...(quickFix ? {} : { editedAt: now, editedById: edit.editorId, editReason: edit.reason }),
    };
    const [updated] = await db.models.Post.update(changes, {
      where: { id: post.id, version: edit.baseVersion },
      transaction,
    });
    if (updated !== 1) {
      // Lost a race with another editor between our read and write (PostgreSQL).
      const current = await db.models.Post.findByPk(post.id, { transaction });
      throw new EditConflictError(current?.source ?? post.source, current?.version ?? post.version);
    }
    if (quickFix) return 'updated-in-place';
    await db.models.PostRevision.create(
      {
        postId: post.id,
        version: edit.baseVersion + 1,
        editorId: edit.editorId,
        reason: edit.reason,
        sourceBefore: post.source,
        sourceAfter: edit.source,
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
    return 'revised';
  });
}

/** A post's recorded revisions, oldest first, with their editors. */
export async function revisionsOf(db: Database, postId: number): Promise<PostRevision[]> {
  return db.models.PostRevision.findAll({
    where: { postId },
    include: [{ model: db.models.Member, as: 'editor', attributes: AUTHOR_ATTRIBUTES }],
    order: [['version', 'ASC']],
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
