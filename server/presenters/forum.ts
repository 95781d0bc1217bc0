/**
 * View models for the home and board pages: plain objects holding only what a page shows, built
 * from the services' records. The HTML views and (later) the JSON answers share them.
 */
import type { Board, Thread } from '../../models';
import { isPinnedAt } from '../services/boards';
import { formatDateTime } from './format';
import { AuthorView, presentAuthor } from './members';
import { boardUrl, postAnchor, postUrl, threadUrl } from './urls';

export interface PageLink {
  /** null for a board's keyset place past its numbered pages, which has a label instead. */
  number: number | null;
  url: string;
  current: boolean;
  label?: string;
}

export interface Pagination {
  /** The current page's number; null on a board's keyset pages past its numbered ones. */
  page: number | null;
  pageCount: number;
  previousUrl: string | null;
  nextUrl: string | null;
  links: Array<PageLink | null>; // null marks a gap ("…")
  /** A board's last page, when its numbered links stop before it. */
  lastUrl?: string | null;
}

/** Page links around the current page, with the first and last always present. */
export function paginate(page: number, pageCount: number, urlOf: (page: number) => string): Pagination & { page: number } {
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

export interface TimeView {
  iso: string;
  text: string;
}

export function timeView(date: Date): TimeView {
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

type AuthorFields = Parameters<typeof presentAuthor>[0];

/** A board as the home page lists it: a Board instance, or a plain row from server/read. */
export type ListedBoard = Pick<Board, 'name' | 'description' | 'slug' | 'threadCount' | 'postCount' | 'hiddenThreadCount' | 'hiddenPostCount'> & {
  lastThread?: (Pick<Thread, 'id' | 'slug' | 'title' | 'lastPostNumber' | 'lastPostAt'> & { lastPoster?: AuthorFields | null }) | null;
};

export type ListedThread = Pick<
  Thread,
  'id' | 'slug' | 'title' | 'postCount' | 'isPinned' | 'pinnedUntil' | 'isLocked' | 'officialPostId' | 'lastPostAt' | 'lastPostNumber' | 'hiddenAt'
> & { author?: AuthorFields | null; lastPoster?: AuthorFields | null; solutionPostId?: number | null };

export function presentBoardList(boards: ListedBoard[]): BoardSummaryView[] {
  return boards.map((board) => {
    const thread = board.lastThread ?? null;
    return {
      name: board.name,
      description: board.description,
      url: boardUrl(board.slug),
      // Counts everyone sees alike (the home page is cached for anonymous readers): hidden threads left out.
      threadCount: board.threadCount - board.hiddenThreadCount,
      postCount: board.postCount - board.hiddenPostCount,
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
  /** Listed to staff only: a thread hidden by a moderator. */
  isHidden: boolean;
  hasOfficialAnswer: boolean;
  /** A Q&A thread with an accepted solution. */
  isSolved: boolean;
  lastPost: { poster: AuthorView | null; at: TimeView; url: string };
}

export function presentThreadSummary(thread: ListedThread, now: Date): ThreadSummaryView {
  return {
    title: thread.title,
    url: threadUrl(thread),
    starter: thread.author ? presentAuthor(thread.author) : null,
    replyCount: Math.max(0, thread.postCount - 1),
    isPinned: isPinnedAt(thread, now),
    isLocked: thread.isLocked,
    isHidden: thread.hiddenAt !== null,
    hasOfficialAnswer: thread.officialPostId !== null,
    isSolved: (thread.solutionPostId ?? null) !== null,
    lastPost: {
      poster: thread.lastPoster ? presentAuthor(thread.lastPoster) : null,
      at: timeView(thread.lastPostAt),
      url: `${postUrl(thread, thread.lastPostNumber)}#${postAnchor(thread.lastPostNumber)}`,
    },
  };
}
