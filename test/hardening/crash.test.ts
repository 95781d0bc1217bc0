/**
 * A short crash test (the full one is `npm run test:crash`): the built server is killed with
 * SIGKILL three times at random moments while members post; every acknowledged post survives
 * byte for byte, the database is intact and every counter matches the posts. Runs on SQLite, or
 * on PostgreSQL when DATABASE_URL is set.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../server/config';
import { describeReport, runCrashTest } from '../../scripts/crashHarness';
import { createTestDatabase, TestDatabase } from '../helpers/db';

let database: TestDatabase;

beforeAll(async () => {
  // The test runs the real server process, as deployed: compiled to dist/.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(projectRoot(), 'tsconfig.build.json')], { stdio: 'pipe' });
  database = await createTestDatabase();
}, 120_000);
afterAll(() => database.destroy());

it('keeps every acknowledged post, an intact database and true counters through three SIGKILLs', async () => {
  const report = await runCrashTest({
    database: { databaseUrl: database.databaseUrl, sqlitePath: database.sqlitePath },
    kills: 3,
    writers: 4,
    // Long enough lives that a loaded CI machine still signs in and posts between kills.
    lifeMs: [800, 2_000],
  });
  const summary = describeReport(report);
  expect(report.acknowledged).toBeGreaterThan(20);
  expect({ lost: report.lost, counterDrift: report.counterDrift, unexpected: report.unexpected, summary }).toEqual({ lost: [], counterDrift: [], unexpected: [], summary });
  expect(['ok', 'not applicable']).toContain(report.integrity);
  expect(report.ok).toBe(true);
}, 120_000);
