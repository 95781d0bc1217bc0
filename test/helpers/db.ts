/**
 * A fresh, migrated database for each test file: a new SQLite file by default, or a new
 * PostgreSQL database on the server named by DATABASE_URL (dropped again afterwards).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { Database, openDatabase } from '../../server/db';
import { migrateToLatest } from '../../models/migrations';

export interface TestDatabase {
  db: Database;
  /** The config that opens this same database again (e.g. from another process). */
  databaseUrl: string | null;
  sqlitePath: string;
  destroy(): Promise<void>;
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

function uniqueName(): string {
  return `forum_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

async function withAdminClient<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(serverUrl: string, migrate: boolean): Promise<TestDatabase> {
  const name = uniqueName();
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const db = openDatabase({ databaseUrl, sqlitePath: '', logSql: false });
  if (migrate) await migrateToLatest(db.sequelize);
  return {
    db,
    databaseUrl,
    sqlitePath: '',
    async destroy() {
      await db.close();
      await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function createSqliteDatabase(migrate: boolean): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-test-'));
  const sqlitePath = path.join(dir, 'forum.sqlite');
  const db = openDatabase({ databaseUrl: null, sqlitePath, logSql: false });
  if (migrate) await migrateToLatest(db.sequelize);
  return {
    db,
    databaseUrl: null,
    sqlitePath,
    async destroy() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database; `migrate: false` leaves it empty (for tests of start-up itself). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  return serverUrl ? createPostgresDatabase(serverUrl, migrate) : createSqliteDatabase(migrate);
}
