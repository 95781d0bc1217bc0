/** The thread page's read tracking in one call for the forum controller: the view recorded past the position read with the thread, the view model. */
import type { Response } from 'express';
import type { Database } from '../../db';
import { isSignedIn } from '../../policies';
import { presentThreadReading, ThreadReadingView } from '../../presenters/reading';
import { trackThreadPage } from '../../services/threadReading';

export function readingOfThreadPage(
  db: Database,
  res: Response,
  thread: { id: number; slug: string; lastPostNumber: number },
  posts: ReadonlyArray<{ number: number }>,
  position: number | null,
): ThreadReadingView {
  const actor = res.locals.actor;
  // The page has usually been answered by the time the write fails: log it, the next view retries.
  const onError = (error: unknown) => (res as Response & { log?: { warn: (o: object, m: string) => void } }).log?.warn({ err: error }, 'read position not recorded');
  const rows = trackThreadPage(db, actor, thread, posts, position, onError);
  return presentThreadReading(rows, thread, isSignedIn(actor));
}
