/**
 * Sign-in throttling, counted in the database so it holds across app processes (see
 * rateLimitStore.ts for the counting and the backoff). Two counters, as OWASP's authentication
 * guidance describes, and deliberately no counter per account alone: that one would let anyone
 * lock the real owner out from anywhere.
 *
 * - per (account, address): a few failures, then a lockout that doubles each time. The account
 *   part is the username as sign-in resolves it (usernameKey), so "RafehG", "rafehg " and
 *   " RAFEHG" are one account. The owner signing in from another address is not affected.
 * - per address: many more failures across all accounts (one address guessing many accounts).
 *
 * Only failures count: a successful sign-in un-counts its attempt on the address and forgets its
 * (account, address) counter. The refused answer is the sign-in form again (username kept) with
 * 429 and Retry-After.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { usernameKey } from '../services/members';
import { renderSignIn } from '../controllers/accountController';
import { safeReturnPath } from './redirects';
import { addressKey, DatabaseRateLimitStore, LimitRule, waitText } from './rateLimitStore';

function refuse(req: Request, res: Response, retryAfterSeconds: number): void {
  res.setHeader('Retry-After', String(retryAfterSeconds));
  const username = typeof req.body?.username === 'string' ? req.body.username : '';
  renderSignIn(res, 429, {
    values: { username },
    errors: { form: `Too many failed sign-in attempts. Try again in ${waitText(retryAfterSeconds)}.` },
    next: safeReturnPath(req.body?.next) ?? '',
  });
}

const DEFAULT_MAX_LOCKOUT_MS = 24 * 3_600_000;
const SWEEP_INTERVAL_MS = 15 * 60_000;

export function createSignInThrottle(db: Database, config: Pick<Config, 'env' | 'signInLimits'>): RequestHandler {
  const { windowMs, perAddress, perAccount, maxLockoutMs = DEFAULT_MAX_LOCKOUT_MS } = config.signInLimits;
  const store = new DatabaseRateLimitStore(db);
  // Forgotten counters (sign-in and registration) are dropped by the app process; tests open and
  // close databases too quickly for a timer, and call sweep() themselves.
  if (config.env !== 'test') {
    setInterval(() => store.sweep().catch((error) => console.error('rate-limit sweep failed', error)), SWEEP_INTERVAL_MS).unref();
  }
  const byAddress: LimitRule = { prefix: 'signin-address:', limit: perAddress, windowMs, maxLockoutMs };
  const byAccountAndAddress: LimitRule = { prefix: 'signin-account-address:', limit: perAccount, windowMs, maxLockoutMs };

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const address = addressKey(req);
    const account = usernameKey(typeof req.body?.username === 'string' ? req.body.username : '');
    const addressCounter = DatabaseRateLimitStore.key(byAddress, address);
    const pairCounter = DatabaseRateLimitStore.key(byAccountAndAddress, account, address);

    const addressVerdict = await store.reserve(byAddress, addressCounter);
    if (!addressVerdict.allowed) {
      refuse(req, res, addressVerdict.retryAfterSeconds);
      return;
    }
    const pairVerdict = await store.reserve(byAccountAndAddress, pairCounter);
    if (!pairVerdict.allowed) {
      refuse(req, res, pairVerdict.retryAfterSeconds);
      return;
    }
    res.on('finish', () => {
      if (res.statusCode >= 400) return;
      // After the answer: a failure here must not turn a sign-in into an error page.
      Promise.all([store.release(addressCounter), store.forget(pairCounter)]).catch((error) =>
        console.error('sign-in throttle: could not un-count a successful sign-in', error),
      );
    });
    next();
  };
}
