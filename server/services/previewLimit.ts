/**
 * The preview limit: each preview renders markdown (up to its 250 ms budget) and writes nothing,
 * so without a limit one member could keep the server busy for free. Counted per member and per
 * client address in the database (rate_limit_hits, through the same store as the sign-in
 * throttle), so it holds across app processes and restarts.
 */
import { DatabaseRateLimitStore, LimitRule, waitText } from '../auth/rateLimitStore';
import type { Database } from '../db';
import { TooManyRequestsError } from '../errors';

export const PREVIEW_WINDOW_MS = 10 * 60_000;
/** Previews one member may ask for per window: far more than writing a post takes. */
export const PREVIEWS_PER_MEMBER = 30;
/** Previews from one address per window, whoever is signed in (several accounts, one machine). */
export const PREVIEWS_PER_ADDRESS = 90;

export type PreviewLimit = (memberId: number, address: string) => Promise<void>;

const BY_MEMBER: LimitRule = { prefix: 'preview-member:', limit: PREVIEWS_PER_MEMBER, windowMs: PREVIEW_WINDOW_MS, maxLockoutMs: 0 };
const BY_ADDRESS: LimitRule = { prefix: 'preview-address:', limit: PREVIEWS_PER_ADDRESS, windowMs: PREVIEW_WINDOW_MS, maxLockoutMs: 0 };

/** Counts a preview; throws TooManyRequestsError (429, Retry-After) when over either limit. */
export function createPreviewLimit(db: Database): PreviewLimit {
  const store = new DatabaseRateLimitStore(db);
  return async (memberId, address) => {
    const member = await store.reserve(BY_MEMBER, DatabaseRateLimitStore.key(BY_MEMBER, String(memberId)));
    const fromAddress = await store.reserve(BY_ADDRESS, DatabaseRateLimitStore.key(BY_ADDRESS, address));
    if (member.allowed && fromAddress.allowed) return;
    const seconds = Math.max(member.retryAfterSeconds, fromAddress.retryAfterSeconds);
    const limit = member.allowed ? PREVIEWS_PER_ADDRESS : PREVIEWS_PER_MEMBER;
    const from = member.allowed ? ' from one address' : '';
    throw new TooManyRequestsError(
      `Too many previews: at most ${limit} every ${PREVIEW_WINDOW_MS / 60_000} minutes${from}. Your text is kept below; ` +
        `you can still post it, or preview again in ${waitText(seconds)}.`,
      seconds,
    );
  };
}
