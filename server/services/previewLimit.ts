/**
 * The preview limit: each preview renders markdown (up to its 250 ms budget) and writes nothing,
 * so without a limit one member could keep the server busy for free. Counted per member and per
 * client address in the database (rate_limit_hits, through the same store as the sign-in
 * throttle), so it holds across app processes and restarts.
 */
import type { Options } from 'express-rate-limit';
import { DatabaseRateLimitStore } from '../auth/rateLimitStore';
import type { Database } from '../db';
import { TooManyRequestsError } from '../errors';

export const PREVIEW_WINDOW_MS = 10 * 60_000;
/** Previews one member may ask for per window: far more than writing a post takes. */
export const PREVIEWS_PER_MEMBER = 30;
/** Previews from one address per window, whoever is signed in (several accounts, one machine). */
export const PREVIEWS_PER_ADDRESS = 90;

export type PreviewLimit = (memberId: number, address: string) => Promise<void>;

/** Counts a preview; throws TooManyRequestsError (429, Retry-After) when over either limit. */
export function createPreviewLimit(db: Database): PreviewLimit {
  // The store only reads windowMs from express-rate-limit's options.
  const options = { windowMs: PREVIEW_WINDOW_MS } as Options;
  const byMember = new DatabaseRateLimitStore(db, 'preview-member:');
  const byAddress = new DatabaseRateLimitStore(db, 'preview-address:');
  byMember.init(options);
  byAddress.init(options);
  return async (memberId, address) => {
    const member = await byMember.increment(String(memberId));
    const fromAddress = await byAddress.increment(address);
    const over = [
      member.totalHits > PREVIEWS_PER_MEMBER ? member.resetTime : null,
      fromAddress.totalHits > PREVIEWS_PER_ADDRESS ? fromAddress.resetTime : null,
    ].filter((reset): reset is Date => reset instanceof Date);
    if (over.length === 0) return;
    const seconds = Math.max(1, Math.ceil((Math.max(...over.map((reset) => reset.getTime())) - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    const limit = member.totalHits > PREVIEWS_PER_MEMBER ? PREVIEWS_PER_MEMBER : PREVIEWS_PER_ADDRESS;
    const from = limit === PREVIEWS_PER_MEMBER ? '' : ' from one address';
    throw new TooManyRequestsError(
      `Too many previews: at most ${limit} every ${PREVIEW_WINDOW_MS / 60_000} minutes${from}. Your text is kept below; ` +
        `you can still post it, or preview again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      seconds,
    );
  };
}
