/** Seeding: the rollout thread and the badge records as data, and a second run that adds nothing. */
import rollout from '../../seeds/data/rollout.json';
import { seedDatabase } from '../../seeds';
import { createTestDatabase, TestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/forum';
import { Op } from 'sequelize';
import { currentPolicy } from '../../server/services/badges/policy';
import { statusInputOf } from '../../server/services/badges/records';
import { badgeStatus } from '../../server/services/badges/status';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

async function counts() {
  const { Member, Board, Thread, Post, EtaNote, VerificationRecord, VerificationEvent } = database.db.models;
  return {
    members: await Member.count(),
    boards: await Board.count(),
    threads: await Thread.count(),
    posts: await Post.count(),
    etaNotes: await EtaNote.count(),
    verificationRecords: await VerificationRecord.count(),
    verificationEvents: await VerificationEvent.count(),
  };
}

it('seeds boards, members, the ten-post thread, its official answer and the ETA note', async () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const report = await seedDatabase(database.db, { now, config: testConfig() });
  expect(report).toEqual({ boardsCreated: 3, membersCreated: 8, threadsCreated: 1, badgeRecordsCreated: 4 });
  expect(await counts()).toEqual({ members: 8, boards: 3, threads: 1, posts: 10, etaNotes: 1, verificationRecords: 4, verificationEvents: 11 });

  const { Thread, Post, Member, EtaNote } = database.db.models;
  const thread = await Thread.findOne({ where: { title: rollout.thread.title } });
  expect(thread!.postCount).toBe(10);
  expect(thread!.lastPostNumber).toBe(10);
  const posts = await Post.findAll({ where: { threadId: thread!.id }, order: [['number', 'ASC']] });
  expect(posts.map((post) => post.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(posts.map((post) => post.source)).toEqual(rollout.thread.posts.map((post) => post.source));
  expect(thread!.officialPostId).toBe(posts[0].id);

  // Post times are spread over the days before seeding, in order.
  const times = posts.map((post) => post.createdAt.getTime());
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  expect(times[0]).toBeLessThan(now.getTime() - 3 * 24 * 3_600_000);
  expect(times[9]).toBeLessThan(now.getTime());

  const note = await EtaNote.findOne({ include: [{ model: Member, as: 'author' }] });
  expect(note!.postId).toBe(posts[5].id);
  expect(note!.author!.displayName).toBe('Avery O');
  expect(note!.source).toMatch(/^Hi Rafeh, the team has confirmed/);
  expect(posts[5].source).not.toContain('ETA');

  const lena = await Member.findOne({ where: { usernameKey: 'lenae' } });
  expect(lena!.postCount).toBe(1);
  expect(lena!.role).toBe('manager');
});

it('seeds the verification records of ROLLOUT_RULES.md, with their statuses; staff have none', async () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const { Member, VerificationRecord } = database.db.models;
  const policy = await currentPolicy(database.db);
  const statusOf = async (username: string) => {
    const member = await Member.findOne({ where: { usernameKey: username.toLowerCase() } });
    const record = await VerificationRecord.findOne({ where: { memberId: member!.id } });
    return badgeStatus(statusInputOf(record), policy, now);
  };
  const rafeh = await statusOf('RafehG');
  expect(rafeh.code).toBe('under_review');
  expect(rafeh.window).toEqual({ startsAt: new Date('2026-11-26T11:00:00Z'), endsAt: new Date('2026-11-27T11:00:00Z') });
  const marija = await statusOf('MarijaJ');
  expect(marija.code).toBe('waiting_for_invitation');
  expect(marija.explanation).toContain('legacy Elance verification');
  expect(marija.explanation).toContain('will not count');
  const msS = await statusOf('MsS');
  expect(msS.code).toBe('in_progress');
  expect(msS.nextStep).toBe('Complete the webcam verification (video call).');
  expect((await statusOf('WendyC')).code).toBe('invited');
  for (const staff of ['LenaE', 'VladimirG', 'AveryO', 'GoranV']) expect((await statusOf(staff)).code).toBe('no_record');
  expect(await Member.count({ where: { identityVerifiedAt: { [Op.ne]: null } } })).toBe(0);
});

it('adds nothing when run again', async () => {
  const before = await counts();
  const report = await seedDatabase(database.db, { config: testConfig() });
  expect(report).toEqual({ boardsCreated: 0, membersCreated: 0, threadsCreated: 0, badgeRecordsCreated: 0 });
  expect(await counts()).toEqual(before);
});
