/**
 * Limits on the staff desk's repeatable writes: marking, claiming, releasing and settling
 * questions (POST /posts/:id/question...), and adding, changing and deleting saved replies. Staff
 * are trusted, but a script gone wrong or a stolen staff session should not be able to write
 * without end; the limits are far above what a person at the desk does. Counted per staff member
 * in rate_limit_hits (the store of the sign-in throttle and the preview limit), so they hold
 * across app processes and restarts.
 */
import { DatabaseRateLimitStore, LimitRule, waitText } from '../auth/rateLimitStore';
import type { Database } from '../db';
import { TooManyRequestsError } from '../errors';

export const DESK_WINDOW_MS = 10 * 60_000;

/** Counts one write by this staff member; throws TooManyRequestsError (429, Retry-After) over the limit. */
export type DeskLimit = (memberId: number) => Promise<void>;

function createDeskLimit(db: Database, prefix: string, perWindow: number, what: string): DeskLimit {
  const store = new DatabaseRateLimitStore(db);
  const rule: LimitRule = { prefix, limit: perWindow, windowMs: DESK_WINDOW_MS, maxLockoutMs: 0 };
  return async (memberId) => {
    const verdict = await store.reserve(rule, DatabaseRateLimitStore.key(rule, String(memberId)));
    if (verdict.allowed) return;
    throw new TooManyRequestsError(
      `Too many ${what}: at most ${perWindow} every ${DESK_WINDOW_MS / 60_000} minutes. Nothing was changed; try again in ${waitText(verdict.retryAfterSeconds)}.`,
      verdict.retryAfterSeconds,
    );
  };
}

/** Question marks, claims, releases, "answered" and "no answer needed". */
export function createQuestionActionLimit(db: Database, perWindow: number): DeskLimit {
  return createDeskLimit(db, 'desk-question:', perWindow, 'question desk actions');
}

/** Saved replies added, changed or deleted. */
export function createSavedReplyLimit(db: Database, perWindow: number): DeskLimit {
  return createDeskLimit(db, 'desk-saved-reply:', perWindow, 'saved reply changes');
}
