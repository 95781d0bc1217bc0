/** A Community Manager marks, replaces and removes a thread's official answer; nobody else can. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

it('lets Lena E replace the official answer: the box shows the new one, the old post says "Superseded"', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const page = html((await lena.get(threadPath).expect(200)).text);
  expect(page('#p8 form[action$="/official"] button').text()).toBe('Mark as official answer');

  const res = await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: '8' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${threadPath}/8#p8`);

  const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
  const box = $('.official-answer');
  expect(box.find('.author-name').text()).toBe('Vladimir G');
  expect(box.find('a.official-answer__link').text()).toBe('Go to post 8');
  expect($('#p8 .tag--answered').text()).toBe('Official answer');
  expect($('#p1 .tag--answered')).toHaveLength(0);
  expect($('#p1 .post__header').text()).toContain('Superseded by post 8');
  expect($('#p1 .post__header a[href$="/8#p8"]')).toHaveLength(1);

  const board = html((await request(forum.app).get('/b/announcements').expect(200)).text);
  expect(board('.thread-row .tag--answered')).toHaveLength(1);

  const log = await forum.db.models.ModerationLogEntry.findOne({ where: { action: 'answer.replace' } });
  expect(JSON.parse(log!.details)).toEqual({ fromPostNumber: 1, toPostNumber: 8 });
});

it('refuses a moderator, and shows moderators no such control', async () => {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect(html((await avery.get(threadPath).expect(200)).text)('form[action$="/official"]')).toHaveLength(0);
  const res = await submitForm(avery, threadPath, `/t/${threadId}/official`, { postNumber: '6' });
  expect(res.status).toBe(403);
  const thread = await forum.db.models.Thread.findByPk(threadId);
  const official = await forum.db.models.Post.findByPk(thread!.officialPostId!);
  expect(official!.number).toBe(8);
});

it('removes the official answer, on the log; the thread loses its mark', async () => {
  const vladimir = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
  const res = await submitForm(vladimir, threadPath, `/t/${threadId}/official/remove`, {});
  expect(res.status).toBe(303);
  const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
  expect($('.official-answer')).toHaveLength(0);
  expect($('.tag--answered')).toHaveLength(0);
  expect(await forum.db.models.ModerationLogEntry.count({ where: { action: 'answer.unmark' } })).toBe(1);
});

it('rejects a post number that is not in the thread', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: '99' }).then((res) => expect(res.status).toBe(404));
  await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: 'x' }).then((res) => expect(res.status).toBe(422));
});
