/**
 * The thread page: its posts as the viewer may see them (hidden posts become a placeholder for
 * those who may not read them), ETA blocks, the official answer box and staff signals.
 */
import type { BadgeCitation, Board, Post, Thread } from '../../models';
import { Actor, canViewHiddenPost } from '../policies';
import type { BadgeStatus } from '../services/badges/status';
import { CitationView, presentCitation } from './badgeCitation';
import { EtaBlockView, EtaTrail, presentEtaBlock } from './eta';
import { paginate, Pagination, timeView, TimeView } from './forum';
import { AuthorView, presentAuthor } from './members';
import { boardUrl, createReplyUrl, editPostUrl, postAnchor, postHistoryUrl, postUrl, replyUrl, threadUrl } from './urls';

export interface PostView {
  id: number;
  number: number;
  anchor: string;
  permalink: string;
  /** For policy checks in the view (canEditPost, canViewHiddenPost). */
  authorId: number;
  author: AuthorView | null;
  /** Empty when the post is hidden from this viewer. */
  html: string;
  at: TimeView;
  edited: { at: TimeView; by: AuthorView | null; reason: string | null; historyUrl: string } | null;
  replyTo: { number: number; url: string } | null;
  /** Set when staff hid the post; reason and who only for those who may read it. */
  hidden: { visibleToViewer: boolean; reason: string | null; at: TimeView; pendingReview: boolean; deletedByAuthor: boolean } | null;
  supersededBy: { number: number; url: string } | null;
  replyUrl: string;
  quoteUrl: string;
  editUrl: string;
  isOfficialAnswer: boolean;
  isTarget: boolean;
  eta: EtaBlockView | null;
  /** Badge statuses staff cited in this post, as snapshotted. */
  citations: CitationView[];
}

export interface ThreadPageView {
  thread: {
    id: number;
    title: string;
    slug: string;
    url: string;
    postCount: number;
    isLocked: boolean;
    isPinned: boolean;
    pinnedUntil: TimeView | null;
    board: { name: string; slug: string; url: string } | null;
    replyAction: string;
    /** Set when staff hid the whole thread (only its starter and staff get this far). */
    hiddenAt: string | null;
    hidden: { reason: string | null; at: TimeView } | null;
    /** Who started it and when: the starter may retitle it for a while (policies/memberTools.ts). */
    authorId: number;
    createdAt: string | null;
  };
  officialAnswer: {
    author: AuthorView | null;
    excerpt: string;
    postNumber: number;
    url: string;
    /** A staff edit after the mark (a member's edit removes the mark instead). */
    editedAfterMark: EditedAfterMarkView | null;
    /** The answer is the first post right below: the page shows a one-line pointer, not the excerpt. */
    isFirstBelow: boolean;
  } | null;
  posts: PostView[];
  pagination: Pagination;
  /** The post a permalink pointed at, if any. */
  targetPostNumber: number | null;
}

export interface EditedAfterMarkView {
  at: TimeView;
  by: AuthorView | null;
  historyUrl: string;
}

/** Set when the official answer was edited after a manager marked it: who, when, and its history. */
export function editedAfterMark(
  post: Pick<Post, 'id' | 'editedAt'> & { editedBy?: AuthorFields | null },
  markedAt: Date | null,
): EditedAfterMarkView | null {
  if (!post.editedAt || (markedAt && post.editedAt <= markedAt)) return null;
  // No mark time (an answer marked before it was kept): an edit at all is shown, to be safe.
  return { at: timeView(post.editedAt), by: post.editedBy ? presentAuthor(post.editedBy) : null, historyUrl: postHistoryUrl(post.id) };
}

export interface PresentOptions {
  actor: Actor;
  now: Date;
  targetPostNumber?: number | null;
  /** Current badge statuses of cited members the viewer may see, for "Now: …". */
  currentBadgeStatuses?: Map<number, BadgeStatus>;
}

type AuthorFields = Parameters<typeof presentAuthor>[0];

/** What the page shows of a post: a Post instance, or a plain row from server/read. */
export type PresentablePost = Pick<
  Post,
  'id' | 'number' | 'authorId' | 'html' | 'createdAt' | 'editedAt' | 'editReason' | 'replyToNumber' | 'hiddenAt' | 'hiddenReason' | 'hiddenById' | 'supersededByNumber' | 'deletedByAuthor'
> & { author?: AuthorFields | null; editedBy?: AuthorFields | null };

export type PresentableThread = Pick<
  Thread,
  'id' | 'slug' | 'title' | 'lastPostNumber' | 'isLocked' | 'isPinned' | 'pinnedUntil' | 'officialPostId' | 'authorId' | 'hiddenAt' | 'hiddenReason' | 'officialMarkedAt'
> & {
  board?: Pick<Board, 'name' | 'slug'> | null;
  createdAt?: Date;
  officialPost?: (Pick<Post, 'id' | 'number' | 'excerpt' | 'hiddenAt' | 'authorId' | 'editedAt'> & { author?: AuthorFields | null; editedBy?: AuthorFields | null }) | null;
};

export interface PresentableThreadPage {
  thread: PresentableThread;
  posts: PresentablePost[];
  etaTrails: Map<number, EtaTrail>;
  citationsByPost: Map<number, BadgeCitation[]>;
  page: number;
  pageCount: number;
}

const permalinkTo = (thread: Pick<Thread, 'id' | 'slug'>, number: number) => `${postUrl(thread, number)}#${postAnchor(number)}`;

export function presentPost(post: PresentablePost, thread: PresentableThread, eta: EtaTrail | null, options: PresentOptions, citations: BadgeCitation[] = []): PostView {
  const readable = !post.hiddenAt || canViewHiddenPost(options.actor, post).allowed;
  return {
    id: post.id,
    number: post.number,
    anchor: postAnchor(post.number),
    permalink: postUrl(thread, post.number),
    authorId: post.authorId,
    author: post.author ? presentAuthor(post.author) : null,
    html: readable ? post.html : '',
    at: timeView(post.createdAt),
    edited:
      post.editedAt && readable
        ? {
            at: timeView(post.editedAt),
            by: post.editedBy ? presentAuthor(post.editedBy) : null,
            reason: post.editReason,
            historyUrl: postHistoryUrl(post.id),
          }
        : null,
    replyTo: post.replyToNumber ? { number: post.replyToNumber, url: permalinkTo(thread, post.replyToNumber) } : null,
    hidden: post.hiddenAt
      // Hidden by reports alone (no hider) until a moderator reviews them: said as such to everyone.
      ? { visibleToViewer: readable, reason: readable ? post.hiddenReason : null, at: timeView(post.hiddenAt), pendingReview: post.hiddenById === null, deletedByAuthor: post.deletedByAuthor === true }
      : null,
    supersededBy: post.supersededByNumber ? { number: post.supersededByNumber, url: permalinkTo(thread, post.supersededByNumber) } : null,
    replyUrl: replyUrl(thread.id, { to: post.number }),
    quoteUrl: replyUrl(thread.id, { quote: post.number }),
    editUrl: editPostUrl(post.id),
    isOfficialAnswer: thread.officialPostId === post.id,
    isTarget: post.number === (options.targetPostNumber ?? null),
    eta: readable ? presentEtaBlock(post.id, eta, options.now) : null,
    citations: readable
      ? citations.map((citation) => presentCitation(citation, { actor: options.actor, currentStatuses: options.currentBadgeStatuses, now: options.now }))
      : [],
  };
}

export function presentThreadPage(data: PresentableThreadPage, options: PresentOptions): ThreadPageView {
  const { thread, posts, etaTrails, citationsByPost, page, pageCount } = data;
  const official = thread.officialPost ?? null;
  const officialReadable = official && (!official.hiddenAt || canViewHiddenPost(options.actor, official).allowed);
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      slug: thread.slug,
      url: threadUrl(thread),
      postCount: thread.lastPostNumber,
      isLocked: thread.isLocked,
      isPinned: thread.isPinned,
      pinnedUntil: thread.pinnedUntil ? timeView(thread.pinnedUntil) : null,
      board: thread.board ? { name: thread.board.name, slug: thread.board.slug, url: boardUrl(thread.board.slug) } : null,
      replyAction: createReplyUrl(thread.id),
      hiddenAt: thread.hiddenAt ? thread.hiddenAt.toISOString() : null,
      hidden: thread.hiddenAt ? { reason: thread.hiddenReason, at: timeView(thread.hiddenAt) } : null,
      authorId: thread.authorId,
      createdAt: thread.createdAt ? thread.createdAt.toISOString() : null,
    },
    officialAnswer:
      official && officialReadable
        ? {
            author: official.author ? presentAuthor(official.author) : null,
            excerpt: official.excerpt,
            postNumber: official.number,
            url: permalinkTo(thread, official.number),
            editedAfterMark: editedAfterMark(official, thread.officialMarkedAt ?? null),
            // The answer is the first post shown right below the box: a pointer, not a repeat.
            // (The full box stays while it has an edit note to show.)
            isFirstBelow: posts[0]?.number === official.number && !editedAfterMark(official, thread.officialMarkedAt ?? null),
          }
        : null,
    posts: posts.map((post) => presentPost(post, thread, etaTrails.get(post.id) ?? null, options, citationsByPost.get(post.id) ?? [])),
    pagination: paginate(page, pageCount, (n) => threadUrl(thread, n)),
    targetPostNumber: options.targetPostNumber ?? null,
  };
}
