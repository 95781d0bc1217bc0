/**
 * Importing verification data from CSV: events or whole records, every rejected row reported with
 * its line and reason, a second import changing nothing; and the command itself, run once.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest } from '../../models/migrations';
import { seedDatabase } from '../../seeds';
import { openDatabase } from '../../server/db';
import { CsvFormatError, importVerificationCsv } from '../../server/services/badges/csvImport';
import { createTestDatabase, TestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/forum';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { config: testConfig() });
});
afterAll(() => database.destroy());

async function recordOf(username: string) {
  const member = await database.db.models.Member.findOne({ where: { usernameKey: username.toLowerCase() } });
  return database.db.models.VerificationRecord.findOne({ where: { memberId: member!.id } });
}

const EVENTS = [
  'event_id,member,type,occurred_at,step,method,tier',
  'imp-1,MsS,step.passed,2026-11-20T10:00:00Z,webcam,video_call,',
  'imp-2,Nobody,invited,2026-11-20T10:00:00Z,,,',
  '"imp-3","GoranV","tier.changed","2026-11-20T10:00:00Z",,,"top_rated"',
  'imp-4,GoranV,step.passed,2026-11-20T10:00:00Z,id,,',
  'imp-5,GoranV,launched,2026-11-20T10:00:00Z,,,',
  'imp-6,GoranV,invited,last tuesday,,,',
  'imp-7,GoranV,invited',
  'imp-8,"GoranV"x,invited,2026-11-20T10:00:00Z,,,',
  'imp-9,goranv,invited,2026-11-21T09:00:00+01:00,,,',
].join('\n');

describe('an events file', () => {
  it('applies the good rows and reports every rejected row with its line and reason', async () => {
    const progress: Array<[number, number]> = [];
    const report = await importVerificationCsv(database.db, EVENTS, { progressEvery: 4, onProgress: (done, total) => progress.push([done, total]) });
    expect(report).toMatchObject({ format: 'events', rows: 9, applied: 3, duplicates: 0 });
    expect(report.rejected).toEqual([
      { line: 3, reason: 'unknown member "Nobody"' },
      { line: 5, reason: 'method is required.' },
      { line: 6, reason: expect.stringMatching(/^type must be one of tier\.changed/) },
      { line: 7, reason: expect.stringMatching(/ISO 8601/) },
      { line: 8, reason: 'expected 7 fields, found 3' },
      { line: 9, reason: 'unexpected text after a closing quote' },
    ]);
    expect(progress).toEqual([[4, 9], [8, 9], [9, 9]]);
    expect(await recordOf('MsS')).toMatchObject({ webcamState: 'passed', webcamMethod: 'video_call' });
    const goran = await recordOf('GoranV');
    expect(goran).toMatchObject({ tier: 'top_rated' });
    expect(goran!.invitedAt).toEqual(new Date('2026-11-21T08:00:00Z'));
    expect(await database.db.models.VerificationEvent.count({ where: { source: 'import', eventId: ['imp-1', 'imp-3', 'imp-9'] } })).toBe(3);
  });

  it('changes nothing when imported again', async () => {
    const events = await database.db.models.VerificationEvent.count();
    const report = await importVerificationCsv(database.db, EVENTS);
    expect(report).toMatchObject({ applied: 0, duplicates: 3 });
    expect(report.rejected).toHaveLength(6);
    expect(await database.db.models.VerificationEvent.count()).toBe(events);
  });
});

describe('a records file', () => {
  const RECORDS = [
    'member,tier,invited_at,id_state,id_completed_at,id_method,webcam_state,webcam_completed_at,webcam_method,awarded_at',
    'VladimirG,top_rated,2026-11-01T09:00:00Z,passed,2026-11-02T09:00:00Z,government_id,passed,2026-11-03T09:00:00Z,video_call,2026-11-04T09:00:00Z',
    'LenaE,rising_talent,,not_started,,,not_started,,,',
    'AveryO,top_rated,,passed,,government_id,,,,',
    'AveryO,legend,,,,,,,,',
    ',top_rated,,,,,,,,',
  ].join('\r\n');

  it('sets whole records, the award and the mark with them, and rejects incomplete rows', async () => {
    const report = await importVerificationCsv(database.db, RECORDS);
    expect(report).toMatchObject({ format: 'records', rows: 5, applied: 2, duplicates: 0 });
    expect(report.rejected).toEqual([
      { line: 4, reason: 'id: a passed step needs its completion time.' },
      { line: 5, reason: 'tier must be one of top_rated, top_rated_plus, rising_talent, or empty.' },
      { line: 6, reason: 'member is required.' },
    ]);
    expect(await recordOf('VladimirG')).toMatchObject({ tier: 'top_rated', idState: 'passed', webcamMethod: 'video_call' });
    const vladimir = await database.db.models.Member.findOne({ where: { usernameKey: 'vladimirg' } });
    expect(vladimir!.identityVerifiedAt).toEqual(new Date('2026-11-04T09:00:00Z'));
    expect(await recordOf('LenaE')).toMatchObject({ tier: 'rising_talent', idState: 'not_started' });
    expect(await recordOf('AveryO')).toBeNull();

    expect(await importVerificationCsv(database.db, RECORDS)).toMatchObject({ applied: 0, duplicates: 2 });
  });

  it('refuses a file it cannot read at all', async () => {
    await expect(importVerificationCsv(database.db, '')).rejects.toThrow(CsvFormatError);
    await expect(importVerificationCsv(database.db, 'member,colour\nMsS,blue')).rejects.toThrow(/The header must name the events columns/);
    await expect(importVerificationCsv(database.db, 'event_id,member,type,occurred_at,mood\n')).rejects.toThrow('Unknown column "mood" for an events file');
  });
});

describe('the command', () => {
  it('imports a file into the configured SQLite database, printing progress and each rejected row; exits 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-import-'));
    const sqlitePath = path.join(dir, 'forum.sqlite');
    try {
      const db = openDatabase({ databaseUrl: null, sqlitePath, logSql: false });
      await migrateToLatest(db.sequelize);
      await seedDatabase(db, { config: testConfig() });
      await db.close();
      const csv = path.join(dir, 'events.csv');
      fs.writeFileSync(csv, 'event_id,member,type,occurred_at,step,method,tier\ncli-1,MsS,step.passed,2026-11-20T10:00:00Z,webcam,video_call,\ncli-2,Nobody,invited,2026-11-20T10:00:00Z,,,\n');

      const env = { ...process.env, DATABASE_URL: '', SQLITE_PATH: sqlitePath, NODE_ENV: 'test' };
      const run = spawnSync('npm', ['run', '--silent', 'verification:import', '--', csv], { cwd: path.resolve(__dirname, '../..'), env, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 1, stderr: 'Line 3: unknown member "Nobody"' });
      expect(run.stdout).toContain('Imported 2 of 2 rows…');
      expect(run.stdout).toContain('Done (events): 1 applied, 0 already imported, 1 rejected, of 2 rows.');

      const check = openDatabase({ databaseUrl: null, sqlitePath, logSql: false });
      try {
        expect(await check.models.VerificationEvent.count({ where: { eventId: 'cli-1', source: 'import' } })).toBe(1);
      } finally {
        await check.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
