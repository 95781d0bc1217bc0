/**
 * npm run backup [-- TARGET]: a consistent copy of the forum's database, safe to take while the
 * forum is in use. SQLite: VACUUM INTO, which writes one self-contained file from a single read
 * snapshot (copying forum.sqlite itself would miss what still sits in the -wal file, or catch a
 * write half-way). PostgreSQL: pg_dump --format=custom (one snapshot too), restored with
 * pg_restore. By default it writes backups/forum-<time>.sqlite (or .dump); README says how to
 * restore.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { loadConfig, projectRoot, type Config } from '../server/config';
import { openDatabase, type Database } from '../server/db';

export interface BackupResult {
  file: string;
  bytes: number;
  /** SQLite: the copy's own integrity check; PostgreSQL: pg_dump's exit status was 0. */
  check: string;
}

/** backups/forum-2026-01-31T09-30-00Z.sqlite (a time that sorts, and no colons for other systems). */
export function defaultBackupPath(dialect: Database['dialect'], now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return path.join(projectRoot(), 'backups', `forum-${stamp}.${dialect === 'sqlite' ? 'sqlite' : 'dump'}`);
}

function prepareTarget(target: string): void {
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose another name`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
}

/** Copies a live SQLite database (WAL mode) into one consistent file. */
export async function backupSqlite(db: Database, target: string): Promise<BackupResult> {
  if (db.dialect !== 'sqlite') throw new Error('backupSqlite needs a SQLite database');
  prepareTarget(target);
  await db.sequelize.query('VACUUM INTO :target', { replacements: { target } });
  return { file: target, bytes: fs.statSync(target).size, check: await sqliteIntegrity(target) };
}

/**
 * PRAGMA integrity_check on the copy. Opened read-write: FTS5's part of the check writes to its own
 * shadow tables (it fails on a read-only handle); the copy is fresh and nobody else uses it.
 */
function sqliteIntegrity(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const copy = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (openError) => {
      if (openError) {
        reject(openError);
        return;
      }
      copy.all('PRAGMA integrity_check', (error: Error | null, rows: Array<{ integrity_check: string }>) => {
        copy.close();
        if (error) reject(error);
        else resolve(rows.map((row) => row.integrity_check).join('; '));
      });
    });
  });
}

/** Runs a command and resolves with its standard error, or rejects when it fails. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new Error(`${command} was not found: install the PostgreSQL client tools`) : error));
    child.once('exit', (code) => (code === 0 ? resolve(stderr) : reject(new Error(`${command} failed (${code}): ${stderr.trim()}`))));
  });
}

/** pg_dump in its custom format, which pg_restore reads (and can restore selectively). */
export async function backupPostgres(databaseUrl: string, target: string): Promise<BackupResult> {
  prepareTarget(target);
  await run('pg_dump', ['--format=custom', '--no-owner', '--file', target, databaseUrl]);
  return { file: target, bytes: fs.statSync(target).size, check: 'pg_dump completed' };
}

/** Restores a pg_dump file into an existing, empty database (used by the tests; README shows the command). */
export async function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  await run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', databaseUrl, file]);
}

export async function backup(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>, target?: string): Promise<BackupResult> {
  if (config.databaseUrl) return backupPostgres(config.databaseUrl, target ?? defaultBackupPath('postgres'));
  // Opening a path that does not exist would create an empty database and back that up.
  if (!fs.existsSync(config.sqlitePath)) throw new Error(`There is no database at ${config.sqlitePath}`);
  const db = openDatabase({ ...config, logSql: false });
  try {
    return await backupSqlite(db, target ?? defaultBackupPath('sqlite'));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const target = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const result = await backup(loadConfig(), target);
  const size = result.bytes >= 1_048_576 ? `${(result.bytes / 1_048_576).toFixed(1)} MB` : `${Math.ceil(result.bytes / 1024)} kB`;
  const shown = path.relative(process.cwd(), result.file);
  console.log(`Backup written: ${shown.startsWith('..') ? result.file : shown} (${size}; ${result.check})`);
  if (result.check !== 'ok' && result.check !== 'pg_dump completed') process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}
