/**
 * The "Cite in a reply" thread list on a member's badge-status page: a title search (?q=, a plain
 * GET form) narrows it, the threads the member posted in come first, hidden threads are never
 * offered, LIKE wildcards in the query are literal, and titles are escaped.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { startThread } from '../../server/services/posting';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

let forum: TestForum;
let avery: Agent;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const { Board, Member } = forum.db.models;
  const board = (await Board.findOne({ where: { slug: 'general' } }))!;
  const lena = (await Member.findOne({ where: { username: 'LenaE' } }))!;
  const wendy = (await Member.findOne({ where: { username: 'WendyC' } }))!;
  const start = (authorId: number, title: string) => startThread(forum.db, { boardId: board.id, authorId, title, source: 'Body text' });
  await start(lena.id, 'Lena asks about zebra badges');
  await start(wendy.id, 'Wendy wonders about zebra timing');
  await start(wendy.id, 'Unrelated gardening chat');
  await start(wendy.id, '100% sure about <b>zebra</b> cards');
  const hidden = await start(wendy.id, 'Secret zebra thread');
  await forum.db.models.Thread.update({ hiddenAt: new Date() }, { where: { id: hidden.thread.id } });
}, 60_000);
afterAll(() => forum.destroy());

const options = (page: ReturnType<typeof html>, group: string) =>
  page(`#cite-thread optgroup[label^="${group}"] option`).map((_, el) => page(el).text()).get();

it('a search narrows the list, the member\'s threads first, keeping the query in the form', async () => {
  const page = html((await avery.get('/staff/badges/LenaE?q=zebra').expect(200)).text);
  expect(options(page, 'Threads')).toEqual(['Lena asks about zebra badges']);
  expect(options(page, 'Latest')).toEqual(['100% sure about <b>zebra</b> cards', 'Wendy wonders about zebra timing']);
  expect(page('#cite-q').attr('value')).toBe('zebra');
  expect(page('form.badge-cite input[name=q]').attr('value')).toBe('zebra');
  // Words in order, anywhere in the title.
  expect(options(html((await avery.get('/staff/badges/LenaE?q=wendy+timing').expect(200)).text), 'Latest'))
    .toEqual(['Wendy wonders about zebra timing']);
});

it('never offers a hidden thread, with or without a search', async () => {
  for (const path of ['/staff/badges/LenaE', '/staff/badges/LenaE?q=secret']) {
    const body = (await avery.get(path).expect(200)).text;
    expect(body).not.toContain('Secret zebra thread');
  }
});

it('a % or _ in the query matches itself, not everything', async () => {
  const percent = html((await avery.get('/staff/badges/LenaE?q=%25').expect(200)).text);
  expect([...options(percent, 'Threads'), ...options(percent, 'Latest')]).toEqual(['100% sure about <b>zebra</b> cards']);
  const underscore = html((await avery.get('/staff/badges/LenaE?q=_').expect(200)).text);
  expect(underscore('#cite-thread option')).toHaveLength(0);
  expect(underscore('.badge-cite-search + .empty').text()).toContain('No thread title contains');
});

it('escapes titles and the query', async () => {
  const body = (await avery.get('/staff/badges/LenaE?q=%3Cb%3Ezebra').expect(200)).text;
  expect(body).not.toContain('<b>zebra</b>');
  expect(body).toContain('&lt;b&gt;zebra&lt;/b&gt; cards');
});

it('a member who is not staff gets no page at all', async () => {
  await (await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD)).get('/staff/badges/LenaE?q=zebra').expect(403);
});
