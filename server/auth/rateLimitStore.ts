/**
 * An express-rate-limit store on the forum's database: one atomic upsert per hit, so every app
 * process (and every restart) counts the same hits for a key.
 */
import { QueryTypes } from 'sequelize';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../db';

export class DatabaseRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly localKeys = false;

  constructor(
    private readonly db: Database,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private key(key: string): string {
    return `${this.prefix}${key}`.slice(0, 200);
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const rows = await this.db.sequelize.query<{ hits: number; reset_at: string | number }>(
      'SELECT hits, reset_at FROM rate_limit_hits WHERE key = :key AND reset_at > :now',
      { replacements: { key: this.key(key), now: Date.now() }, type: QueryTypes.SELECT },
    );
    return rows[0] ? { totalHits: Number(rows[0].hits), resetTime: new Date(Number(rows[0].reset_at)) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = Date.now();
    const replacements = { key: this.key(key), now, resetAt: now + this.windowMs };
    const rows = await this.db.writeTransaction(async (transaction) => {
      // The upsert locks the row until commit, so the read below sees this hit's own count.
      await this.db.sequelize.query(
        `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (:key, 1, :resetAt)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limit_hits.reset_at <= :now THEN 1 ELSE rate_limit_hits.hits + 1 END,
           reset_at = CASE WHEN rate_limit_hits.reset_at <= :now THEN :resetAt ELSE rate_limit_hits.reset_at END`,
        { replacements, transaction },
      );
      return this.db.sequelize.query<{ hits: number; reset_at: string | number }>(
        'SELECT hits, reset_at FROM rate_limit_hits WHERE key = :key',
        { replacements, type: QueryTypes.SELECT, transaction },
      );
    });
    return { totalHits: Number(rows[0].hits), resetTime: new Date(Number(rows[0].reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.writeTransaction((transaction) =>
      this.db.sequelize.query('UPDATE rate_limit_hits SET hits = hits - 1 WHERE key = :key AND hits > 0', {
        replacements: { key: this.key(key) },
        transaction,
      }),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.writeTransaction((transaction) =>
      this.db.sequelize.query('DELETE FROM rate_limit_hits WHERE key = :key', { replacements: { key: this.key(key) }, transaction }),
    );
  }
}
