/**
 * View models for the reading pages: plain objects holding only what a page shows, built from
 * the services' records. The HTML views and (later) the JSON answers share them.
 */
import type { Board, EtaNote, Post, Thread } from '../../models';
import type { BoardPage } from '../services/boards';
import type { ThreadPage } from '../services/threads';
import { formatDateTime } from './format';
import { AuthorView, presentAuthor } from './members';
import { boardUrl, createReplyUrl, editPostUrl, newThreadUrl, postAnchor, postHistoryUrl, postUrl, replyUrl, threadUrl } from './urls';

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
}

export interface Pagination {
  page: number;
  pageCount: number;
  previousUrl: string | null;
  nextUrl: string | null;
  links: Array<PageLink | null>; // null marks a gap ("…")
}

/** Page links around the current page, with the first and last always present. */
export function paginate(page: number, pageCount: number, urlOf: (page: number) => string): Pagination {
  const wanted = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const numbers = [...wanted].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const links: Array<PageLink | null> = [];
  numbers.forEach((n, i) => {
    if (i > 0 && n - numbers[i - 1] > 1) links.push(null);
    links.push({ number: n, url: urlOf(n), current: n === page });
  });
  return {
    page,
    pageCount,
    previousUrl: page > 1 ? urlOf(page - 1) : null,
    nextUrl: page < pageCount ? urlOf(page + 1) : null,
    links,
  };
}

interface TimeView {
  iso: string;
  text: string;
}

function timeView(date: Date): TimeView {
  return { iso: date.toISOString(), text: formatDateTime(date) };
}

export interface BoardSummaryView {
  name: string;
  description: string;
  url: string;
  threadCount: number;
  postCount: number;
  latest: { threadTitle: string; url: string; poster: AuthorView | null; at: TimeView } | null;
}

export function presentBoardList(boards: Board[]): BoardSummaryView[] {
  return boards.map((board) => {
    const thread = board.lastThread ?? null;
    return {
      name: board.name,
      description: board.description,
      url: boardUrl(board.slug),
      threadCount: board.threadCount,
      postCount: board.postCount,
      latest: thread
        ? {
            threadTitle: thread.title,
            url: `${postUrl(thread, thread.lastPostNumber)}#${postAnchor(thread.lastPostNumber)}`,
            poster: thread.lastPoster ? presentAuthor(thread.lastPoster) : null,
            at: timeView(thread.lastPostAt),
          }
        : null,
    };
  });
}

export interface ThreadSummaryView {
  title: string;
  url: string;
  starter: AuthorView | null;
  replyCount: number;
  isPinned: boolean;
  isLocked: boolean;
  hasOfficialAnswer: boolean;
  lastPost: { poster: AuthorView | null; at: TimeView; url: string };
}

function presentThreadSummary(thread: Thread): ThreadSummaryView {
  return {
    title: thread.title,
    url: threadUrl(thread),
    starter: thread.author ? presentAuthor(thread.author) : null,
    replyCount: Math.max(0, thread.postCount - 1),
    isPinned: thread.isPinned,
    isLocked: thread.isLocked,
    hasOfficialAnswer: thread.officialPostId !== null,
    lastPost: {
      poster: thread.lastPoster ? presentAuthor(thread.lastPoster) : null,
      at: timeView(thread.lastPostAt),
      url: `${postUrl(thread, thread.lastPostNumber)}#${postAnchor(thread.lastPostNumber)}`,
    },
  };
}

export interface BoardPageView {
  board: { name: string; description: string; url: string; threadCount: number; staffOnlyThreads: boolean; newThreadUrl: string };
  threads: ThreadSummaryView[];
  pagination: Pagination;
}

export function presentBoardPage({ board, threads, page, pageCount }: BoardPage): BoardPageView {
  return {
    board: {
      name: board.name,
      description: board.description,
      url: boardUrl(board.slug),
      threadCount: board.threadCount,
      staffOnlyThreads: board.staffOnlyThreads,
      newThreadUrl: newThreadUrl(board.slug),
    },
    threads: threads.map(presentThreadSummary),
    pagination: paginate(page, pageCount, (n) => boardUrl(board.slug, n)),
  };
}

export interface EtaNoteView {
  author: AuthorView | null;
  html: string;
  promisedWindow: string | null;
  dueAt: TimeView | null;
  at: TimeView;
}

function presentEtaNote(note: EtaNote): EtaNoteView {
  return {
    author: note.author ? presentAuthor(note.author) : null,
    html: note.html,
    promisedWindow: note.promisedWindow,
    dueAt: note.dueAt ? timeView(note.dueAt) : null,
    at: timeView(note.createdAt),
  };
}

export interface PostView {
  id: number;
  number: number;
  anchor: string;
  permalink: string;
  /** For policy checks in the view (canEditPost). */
  authorId: number;
  author: AuthorView | null;
  html: string;
  at: TimeView;
  edited: { at: TimeView; by: AuthorView | null; reason: string | null; historyUrl: string } | null;
  replyTo: { number: number; url: string } | null;
  replyUrl: string;
  quoteUrl: string;
  editUrl: string;
  isOfficialAnswer: boolean;
  isTarget: boolean;
  etaNotes: EtaNoteView[];
}

export interface ThreadPageView {
  thread: {
    id: number;
    title: string;
    url: string;
    postCount: number;
    isLocked: boolean;
    board: { name: string; url: string } | null;
    replyAction: string;
  };
  officialAnswer: { author: AuthorView | null; excerpt: string; postNumber: number; url: string } | null;
  posts: PostView[];
  pagination: Pagination;
  /** The post a permalink pointed at, if any. */
  targetPostNumber: number | null;
}

export function presentPost(post: Post, thread: Thread, notes: EtaNote[], targetPostNumber: number | null = null): PostView {
  return {
    id: post.id,
    number: post.number,
    anchor: postAnchor(post.number),
    permalink: postUrl(thread, post.number),
    authorId: post.authorId,
    author: post.author ? presentAuthor(post.author) : null,
    html: post.html,
    at: timeView(post.createdAt),
    edited: post.editedAt
      ? {
          at: timeView(post.editedAt),
          by: post.editedBy ? presentAuthor(post.editedBy) : null,
          reason: post.editReason,
          historyUrl: postHistoryUrl(post.id),
        }
      : null,
    replyTo: post.replyToNumber
      ? { number: post.replyToNumber, url: `${postUrl(thread, post.replyToNumber)}#${postAnchor(post.replyToNumber)}` }
      : null,
    replyUrl: replyUrl(thread.id, { to: post.number }),
    quoteUrl: replyUrl(thread.id, { quote: post.number }),
    editUrl: editPostUrl(post.id),
    isOfficialAnswer: thread.officialPostId === post.id,
    isTarget: post.number === targetPostNumber,
    etaNotes: notes.map(presentEtaNote),
  };
}

export function presentThreadPage(data: ThreadPage, targetPostNumber: number | null = null): ThreadPageView {
  const { thread, posts, etaNotesByPost, page, pageCount } = data;
  const official = thread.officialPost ?? null;
  return {
    thread: {
      id: thread.id,
      title: thread.title,
      url: threadUrl(thread),
      postCount: thread.lastPostNumber,
      isLocked: thread.isLocked,
      board: thread.board ? { name: thread.board.name, url: boardUrl(thread.board.slug) } : null,
      replyAction: createReplyUrl(thread.id),
    },
    officialAnswer: official
      ? {
          author: official.author ? presentAuthor(official.author) : null,
          excerpt: official.excerpt,
          postNumber: official.number,
          url: `${postUrl(thread, official.number)}#${postAnchor(official.number)}`,
        }
      : null,
    posts: posts.map((post) => presentPost(post, thread, etaNotesByPost.get(post.id) ?? [], targetPostNumber)),
    pagination: paginate(page, pageCount, (n) => threadUrl(thread, n)),
    targetPostNumber,
  };
}
