/**
 * What the thread page needs of read tracking, called with one line from the forum controller:
 * the member's position before this view (for "New since your last visit" and "Jump to first
 * unread"; read with the thread, read/threadPage.ts), then the page view recorded (one upsert,
 * started now and not awaited by the render).
 */
import type { Database } from '../db';
import type { Actor } from '../policies';
import { tracksReading } from '../policies';
import { recordPageView } from './readTracking';

export interface ThreadReadingRows {
  /** The member's position before this page view; null for visitors and on a first visit. */
  position: number | null;
  lastPostNumber: number;
  /** The lowest and highest post numbers the page shows. */
  firstShownNumber: number;
  lastShownNumber: number;
}

/**
 * Records this page view past the viewer's position (read with the thread). onError hears about
 * a failed write (it must not fail a page that has already been answered).
 */
export function trackThreadPage(
  db: Database,
  actor: Actor,
  thread: { id: number; lastPostNumber: number },
  posts: ReadonlyArray<{ number: number }>,
  position: number | null,
  onError: (error: unknown) => void,
): ThreadReadingRows {
  const shown = { first: posts[0]?.number ?? 0, last: posts[posts.length - 1]?.number ?? 0 };
  const base = { lastPostNumber: thread.lastPostNumber, firstShownNumber: shown.first, lastShownNumber: shown.last };
  if (!tracksReading(actor) || actor.memberId === null) return { position: null, ...base };
  if (shown.last > (position ?? 0)) {
    recordPageView(db, { memberId: actor.memberId, threadId: thread.id, upToNumber: shown.last }).catch(onError);
  }
  return { position, ...base };
}
