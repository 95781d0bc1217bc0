/**
 * The rollout dashboard's figures are kept DASHBOARD_CACHE_SECONDS per range and board
 * (services/questions/dashboardCache.ts): a view within that time shows the figures computed
 * before, and says when they were computed; another range or board is computed on its own;
 * views of one range at once compute it once; with 0 (tests' default) every view computes.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread, startThread } from '../../server/services/posting';
import { createDashboardCache } from '../../server/services/questions/dashboardCache';
import { createTestForum, html, makeBoard, TestForum } from '../helpers/forum';
import { signIn } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
let threadId: number;
let askerId: number;
let boardId: number;
const day = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  forum = await createTestForum({ config: { dashboardCacheSeconds: 60 } });
  askerId = (await forum.db.models.Member.findOne({ where: { username: 'MsS' } }))!.id;
  const board = await makeBoard(forum.db, 'cache-board');
  boardId = board.id;
  const { thread } = await startThread(forum.db, { boardId, authorId: askerId, title: 'Cache thread', source: 'First question?', at: new Date(), notify: false, asksTeam: true });
  threadId = thread.id;
});
afterAll(() => forum.destroy());

const asked = (text: string) => Number(html(text)('[data-figure="asked"]').text());

it('shows the figures computed within the last DASHBOARD_CACHE_SECONDS, and says when', async () => {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const url = `/staff/dashboard?board=${boardId}`;
  const first = await avery.get(url).expect(200);
  expect(asked(first.text)).toBe(1);
  const when = html(first.text)('.dashboard-computed time').attr('datetime');
  expect(html(first.text)('.dashboard-computed').text()).toMatch(/computed again at most every 60 seconds/);

  await replyToThread(forum.db, { threadId, authorId: askerId, source: 'Another question?', at: new Date(), notify: false, asksTeam: true });
  const again = await avery.get(url).expect(200);
  expect(asked(again.text)).toBe(1);
  expect(html(again.text)('.dashboard-computed time').attr('datetime')).toBe(when);

  // Another range of the same board is its own entry, computed now.
  const today = new Date();
  const other = await avery.get(`/staff/dashboard?board=${boardId}&from=${day(new Date(today.getTime() - 2 * 86_400_000))}&to=${day(today)}`).expect(200);
  expect(asked(other.text)).toBe(2);
});

it('computes a range viewed several times at once only once', async () => {
  const dashboardOf = createDashboardCache(forum.db, 60);
  const now = new Date();
  const range = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000), boardId };
  let statements = 0;
  const stop = forum.db.observeQueries(() => { statements += 1; });
  try {
    await dashboardOf(range, now);
    const once = statements;
    statements = 0;
    const fresh = createDashboardCache(forum.db, 60);
    const all = await Promise.all([fresh(range, now), fresh(range, now), fresh(range, now)]);
    expect(statements).toBe(once);
    expect(all[1]).toBe(all[0]);
    expect(all[0].figures.questions.asked).toBe(2);
  } finally {
    stop();
  }
});

it('computes every view when the cache is off', async () => {
  const dashboardOf = createDashboardCache(forum.db, 0);
  const now = new Date();
  const range = { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000), boardId };
  expect((await dashboardOf(range, now)).figures.questions.asked).toBe(2);
  await replyToThread(forum.db, { threadId, authorId: askerId, source: 'A third question?', at: new Date(), notify: false, asksTeam: true });
  expect((await dashboardOf(range, new Date())).figures.questions.asked).toBe(3);
});
