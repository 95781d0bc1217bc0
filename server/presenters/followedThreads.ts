/** The followed-threads page: each thread with its board, latest activity and "N new" since the member's position. */
import type { FollowedThreadRow } from '../read/followedThreads';
import { timeView, TimeView } from './forum';
import { AuthorView, presentAuthor } from './members';
import { unreadOf, UnreadView } from './reading';
import { boardUrl, postAnchor, postUrl, threadUrl } from './urls';

export interface FollowedThreadView {
  title: string;
  url: string;
  board: { name: string; url: string } | null;
  postCount: number;
  isHidden: boolean;
  lastPost: { poster: AuthorView | null; at: TimeView; url: string };
  unread: UnreadView | null;
  /** Followed but never opened. */
  notOpened: boolean;
}

export interface FollowedThreadsView {
  threads: FollowedThreadView[];
  nextUrl: string | null;
  firstPageUrl: string | null;
}

export const FOLLOWED_URL = '/following';

export function presentFollowedThreads(rows: { threads: FollowedThreadRow[]; hasMore: boolean }, isFirstPage: boolean): FollowedThreadsView {
  const threads = rows.threads.map((thread) => ({
    title: thread.title,
    url: threadUrl(thread),
    board: thread.board ? { name: thread.board.name, url: boardUrl(thread.board.slug) } : null,
    postCount: thread.postCount,
    isHidden: thread.hiddenAt !== null,
    lastPost: {
      poster: thread.lastPoster ? presentAuthor(thread.lastPoster) : null,
      at: timeView(thread.lastPostAt),
      url: `${postUrl(thread, thread.lastPostNumber)}#${postAnchor(thread.lastPostNumber)}`,
    },
    unread: unreadOf(thread, thread.position ?? undefined),
    notOpened: thread.position === null,
  }));
  const last = rows.threads[rows.threads.length - 1];
  return {
    threads,
    nextUrl: rows.hasMore && last ? `${FOLLOWED_URL}?after=${last.id}` : null,
    firstPageUrl: isFirstPage ? null : FOLLOWED_URL,
  };
}
