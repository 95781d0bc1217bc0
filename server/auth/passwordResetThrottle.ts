/**
 * Password reset requests, counted in the database per client address and per account (the
 * address typed, whether or not it is known, so the limit says nothing about who is a member).
 */
import type { Request } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { addressKey, DatabaseRateLimitStore, LimitRule, Verdict } from './rateLimitStore';

export type PasswordResetThrottle = (req: Request, emailAddress: string) => Promise<Verdict>;

export function createPasswordResetThrottle(db: Database, config: Pick<Config, 'passwordResetLimits'>): PasswordResetThrottle {
  const store = new DatabaseRateLimitStore(db);
  const limits = config.passwordResetLimits;
  const perClient: LimitRule = { prefix: 'reset-address:', limit: limits.perAddress, windowMs: limits.windowMs, maxLockoutMs: 0 };
  const perAccount: LimitRule = { prefix: 'reset-account:', limit: limits.perAccount, windowMs: limits.windowMs, maxLockoutMs: 0 };
  return async (req, emailAddress) => {
    const client = await store.reserve(perClient, DatabaseRateLimitStore.key(perClient, addressKey(req)));
    if (!client.allowed) return client;
    return store.reserve(perAccount, DatabaseRateLimitStore.key(perAccount, emailAddress.trim().toLowerCase()));
  };
}
