/**
 * Registration limit per client address, counted in the database (across processes): every
 * registration that passes the form checks costs a bcrypt hash, so a burst from one address could
 * otherwise stall everyone. A plain fixed window (REGISTRATIONS_PER_HOUR, default 5 an hour).
 */
import type { Request } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { addressKey, DatabaseRateLimitStore, LimitRule, Verdict } from './rateLimitStore';

export type RegistrationThrottle = (req: Request) => Promise<Verdict>;

export function createRegistrationThrottle(db: Database, config: Pick<Config, 'registrationLimit'>): RegistrationThrottle {
  const store = new DatabaseRateLimitStore(db);
  const rule: LimitRule = { prefix: 'register-address:', limit: config.registrationLimit.perAddress, windowMs: config.registrationLimit.windowMs, maxLockoutMs: 0 };
  return (req) => store.reserve(rule, DatabaseRateLimitStore.key(rule, addressKey(req)));
}
