/** Seeding: the rollout thread as data, and a second run that adds nothing. */
import rollout from '../../seeds/data/rollout.json';
import { seedDatabase } from '../../seeds';
import { createTestDatabase, TestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/forum';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

async function counts() {
  const { Member, Board, Thread, Post, EtaNote } = database.db.models;
  return {
    members: await Member.count(),
    boards: await Board.count(),
    threads: await Thread.count(),
    posts: await Post.count(),
    etaNotes: await EtaNote.count(),
  };
}

it('seeds boards, members, the ten-post thread, its official answer and the ETA note', async () => {
  const now = new Date('2026-11-26T10:00:00Z');
  const report = await seedDatabase(database.db, { now, config: testConfig() });
  expect(report).toEqual({ boardsCreated: 3, membersCreated: 8, threadsCreated: 1 });
  expect(await counts()).toEqual({ members: 8, boards: 3, threads: 1, posts: 10, etaNotes: 1 });

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

it('adds nothing when run again', async () => {
  const before = await counts();
  const report = await seedDatabase(database.db, { config: testConfig() });
  expect(report).toEqual({ boardsCreated: 0, membersCreated: 0, threadsCreated: 0 });
  expect(await counts()).toEqual(before);
});
