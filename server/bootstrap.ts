/**
 * Brings a database up to date before serving: migrations, then the seed. On PostgreSQL several
 * app processes may start at once, so this runs under an advisory lock: one migrates and seeds,
 * the others wait and then find nothing to do.
 */
import { Client } from 'pg';
import type { Config } from './config';
import type { Database } from './db';
import { migrateToLatest } from '../models/migrations';
import { seedDatabase, SeedReport } from '../seeds';

// Any constant shared by all processes of this app: "rollout-forum bootstrap".
const BOOTSTRAP_LOCK_ID = 7_406_311_002;

async function withBootstrapLock<T>(databaseUrl: string | null, fn: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return fn();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [BOOTSTRAP_LOCK_ID]);
    return await fn();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [BOOTSTRAP_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

export interface BootstrapReport {
  migrations: string[];
  seed: SeedReport | null;
}

export async function bootstrapDatabase(db: Database, config: Config): Promise<BootstrapReport> {
  return withBootstrapLock(config.databaseUrl, async () => {
    const migrations = await migrateToLatest(db.sequelize);
    const seed = config.seedOnStart ? await seedDatabase(db, { config }) : null;
    return { migrations, seed };
  });
}
