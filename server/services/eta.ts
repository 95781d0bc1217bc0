/**
 * ETA notes: staff promises of a follow-up on a post. A new note on a post never silently replaces
 * the last one: the earlier note is marked replaced and both stay on record. A note is closed as
 * kept (pointing at the follow-up post) or withdrawn (with a reason). Every step is logged.
 */
import { Op } from 'sequelize';
import type { Database, WriteOptions } from '../db';
import type { EtaNote } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { MarkdownTooLargeError, renderMarkdown } from '../markdown';
import { recordAction } from './moderationLog';
import { notifyFollowers } from './notifications';

export interface NewEtaNote {
  postId: number;
  authorId: number;
  source: string;
  promisedWindow?: string | null;
  dueAt?: Date | null;
  at?: Date;
  /** False when seeding: followers are not told about the past. */
  notify?: boolean;
}

/** The note's HTML, rendered before its transaction; too large once formatted, the form says so. */
function renderNote(source: string): string {
  try {
    return renderMarkdown(source).html;
  } catch (error) {
    if (error instanceof MarkdownTooLargeError) throw new ValidationError({ text: error.describe('note') });
    throw error;
  }
}

/** Adds a note to a post; an open note already there becomes "replaced". */
export async function addEtaNote(db: Database, input: NewEtaNote, options: WriteOptions = {}): Promise<EtaNote> {
  const at = input.at ?? new Date();
  const html = renderNote(input.source);
  return db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findByPk(input.postId, { attributes: ['id', 'threadId'], transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    const previous = await db.models.EtaNote.findOne({
      where: { postId: input.postId, status: 'open' },
      order: [['createdAt', 'DESC'], ['id', 'DESC']],
      transaction,
    });
    if (previous) {
      await previous.update({ status: 'replaced', closedAt: at, closedById: input.authorId }, { transaction });
    }
    const note = await db.models.EtaNote.create(
      {
        postId: input.postId,
        authorId: input.authorId,
        source: input.source,
        html,
        promisedWindow: input.promisedWindow ?? null,
        dueAt: input.dueAt ?? null,
        closedAt: null,
        closedById: null,
        closeReason: null,
        followUpPostId: null,
        createdAt: at,
        updatedAt: at,
      },
      { transaction },
    );
    await recordAction(
      db,
      {
        actorId: input.authorId,
        action: previous ? 'eta.change' : 'eta.add',
        threadId: post.threadId,
        postId: post.id,
        details: previous
          ? { from: previous.promisedWindow, to: note.promisedWindow, dueAt: note.dueAt }
          : { to: note.promisedWindow, dueAt: note.dueAt },
        at,
      },
      transaction,
    );
    if (input.notify !== false) {
      await notifyFollowers(db, transaction, { thread: post.threadId }, {
        kind: 'eta',
        threadId: post.threadId,
        postId: post.id,
        actorId: input.authorId,
        details: { window: note.promisedWindow, was: previous ? previous.promisedWindow : undefined, changed: Boolean(previous) },
        at,
      });
    }
    return note;
  }, options.transaction);
}

export interface EtaClosing {
  noteId: number;
  closedById: number;
  outcome: 'kept' | 'withdrawn';
  /** Kept: the number of the follow-up post in the same thread. */
  followUpPostNumber?: number | null;
  /** Withdrawn: why. */
  reason?: string | null;
  at?: Date;
}

/** Closes an open note as kept or withdrawn; returns the note's post id. */
export async function closeEtaNote(db: Database, closing: EtaClosing): Promise<EtaNote> {
  const at = closing.at ?? new Date();
  return db.writeTransaction(async (transaction) => {
    const note = await db.models.EtaNote.findByPk(closing.noteId, {
      include: [{ model: db.models.Post, as: 'post', attributes: ['id', 'threadId', 'number'] }],
      transaction,
    });
    if (!note || !note.post) throw new NotFoundError('That ETA note does not exist.');
    if (note.status !== 'open') throw new ValidationError({ outcome: 'This ETA note is already closed.' });
    let followUpPostId: number | null = null;
    if (closing.outcome === 'kept') {
      const followUp = closing.followUpPostNumber
        ? await db.models.Post.findOne({ where: { threadId: note.post.threadId, number: closing.followUpPostNumber }, transaction })
        : null;
      if (!followUp) throw new ValidationError({ followUp: 'Give the number of the post in this thread that kept the promise.' });
      // A promise is kept by what came after it, never by a post written before the promise.
      if (followUp.createdAt.getTime() < note.createdAt.getTime() || followUp.id === note.post.id) {
        throw new ValidationError({ followUp: `Post ${followUp.number} was written before this promise: give the later post that kept it.` });
      }
      followUpPostId = followUp.id;
    } else if (!closing.reason) {
      throw new ValidationError({ reason: 'Say why the promise is withdrawn.' });
    }
    await note.update(
      { status: closing.outcome, closedAt: at, closedById: closing.closedById, closeReason: closing.reason ?? null, followUpPostId },
      { transaction },
    );
    await recordAction(
      db,
      {
        actorId: closing.closedById,
        action: closing.outcome === 'kept' ? 'eta.keep' : 'eta.withdraw',
        threadId: note.post.threadId,
        postId: note.post.id,
        details: { window: note.promisedWindow, followUpPostNumber: closing.followUpPostNumber ?? null },
        reason: closing.reason ?? null,
        at,
      },
      transaction,
    );
    return note;
  });
}

/** How many open promises on a thread are past due (for the staff banner on the thread). */
export async function overduePromisesOnThread(db: Database, threadId: number, now = new Date()): Promise<number> {
  return db.models.EtaNote.count({
    where: { status: 'open', dueAt: { [Op.lt]: now } },
    include: [{ model: db.models.Post, as: 'post', attributes: [], where: { threadId } }],
  });
}
