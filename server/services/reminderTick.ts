/**
 * The bookmark reminder job: a timer in each app process that sends the reminders that are due
 * (services/bookmarks.ts claimDueReminders, safe with several processes). Stopped on shutdown.
 */
import type { Database } from '../db';
import type { Lifecycle } from '../lifecycle/shutdown';
import { claimDueReminders } from './bookmarks';

export function startReminderTick(db: Database, everyMs: number, lifecycle: Lifecycle, onError: (error: unknown) => void = () => {}): void {
  if (everyMs <= 0) return;
  let running = false;
  const timer = setInterval(() => {
    // One claim at a time per process: a slow tick never piles up behind itself.
    if (running || lifecycle.stopping) return;
    running = true;
    claimDueReminders(db).catch(onError).finally(() => { running = false; });
  }, everyMs);
  timer.unref();
  lifecycle.onShutdown('bookmark reminders', () => clearInterval(timer));
}
