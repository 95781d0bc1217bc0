/**
 * Writing posts: starting a thread and replying to one. Each post gets the next number of its
 * thread inside the same transaction that updates the thread's, board's and author's counters,
 * so numbers stay unique and gap-free under concurrent replies. The markdown is rendered before the
 * transaction begins: a render can take up to its 250 ms budget, and inside the transaction it held
 * the SQLite write queue (and the thread's row lock on PostgreSQL) for everyone else meanwhile.
 */
import { literal, Transaction } from 'sequelize';
import type { Database, WriteOptions } from '../db';
import type { Post, Thread } from '../../models';
import { NotFoundError } from '../errors';
import { ensureNotFlooding } from './flood';
import { renderMarkdown, type RenderedMarkdown } from '../markdown';
import { citeBadgeStatus } from './badges/citations';
import { loadMentionable, type MentionableMembers } from './mentions';
import { notifyMembers } from './notifications';
import { announceNewPost } from './postNews';
import { publishNewPost } from '../live/publish';
import { slugify } from './slug';
import { recomputeRanks } from './ranks';
import { recordPostQuestions } from './questions/asking';
import { countSavedReplyUse } from './questions/savedReplies';
import { asRepeatedSubmission, claimSubmissionKey, recordSubmittedPost } from './submissionKeys';

export interface NewThread {
  boardId: number;
  authorId: number;
  title: string;
  source: string;
  /** Defaults to now; seeds pass earlier times. */
  at?: Date;
  /** False when seeding: followers are not told about the past. */
  notify?: boolean;
  /** The flood limit to hold the author to, checked inside the transaction (absent when seeding). */
  postsPerMinute?: number;
  /** The author asks the team (services/questions): the post opens a question. */
  asksTeam?: boolean;
  /** The form's one-time key (server/services/submissionKeys.ts): a repeat throws RepeatedSubmissionError. */
  submissionKey?: string | null;
}

export interface NewReply {
  threadId: number;
  authorId: number;
  source: string;
  /** The post this reply answers, if any. */
  replyToNumber?: number | null;
  at?: Date;
  notify?: boolean;
  /** A member's badge status cited by staff: checked and snapshotted with the reply, atomically. */
  citation?: { memberId: number; citedById: number } | null;
  /** The flood limit, checked inside the reply's transaction; omitted by seeds and tests of other things. */
  postsPerMinute?: number;
  /** The author asks the team (services/questions): the reply opens a question. */
  asksTeam?: boolean;
  /** The saved reply staff started from, counted with the reply. */
  savedReplyId?: number | null;
  /** The form's one-time key: a repeat throws RepeatedSubmissionError. */
  submissionKey?: string | null;
}

interface PostDraft {
  threadId: number;
  authorId: number;
  source: string;
  replyToNumber: number | null;
  at: Date;
  /** The source rendered before the transaction. */
  rendered: RenderedMarkdown;
  mentionable: MentionableMembers;
  isNewThread: boolean;
  notify: boolean;
  toldElsewhere?: number[];
  asksTeam: boolean;
}

/**
 * Appends a post to a thread within the caller's transaction. The UPDATE takes the thread's row
 * lock (PostgreSQL) or runs under the single writer (SQLite) before the number is read back.
 */
async function appendPost(db: Database, transaction: Transaction, draft: PostDraft): Promise<Post> {
  const { threadId, authorId, source, at } = draft;
  const { Thread, Board, Member, Post } = db.models;
  const [updated] = await Thread.update(
    {
      lastPostNumber: literal('last_post_number + 1'),
      postCount: literal('post_count + 1'),
      lastPostAt: at,
      lastPosterId: authorId,
    },
    // A thread hidden while this reply was on its way takes no more posts.
    { where: { id: threadId, hiddenAt: null }, transaction },
  );
  if (updated !== 1) throw new NotFoundError('That thread does not exist.');
  const thread = await Thread.findByPk(threadId, { attributes: ['id', 'boardId', 'lastPostNumber'], transaction });
  if (!thread) throw new NotFoundError('That thread does not exist.');

  const { rendered } = draft;
  const post = await Post.create(
    {
      threadId,
      number: thread.lastPostNumber,
      authorId,
      source,
      html: rendered.html,
      excerpt: rendered.excerpt,
      createdAt: at,
      updatedAt: at,
      editedAt: null,
      editedById: null,
      editReason: null,
      replyToNumber: draft.replyToNumber !== null && draft.replyToNumber < thread.lastPostNumber ? draft.replyToNumber : null,
    },
    { transaction },
  );
  await Board.update(
    { postCount: literal('post_count + 1'), lastThreadId: threadId, lastPostAt: at },
    { where: { id: thread.boardId }, transaction },
  );
  await Member.update({ postCount: literal('post_count + 1') }, { where: { id: authorId }, transaction });
  await recomputeRanks(db, transaction, [authorId], at);
  await announceNewPost(db, transaction, {
    postId: post.id,
    threadId,
    boardId: thread.boardId,
    authorId,
    isNewThread: draft.isNewThread,
    source,
    mentionedIds: rendered.mentioned.flatMap((key) => draft.mentionable.idOf(key) ?? []),
    at,
    notify: draft.notify,
    toldElsewhere: draft.toldElsewhere,
  });
  await publishNewPost(db, transaction, { threadId, postId: post.id });
  await recordPostQuestions(db, transaction, { postId: post.id, threadId, boardId: thread.boardId, number: post.number, authorId, at, asksTeam: draft.asksTeam, replyToNumber: post.replyToNumber, source, mentionedIds: rendered.mentioned.flatMap((key) => draft.mentionable.idOf(key) ?? []) });
  return post;
}

/** Starts a thread with its first post; returns the thread and that post. */
export async function startThread(
  db: Database,
  input: NewThread,
  options: WriteOptions = {},
): Promise<{ thread: Thread; post: Post }> {
  const at = input.at ?? new Date();
  // Looked up and rendered before the transaction, which then only writes. A text too large once
  // formatted is refused here (MarkdownTooLargeError), before anything is written.
  const mentionable = await loadMentionable(db, input.source);
  const rendered = renderMarkdown(input.source, { mentionable });
  return db.writeTransaction(async (transaction) => {
    await claimSubmissionKey(db, transaction, input.authorId, input.submissionKey, at);
    if (input.postsPerMinute !== undefined) await ensureNotFlooding(db, input.authorId, input.postsPerMinute, { now: at, transaction });
    const { Thread, Board } = db.models;
    const title = input.title.trim();
    const thread = await Thread.create(
      {
        boardId: input.boardId,
        title,
        slug: slugify(title),
        authorId: input.authorId,
        lastPostAt: at,
        lastPosterId: input.authorId,
        pinnedUntil: null,
        officialPostId: null,
        createdAt: at,
        updatedAt: at,
      },
      { transaction },
    );
    const post = await appendPost(db, transaction, {
      threadId: thread.id,
      authorId: input.authorId,
      source: input.source,
      replyToNumber: null,
      at,
      rendered,
      mentionable,
      isNewThread: true,
      notify: input.notify ?? true,
      asksTeam: input.asksTeam ?? false,
    });
    // After the post, not before: every posting transaction locks in one order (member, thread,
    // search words, board), or a new thread and a reply in the same board deadlock on PostgreSQL.
    await Board.update({ threadCount: literal('thread_count + 1') }, { where: { id: input.boardId }, transaction });
    await thread.reload({ transaction });
    await recordSubmittedPost(db, transaction, input.authorId, input.submissionKey, post.id);
    return { thread, post };
  }, options.transaction).catch((error: unknown) => asRepeatedSubmission(db, error, input.authorId, input.submissionKey));
}

/** Adds a reply at the end of a thread. */
export async function replyToThread(db: Database, input: NewReply, options: WriteOptions = {}): Promise<Post> {
  const at = input.at ?? new Date();
  const mentionable = await loadMentionable(db, input.source);
  const rendered = renderMarkdown(input.source, { mentionable });
  return db.writeTransaction(async (transaction) => {
    await claimSubmissionKey(db, transaction, input.authorId, input.submissionKey, at);
    if (input.postsPerMinute !== undefined) await ensureNotFlooding(db, input.authorId, input.postsPerMinute, { now: at, transaction });
    const post = await appendPost(db, transaction, {
      threadId: input.threadId,
      authorId: input.authorId,
      source: input.source,
      replyToNumber: input.replyToNumber ?? null,
      at,
      rendered,
      mentionable,
      isNewThread: false,
      notify: input.notify ?? true,
      toldElsewhere: input.citation ? [input.citation.memberId] : [],
      asksTeam: input.asksTeam ?? false,
    });
    if (input.savedReplyId) await countSavedReplyUse(db, transaction, input.savedReplyId);
    if (input.citation) {
      await citeBadgeStatus(db, { postId: post.id, ...input.citation, at }, transaction);
      // The cited member hears that staff answered from their record.
      await notifyMembers(db, transaction, [input.citation.memberId], {
        kind: 'citation',
        threadId: input.threadId,
        postId: post.id,
        actorId: input.citation.citedById,
        at,
      });
    }
    await recordSubmittedPost(db, transaction, input.authorId, input.submissionKey, post.id);
    return post;
  }, options.transaction).catch((error: unknown) => asRepeatedSubmission(db, error, input.authorId, input.submissionKey));
}
