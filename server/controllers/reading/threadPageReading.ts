/** The thread page's read tracking in one call for the forum controller: the position read, the view recorded, the view model. */
import type { Response } from 'express';
import type { Database } from '../../db';
import { isSignedIn } from '../../policies';
import { presentThreadReading, ThreadReadingView } from '../../presenters/reading';
import { trackThreadPage } from '../../services/threadReading';

export async function readingOfThreadPage(
  db: Database,
  res: Response,
  thread: { id: number; slug: string; lastPostNumber: number },
  posts: ReadonlyArray<{ number: number }>,
): Promise<ThreadReadingView> {
  const actor = res.locals.actor;
  // The page has usually been answered by the time the write fails: log it, the next view retries.
  const onError = (error: unknown) => (res as Response & { log?: { warn: (o: object, m: string) => void } }).log?.warn({ err: error }, 'read position not recorded');
  const rows = await trackThreadPage(db, actor, thread, posts, onError);
  return presentThreadReading(rows, thread, isSignedIn(actor));
}
