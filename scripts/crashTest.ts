/**
 * npm run test:crash [-- KILLS]: posts concurrently to the built server and kills it with SIGKILL
 * at random moments (20 times by default), then checks that every acknowledged post survived byte
 * for byte, the database is intact and every counter matches the posts. Runs on a new SQLite file
 * in the temp folder, or on a new PostgreSQL database (dropped afterwards) when DATABASE_URL is set.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { describeReport, runCrashTest } from './crashHarness';
import type { ServerDatabase } from './serverProcess';

async function withServer<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the PostgreSQL server that serverUrl names (the forum migrates it). */
async function scratchPostgres(serverUrl: string): Promise<{ database: ServerDatabase; drop(): Promise<void> }> {
  const name = `forum_crash_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    database: { databaseUrl: url.toString(), sqlitePath: '' },
    drop: () => withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function main(): Promise<void> {
  const kills = Number(process.argv[2] ?? 20);
  if (!Number.isInteger(kills) || kills < 1) throw new Error('Usage: npm run test:crash [-- KILLS]');
  const serverUrl = process.env.DATABASE_URL;
  const scratchDir = serverUrl ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'forum-crash-'));
  const postgres = serverUrl ? await scratchPostgres(serverUrl) : null;
  const database: ServerDatabase = postgres?.database ?? { databaseUrl: null, sqlitePath: path.join(scratchDir!, 'forum.sqlite') };
  console.log(`Crash test: ${kills} kills on ${postgres ? 'a new PostgreSQL database' : database.sqlitePath}`);

  const started = Date.now();
  const report = await runCrashTest({ database, kills, lifeMs: [500, 3_000], writers: 8, log: (line) => console.log(line) });
  console.log(describeReport(report));
  console.log(`${report.ok ? 'PASSED' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);

  if (postgres) await postgres.drop();
  // A failed run keeps its SQLite file for a closer look.
  if (scratchDir && report.ok) fs.rmSync(scratchDir, { recursive: true, force: true });
  else if (scratchDir) console.log(`The database is kept at ${database.sqlitePath}`);
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
