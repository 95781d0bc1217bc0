/**
 * Sign-in throttling per client address and per account, counted in the database so it holds
 * across app processes. Only failed attempts count; the limited answer is the sign-in form again
 * (username kept) with 429 and Retry-After.
 */
import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import type { Database } from '../db';
import { usernameKey } from '../services/members';
import { renderSignIn } from '../controllers/accountController';
import { safeReturnPath } from './redirects';
import { DatabaseRateLimitStore } from './rateLimitStore';

function retryAfterSeconds(req: Request): number {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
}

function limitedAnswer(req: Request, res: Response): void {
  const seconds = retryAfterSeconds(req);
  res.setHeader('Retry-After', String(seconds));
  const minutes = Math.ceil(seconds / 60);
  const username = typeof req.body?.username === 'string' ? req.body.username : '';
  renderSignIn(res, 429, {
    values: { username },
    errors: { form: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.` },
    next: safeReturnPath(req.body?.next) ?? '',
  });
}

export function createSignInThrottle(db: Database, config: Pick<Config, 'signInLimits'>): RequestHandler[] {
  const { windowMs, perAddress, perAccount } = config.signInLimits;
  const common = {
    windowMs,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7' as const,
    legacyHeaders: false,
    handler: limitedAnswer,
  };
  const byAddress = rateLimit({ ...common, limit: perAddress, store: new DatabaseRateLimitStore(db, 'signin-address:') });
  const byAccount = rateLimit({
    ...common,
    limit: perAccount,
    store: new DatabaseRateLimitStore(db, 'signin-account:'),
    keyGenerator: (req) => usernameKey(typeof req.body?.username === 'string' ? req.body.username : ''),
  });
  return [byAddress, byAccount];
}
