/**
 * Read tracking as pages show it: "N new" with a link to the first unread post on thread lists,
 * and on the thread page the "New since your last visit" line, "Jump to first unread", the
 * catch-up view toggles and what the live-update script needs.
 */
import type { ThreadReadingRows } from '../services/threadReading';
import { postAnchor, postUrl, threadUrl } from './urls';

interface ThreadRef {
  id: number;
  slug: string;
  lastPostNumber: number;
}

export interface UnreadView {
  count: number;
  /** The first unread post, by permalink. */
  url: string;
}

/** "N new" for a listed thread, when the member has read part of it and posts came after. */
export function unreadOf(thread: ThreadRef, position: number | undefined): UnreadView | null {
  if (position === undefined || position >= thread.lastPostNumber) return null;
  const first = position + 1;
  return { count: thread.lastPostNumber - position, url: `${postUrl(thread, first)}#${postAnchor(first)}` };
}

/** Unread marks of a list's threads, keyed by thread id (absent: nothing new, or never visited). */
export function unreadByThread(positions: ReadonlyArray<{ threadId: number; slug: string; position: number; lastPostNumber: number }>): Record<number, UnreadView> {
  const unread: Record<number, UnreadView> = {};
  for (const each of positions) {
    const view = unreadOf({ id: each.threadId, slug: each.slug, lastPostNumber: each.lastPostNumber }, each.position);
    if (view) unread[each.threadId] = view;
  }
  return unread;
}

export interface ThreadReadingView {
  /** Posts after the member's last visit, or 0. */
  newCount: number;
  /** "Jump to first unread": the permalink of the first post after the position. */
  firstUnread: { number: number; url: string } | null;
  /** The post the "New since your last visit" line goes above, when it is on this page. */
  markerBeforeNumber: number | null;
  catchUp: { staffUrl: string; mineUrl: string | null };
  /** For public/js/live.js: the thread's event stream, and the thread's last post number when the page was made (the stream's cursor). */
  live: { eventsUrl: string; lastPostNumber: number };
}

export function presentThreadReading(rows: ThreadReadingRows, thread: { id: number; slug: string }, signedIn: boolean): ThreadReadingView {
  const { position } = rows;
  const hasNew = position !== null && position < rows.lastPostNumber;
  const first = hasNew ? position + 1 : null;
  const base = threadUrl(thread);
  return {
    newCount: hasNew ? rows.lastPostNumber - position : 0,
    firstUnread: first === null ? null : { number: first, url: `${postUrl(thread, first)}#${postAnchor(first)}` },
    markerBeforeNumber: first !== null && first >= rows.firstShownNumber && first <= rows.lastShownNumber && first > 1 ? first : null,
    catchUp: { staffUrl: `${base}?view=staff`, mineUrl: signedIn ? `${base}?view=mine` : null },
    live: { eventsUrl: `/live/t/${thread.id}`, lastPostNumber: rows.lastPostNumber },
  };
}
