/** Following and notifications: replies, ETA changes, mentions, quotes, official answers; unread counts. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const unread = async (agent: Agent) => {
  const $ = html((await agent.get('/').expect(200)).text);
  return $('.unread-count').length ? Number($('.unread-count').text()) : 0;
};

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

it('tells Rafeh G about Avery O\'s reply, her ETA and its change: 3 unread, listed, then cleared', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  // Rafeh follows the thread because he posted in it (seeding posts through the same service).
  expect(html((await rafeh.get(threadPath).expect(200)).text)('form[action$="/unfollow"] button').text()).toBe('Unfollow');
  expect(await unread(rafeh)).toBe(0);

  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'Rafeh, the team is on it.', intent: 'post' });
  const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
  const postId = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
  await submitForm(avery, threadPath, `/posts/${postId}/eta`, { text: 'Expect it soon.', window: '24-48 hours' }).then((res) => expect(res.status).toBe(303));
  await submitForm(avery, threadPath, `/posts/${postId}/eta`, { text: 'A little longer.', window: '72 hours' }).then((res) => expect(res.status).toBe(303));

  expect(await unread(rafeh)).toBe(3);
  const page = html((await rafeh.get('/notifications').expect(200)).text);
  const group = page('.notification-group');
  expect(group).toHaveLength(1);
  expect(group.find('.notification-group__title').text()).toBe(rollout.thread.title);
  expect(group.find('.notification__open').map((_, e) => text(page(e).text())).get()).toEqual([
    'ETA changed: within 72 hours (was 24-48 hours)',
    'ETA added by Avery O (Moderator): within 24-48 hours',
    `Avery O (Moderator) replied (post ${number})`,
  ]);

  // Opening one marks it read and lands on its post; the other two are about the same post
  // (its ETA), so they are read with it.
  const firstId = page('.notification form').first().attr('action')!;
  const opened = await submitForm(rafeh, '/notifications', firstId, {});
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe(`${threadPath}/${number}#p${number}`);
  expect(await unread(rafeh)).toBe(0);

  const cleared = await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  expect(cleared.status).toBe(303);
  expect(await unread(rafeh)).toBe(0);
  expect(html((await rafeh.get('/notifications').expect(200)).text)('.notification--unread')).toHaveLength(0);
});

it('notifies a mentioned member once, and makes them follow the thread', async () => {
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  await submitForm(msS, '/notifications', '/notifications/read-all', {});
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  await submitForm(goran, threadPath, `/t/${threadId}/replies`, { body: '@MsS the video call is optional.', intent: 'post' });
  const page = html((await msS.get('/notifications').expect(200)).text);
  const unreadItems = page('.notification--unread');
  expect(unreadItems).toHaveLength(1);
  expect(unreadItems.attr('data-kind')).toBe('mention');
  expect(text(unreadItems.find('.notification__open').text())).toMatch(/^Goran V \(Moderator\) mentioned you/);
});

it('notifies the author of a quoted post', async () => {
  const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  await submitForm(wendy, '/notifications', '/notifications/read-all', {});
  // Wendy unfollows, so only the quote can reach her.
  await submitForm(wendy, threadPath, `/t/${threadId}/unfollow`, {});
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const form = html((await marija.get(`/t/${threadId}/replies/new?quote=2`).expect(200)).text);
  await submitForm(marija, `/t/${threadId}/replies/new?quote=2`, `/t/${threadId}/replies`, { body: `${form('#field-body').text()}I agree.`, intent: 'post' });
  const page = html((await wendy.get('/notifications').expect(200)).text);
  expect(page('.notification--unread').map((_, e) => page(e).attr('data-kind')).get()).toEqual(['quote']);
});

it('notifies followers when an official answer is marked', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: '8' });
  const page = html((await rafeh.get('/notifications').expect(200)).text);
  expect(text(page('.notification--unread .notification__open').text())).toBe('Lena E (Community Manager) marked post 8 as the official answer');
});

it('never shows a notification about a post that was hidden to those who may not see it', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const posted = await submitForm(marija, threadPath, `/t/${threadId}/replies`, { body: 'Something regrettable', intent: 'post' });
  expect(await unread(rafeh)).toBe(1);
  const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
  const post = await forum.db.models.Post.findOne({ where: { threadId, number } });
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  await submitForm(goran, threadPath, `/posts/${post!.id}/hide`, { reason: 'Off topic' });
  expect(await unread(rafeh)).toBe(0);
  expect(html((await rafeh.get('/notifications').expect(200)).text).text()).not.toContain(`post ${number})`);
});

it('lets members follow a board and hear of new threads in it', async () => {
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  await submitForm(msS, '/notifications', '/notifications/read-all', {});
  expect((await submitForm(msS, '/b/general', '/b/general/follow', {})).status).toBe(303);
  expect(html((await msS.get('/b/general').expect(200)).text)('form[action="/b/general/unfollow"]')).toHaveLength(1);
  const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  await submitForm(wendy, '/b/general', '/b/general/threads', { title: 'Tips for the video call', body: 'Good light helps.', intent: 'post' });
  const page = html((await msS.get('/notifications').expect(200)).text);
  expect(page('.notification--unread').attr('data-kind')).toBe('thread');
  expect(page('.notification-group__title').first().text()).toBe('Tips for the video call');
});

it('fans out to many followers in one statement, each getting exactly one notification', async () => {
  const { db } = forum;
  const thread = await db.models.Thread.findByPk(threadId);
  const memberIds: number[] = [];
  for (let i = 0; i < 300; i += 1) {
    const member = await db.models.Member.create({ username: `fan${i}`, usernameKey: `fan${i}`, displayName: `Fan ${i}`, rankTitle: null, memberSince: '2024-01-01' });
    memberIds.push(member.id);
  }
  await db.sequelize.query(
    `INSERT INTO thread_follows (member_id, thread_id, created_at) SELECT id, ${thread!.id}, created_at FROM members WHERE username_key LIKE 'fan%'`,
  );
  const queries: string[] = [];
  const before = await db.models.Notification.count();
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const token = html((await goran.get(threadPath).expect(200)).text)('.reply-box input[name=_csrf]').attr('value')!;
  const stopObserving = db.observeQueries((sql) => queries.push(sql));
  try {
    await goran.post(`/t/${threadId}/replies`).type('form').send({ _csrf: token, body: 'News for everyone', intent: 'post' }).expect(303);
  } finally {
    stopObserving();
  }
  expect(queries.filter((sql) => /INSERT INTO .?notifications/i.test(sql))).toHaveLength(1);
  const after = await db.models.Notification.count();
  expect(after - before).toBeGreaterThanOrEqual(300);
  expect(await db.models.Notification.count({ where: { memberId: memberIds[150] } })).toBe(1);
});

it('refuses following and notifications to visitors', async () => {
  const res = await request(forum.app).get('/notifications');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/signin?next=%2Fnotifications');
});

it('never lets a member open someone else\'s notification', async () => {
  const rafehNotification = await forum.db.models.Notification.findOne({
    where: { memberId: (await forum.db.models.Member.findOne({ where: { usernameKey: 'rafehg' } }))!.id },
  });
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const res = await submitForm(marija, '/notifications', `/notifications/${rafehNotification!.id}/open`, {});
  expect(res.status).toBe(404);
});
