/** An app whose log lines are kept in memory, for tests that read what the forum logs. */
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { openDatabase } from '../../server/db';
import { createApp } from '../../server/app';
import { createLogger } from '../../server/observability/logger';
import { testConfig, TestForum } from './forum';
import { createTestDatabase } from './db';
import { seedDatabase } from '../../seeds';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface LoggedForum extends TestForum {
  /** Every line logged so far, raw (to search for leaks) and parsed. */
  raw: () => string;
  lines: () => LogLine[];
  /** Waits until a line matching the predicate has been logged (lines are written as responses finish). */
  lineWhere: (predicate: (line: LogLine) => boolean) => Promise<LogLine>;
  /** Another logged app on its own connection to this database, which a test may close. */
  withOwnConnection: () => Promise<{ app: Express; close: () => Promise<void>; lines: () => LogLine[] }>;
}

function captureLog() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine);
  return { stream, chunks, lines };
}

export async function createLoggedForum(): Promise<LoggedForum> {
  const database = await createTestDatabase();
  const config = testConfig({ logLevel: 'info' });
  await seedDatabase(database.db, { config });
  const { stream, chunks, lines } = captureLog();
  const app = createApp({ db: database.db, config, logger: createLogger(config, stream) });
  const lineWhere = async (predicate: (line: LogLine) => boolean) => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const found = lines().find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no such log line among:\n${chunks.join('')}`);
  };
  const withOwnConnection = async () => {
    const db = openDatabase({ databaseUrl: database.databaseUrl, sqlitePath: database.sqlitePath, logSql: false });
    const own = captureLog();
    return { app: createApp({ db, config, logger: createLogger(config, own.stream) }), close: () => db.close(), lines: own.lines };
  };
  return { ...database, app, config, raw: () => chunks.join(''), lines, lineWhere, withOwnConnection };
}
