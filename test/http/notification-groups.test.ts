/**
 * Calmer notifications: replies in one thread are one row ("3 new replies") until read; opening a
 * row marks all of it read, and opening one notification marks the others about the same post;
 * a member hears when their badge is awarded. Hidden posts stay out of every row.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadId: number;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
}, 60_000);
afterAll(() => forum.destroy());

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

async function rows(agent: Agent): Promise<Array<{ text: string; unread: boolean; action: string; kind: string }>> {
  const page = html((await agent.get('/notifications').expect(200)).text);
  return page('.notification').toArray().map((item) => ({
    text: text(page(item).find('.notification__open').text()),
    unread: page(item).hasClass('notification--unread'),
    action: page(item).find('form').attr('action')!,
    kind: page(item).attr('data-kind')!,
  }));
}

async function reply(agent: Agent, body: string): Promise<number> {
  const res = await submitForm(agent, threadPath, `/t/${threadId}/replies`, { body, intent: 'post' });
  expect(res.status).toBe(303);
  return Number(/\/(\d+)#/.exec(res.headers.location)![1]);
}

it('three replies in a followed thread are one row, opened at the first; opening it reads all three', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  const vladimir = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
  const first = await reply(vladimir, 'First of three.');
  await reply(vladimir, 'Second of three.');
  const last = await reply(vladimir, 'Third of three.');

  const unread = (await rows(rafeh)).filter((row) => row.unread);
  expect(unread).toEqual([expect.objectContaining({ kind: 'reply', text: `3 new replies (posts ${first}–${last})` })]);
  const page = html((await rafeh.get('/notifications')).text);
  const form = page('.notification--unread form');
  const opened = await rafeh.post(form.attr('action')!).type('form').send({
    _csrf: form.find('input[name=_csrf]').attr('value'),
    through: form.find('input[name=through]').attr('value'),
  });
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe(`${threadPath}/${first}#p${first}`);
  expect((await rows(rafeh)).filter((row) => row.unread)).toEqual([]);
}, 60_000);

it('a "through" beyond the row cannot reach another thread or kind', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  const vladimir = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
  await reply(vladimir, 'A reply for Rafeh.');
  await reply(vladimir, '@RafehG a mention for Rafeh.');
  const unread = (await rows(rafeh)).filter((row) => row.unread);
  expect(unread.map((row) => row.kind).sort()).toEqual(['mention', 'reply']);
  const replyRow = unread.find((row) => row.kind === 'reply')!;
  await submitForm(rafeh, '/notifications', replyRow.action, { through: '2000000000' }).then((res) => expect(res.status).toBe(303));
  expect((await rows(rafeh)).filter((row) => row.unread).map((row) => row.kind)).toEqual(['mention']);
}, 60_000);

it('opening the ETA news of a post marks the reply notification about the same post read', async () => {
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  await submitForm(goran, threadPath, `/t/${threadId}/follow`, {});
  await submitForm(goran, '/notifications', '/notifications/read-all', {});
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const number = await reply(avery, 'The team is on it.');
  const postId = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
  await submitForm(avery, threadPath, `/posts/${postId}/eta`, { text: 'Expect it soon.', window: '24-48 hours' }).then((res) => expect(res.status).toBe(303));
  const unread = (await rows(goran)).filter((row) => row.unread);
  expect(unread.map((row) => row.kind).sort()).toEqual(['eta', 'reply']);
  await submitForm(goran, '/notifications', unread.find((row) => row.kind === 'eta')!.action, {});
  expect((await rows(goran)).filter((row) => row.unread)).toEqual([]);
}, 60_000);

it('a hidden reply drops out of the row for a member who may not see it', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  const vladimir = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
  const shown = await reply(vladimir, 'This one stays.');
  const hidden = await reply(vladimir, 'This one is hidden.');
  await forum.db.models.Post.update({ hiddenAt: new Date() }, { where: { threadId, number: hidden } });
  expect((await rows(rafeh)).filter((row) => row.unread).map((row) => row.text)).toEqual([`Vladimir G (Community Manager) replied (post ${shown})`]);
}, 60_000);

it('tells a member their badge was awarded, and opening it leads to their badge', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  expect((await submitForm(lena, '/staff/badges/MsS', '/staff/badges/MsS/award', { outcome: 'award', reason: 'Verified by phone with the team' })).status).toBe(303);
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const page = html((await msS.get('/notifications').expect(200)).text);
  expect(page('.notification-group__title').first().text()).toBe('Your account');
  const badge = (await rows(msS)).find((row) => row.kind === 'badge')!;
  expect(badge).toEqual(expect.objectContaining({ text: 'Your Identity Verified badge was awarded', unread: true }));
  const opened = await submitForm(msS, '/notifications', badge.action, {});
  expect(opened.headers.location).toBe('/badge');
  // A revocation tells nobody of an award.
  await submitForm(lena, '/staff/badges/MsS', '/staff/badges/MsS/award', { outcome: 'revoke', reason: 'Wrong member' });
  expect((await rows(msS)).filter((row) => row.kind === 'badge')).toHaveLength(1);
}, 60_000);
