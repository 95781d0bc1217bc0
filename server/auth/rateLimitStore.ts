/**
 * Attempt counters in the forum's database (`rate_limit_hits`), so every app process and every
 * restart counts the same attempts for a key. Hand-written rather than an express-rate-limit
 * store because express-rate-limit has no backoff: here a key that goes over its limit is locked
 * out for a window, and each consecutive lockout lasts twice the one before (capped), as OWASP's
 * authentication guidance suggests. Strikes are forgotten a day after the last lockout ends.
 *
 * An attempt is reserved before the work it guards (one atomic upsert), so a burst that reaches
 * several processes at once still lets exactly `limit` attempts through.
 */
import crypto from 'node:crypto';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { QueryTypes } from 'sequelize';
import type { Database } from '../db';

export interface LimitRule {
  /** Names the counter family in the key ("signin-address:", "register-address:"). */
  prefix: string;
  /** Attempts allowed per window. */
  limit: number;
  windowMs: number;
  /** Lockouts double per consecutive offence, up to this; 0 for a plain fixed window. */
  maxLockoutMs: number;
}

export interface Verdict {
  allowed: boolean;
  /** When refused: seconds until the key may try again. */
  retryAfterSeconds: number;
}

/** How long after its last lockout a key's strikes are kept, and its row with them. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_KEY_LENGTH = 200;

interface Row {
  hits: number | string;
  reset_at: number | string;
  strikes: number | string;
}

/** The client address as rate limits see it: IPv6 clients by their /56, which one host can hold. */
export function addressKey(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown', 56);
}

/** "in 15 minutes", "in 2 hours": the wait a refused visitor is told. */
export function waitText(seconds: number): string {
  if (seconds < 90 * 60) {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  const hours = Math.ceil(seconds / 3600);
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

export class DatabaseRateLimitStore {
  constructor(private readonly db: Database) {}

  /** A key of bounded length: long member-typed parts are hashed rather than cut (no collisions). */
  static key(rule: LimitRule, ...parts: string[]): string {
    const key = `${rule.prefix}${parts.join('|')}`;
    return key.length <= MAX_KEY_LENGTH ? key : `${rule.prefix}sha256:${crypto.createHash('sha256').update(parts.join('|')).digest('hex')}`;
  }

  /** Counts one attempt and says whether it may go ahead. */
  async reserve(rule: LimitRule, key: string, now = Date.now()): Promise<Verdict> {
    const replacements = { key, now, windowEnd: now + rule.windowMs, forgetMs: FORGET_AFTER_MS };
    return this.db.writeTransaction(async (transaction) => {
      // Every SET reads the row as it was; the upsert locks it until commit, so the read below
      // sees this attempt's own count and only one attempt ever sees limit + 1.
      await this.db.sequelize.query(
        `INSERT INTO rate_limit_hits (key, hits, reset_at, strikes) VALUES (:key, 1, :windowEnd, 0)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.reset_at <= :now THEN 1 ELSE rate_limit_hits.hits + 1 END,
           strikes = CASE WHEN rate_limit_hits.reset_at + :forgetMs <= :now THEN 0 ELSE rate_limit_hits.strikes END,
           reset_at = CASE WHEN rate_limit_hits.reset_at <= :now THEN :windowEnd ELSE rate_limit_hits.reset_at END`,
        { replacements, transaction },
      );
      const [row] = await this.db.sequelize.query<Row>('SELECT hits, reset_at, strikes FROM rate_limit_hits WHERE key = :key', {
        replacements,
        type: QueryTypes.SELECT,
        transaction,
      });
      const hits = Number(row.hits);
      let resetAt = Number(row.reset_at);
      if (hits <= rule.limit) return { allowed: true, retryAfterSeconds: 0 };
      if (hits === rule.limit + 1 && rule.maxLockoutMs > 0) {
        // The first attempt over the limit starts the lockout: a window, doubled per strike.
        const strikes = Number(row.strikes);
        const lockoutMs = Math.min(rule.windowMs * 2 ** Math.min(strikes, 30), rule.maxLockoutMs);
        resetAt = now + lockoutMs;
        await this.db.sequelize.query('UPDATE rate_limit_hits SET reset_at = :resetAt, strikes = :strikes WHERE key = :key', {
          replacements: { key, resetAt, strikes: strikes + 1 },
          transaction,
        });
      }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
    });
  }

  /** Un-counts an attempt that turned out fine (a successful sign-in from a busy address). */
  async release(key: string): Promise<void> {
    await this.db.writeTransaction((transaction) =>
      this.db.sequelize.query('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = :key AND hits > 0', { replacements: { key }, transaction }),
    );
  }

  /** Forgets a key entirely, strikes included (the owner proved who they are). */
  async forget(key: string): Promise<void> {
    await this.db.writeTransaction((transaction) =>
      this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE key = :key', { replacements: { key }, transaction }),
    );
  }

  /**
   * Drops counters whose window or lockout ended more than FORGET_AFTER_MS ago, so keys made up
   * by an attacker (one per username typed) do not pile up. Returns how many went.
   */
  async sweep(now = Date.now()): Promise<number> {
    const replacements = { cutoff: now - FORGET_AFTER_MS };
    return this.db.writeTransaction(async (transaction) => {
      const [{ count }] = await this.db.sequelize.query<{ count: number | string }>(
        'SELECT COUNT(*) AS count FROM rate_limit_hits WHERE reset_at < :cutoff',
        { replacements, type: QueryTypes.SELECT, transaction },
      );
      await this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE reset_at < :cutoff', { replacements, transaction });
      return Number(count);
    });
  }
}
