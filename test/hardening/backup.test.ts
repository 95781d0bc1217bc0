/**
 * Backups taken while members are posting: the copy is consistent (integrity check, counters
 * equal to the posts), holds every post acknowledged before the backup started, and a forum
 * restored from it the way README describes serves the seeded thread. SQLite uses VACUUM INTO;
 * on PostgreSQL (DATABASE_URL set) pg_dump and pg_restore.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { openDatabase } from '../../server/db';
import { migrateToLatest } from '../../models/migrations';
import rollout from '../../seeds/data/rollout.json';
import { backup, backupPostgres, backupSqlite, defaultBackupPath, restorePostgres } from '../../scripts/backup';
import { checkConsistency, ExpectedPost } from '../../scripts/consistency';
import { postAddress } from '../../scripts/forumClient';
import { usingPostgres } from '../helpers/db';
import { createTestForum, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';

let forum: TestForum;
let scratch: string;
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-backup-'));
});
afterAll(async () => {
  await forum.destroy();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Members replying to the seeded thread until stopped, recording every acknowledged post. */
async function startWriters(threadId: number) {
  const acknowledged: ExpectedPost[] = [];
  let stopping = false;
  let failure: unknown = null;
  const writers = ['MsS', 'MarijaJ', 'WendyC'].map(async (username) => {
    const post = await formPoster(await signIn(forum.app, username, DEVELOPMENT_PASSWORD), '/settings');
    for (let sequence = 1; !stopping; sequence += 1) {
      const body = `Backup test ${username} ${sequence} — ünïcödé 🎉`;
      const res = await post(`/t/${threadId}/replies`, { body, intent: 'post' });
      if (res.status !== 303) throw new Error(`${username}'s reply ${sequence} answered ${res.status}`);
      acknowledged.push({ ...postAddress(res.headers.location)!, body, author: username });
    }
  }).map((writer) => writer.catch((error: unknown) => {
    failure = error;
  }));
  return {
    acknowledged,
    async until(count: number) {
      while (acknowledged.length < count && failure === null) await sleep(5);
      if (failure !== null) throw failure;
    },
    async stop() {
      stopping = true;
      await Promise.all(writers);
      if (failure !== null) throw failure;
    },
  };
}

/** A new, empty PostgreSQL database to restore into (and its removal). */
async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL!;
  const name = `forum_restore_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

it('takes a consistent backup while members post, and a forum restored from it serves the thread', async () => {
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  const writers = await startWriters(thread!.id);
  await writers.until(15);
  const acknowledgedBefore = [...writers.acknowledged];

  const target = path.join(scratch, usingPostgres ? 'forum.dump' : 'forum-backup.sqlite');
  const result = usingPostgres ? await backupPostgres(forum.databaseUrl!, target) : await backupSqlite(forum.db, target);
  // Writing went on during the backup and after it.
  await writers.until(acknowledgedBefore.length + 10);
  await writers.stop();
  expect(result.bytes).toBeGreaterThan(0);
  expect(result.check).toBe(usingPostgres ? 'pg_dump completed' : 'ok');

  // Restore as README says: SQLite, the backup file becomes the database file (no -wal or -shm
  // beside it); PostgreSQL, pg_restore into an empty database. Then start as the server does.
  let restoredConfig: { databaseUrl: string | null; sqlitePath: string };
  let dropRestored = async () => undefined as unknown;
  if (usingPostgres) {
    const empty = await emptyPostgresDatabase();
    await restorePostgres(target, empty.url);
    restoredConfig = { databaseUrl: empty.url, sqlitePath: '' };
    dropRestored = empty.drop;
  } else {
    const dataDir = path.join(scratch, 'data');
    fs.mkdirSync(dataDir);
    fs.copyFileSync(target, path.join(dataDir, 'forum.sqlite'));
    expect(fs.readdirSync(dataDir)).toEqual(['forum.sqlite']);
    restoredConfig = { databaseUrl: null, sqlitePath: path.join(dataDir, 'forum.sqlite') };
  }
  const restored = openDatabase({ ...restoredConfig, logSql: false });
  try {
    expect(await migrateToLatest(restored.sequelize)).toEqual([]);
    const consistency = await checkConsistency(restored, acknowledgedBefore);
    expect(consistency).toEqual({ integrity: usingPostgres ? 'not applicable' : 'ok', lost: [], counterDrift: [] });

    const app = createApp({ db: restored, config: forum.config });
    const page = await request(app).get(`/t/${thread!.id}/${thread!.slug}`).expect(200);
    expect(page.text).toContain(rollout.thread.title);
    const last = acknowledgedBefore[acknowledgedBefore.length - 1];
    const permalink = await request(app).get(`/t/${thread!.id}/${thread!.slug}/${last.number}`).expect(200);
    expect(permalink.text).toContain(`id="p${last.number}"`);
    // Restored members sign in with the passwords they had.
    await signIn(app, 'MsS', DEVELOPMENT_PASSWORD);
  } finally {
    await restored.close();
    await dropRestored();
  }
});

it('names backups by time under backups/, and never overwrites one', async () => {
  const file = defaultBackupPath('sqlite', new Date('2026-01-31T09:30:00.123Z'));
  expect(path.relative(process.cwd(), file)).toBe(path.join('backups', 'forum-2026-01-31T09-30-00Z.sqlite'));
  expect(defaultBackupPath('postgres', new Date('2026-01-31T09:30:00Z')).endsWith('forum-2026-01-31T09-30-00Z.dump')).toBe(true);
  const taken = path.join(scratch, 'taken.bak');
  fs.writeFileSync(taken, 'already here');
  await expect(backup({ databaseUrl: forum.databaseUrl, sqlitePath: forum.sqlitePath }, taken)).rejects.toThrow(/already exists/);
  expect(fs.readFileSync(taken, 'utf8')).toBe('already here');
});

it('refuses to back up a SQLite database that does not exist, rather than create an empty one', async () => {
  const missing = path.join(scratch, 'nowhere', 'forum.sqlite');
  await expect(backup({ databaseUrl: null, sqlitePath: missing }, path.join(scratch, 'x.sqlite'))).rejects.toThrow(/no database/);
  expect(fs.existsSync(missing)).toBe(false);
});
