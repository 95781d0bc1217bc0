/** "Cite in a reply" offers the threads the cited member posted in first, never a hidden thread. */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { startThread } from '../../server/services/posting';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { signIn } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
}, 60_000);
afterAll(() => forum.destroy());

it('lists the threads Rafeh posted in first, then the latest others, and no hidden thread', async () => {
  const board = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
  const rafeh = (await forum.db.models.Member.findOne({ where: { username: 'RafehG' } }))!;
  const lena = (await forum.db.models.Member.findOne({ where: { username: 'LenaE' } }))!;
  const { thread: newer } = await startThread(forum.db, { boardId: board.id, authorId: lena.id, title: 'A newer thread by Lena', source: 'Hello' });
  const { thread: hidden } = await startThread(forum.db, { boardId: board.id, authorId: rafeh.id, title: 'A hidden thread by Rafeh', source: 'Hello' });
  await hidden.update({ hiddenAt: new Date() });

  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const page = html((await avery.get('/staff/badges/RafehG').expect(200)).text);
  const groups = page('#cite-thread optgroup');
  expect(groups.first().attr('label')).toBe('Threads Rafeh G posted in');
  expect(groups.first().find('option').map((_, e) => page(e).text()).get()).toEqual([rollout.thread.title]);
  expect(groups.eq(1).find('option').first().text()).toBe(newer.title);
  expect(page('#cite-thread option').map((_, e) => page(e).text()).get()).not.toContain(hidden.title);
}, 60_000);
