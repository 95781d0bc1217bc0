/**
 * New members' first posts with links wait for a moderator: the author sees that it waits, the
 * thread's numbering stays gap-free (the post gets its number when approved), approving publishes
 * it as usual, rejecting tells the author why; two moderators at once decide once.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, formPoster, signIn, signInWithCookie, submitForm } from '../helpers/session';

let forum: TestForum;
let otherProcess: Express;
let threadId: number;
let threadPath: string;
let newcomer: Agent;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  otherProcess = createApp({ db: forum.db, config: forum.config });
  ({ threadId, threadPath } = await rolloutThread(forum));
  newcomer = request.agent(forum.app);
  const registered = await submitForm(newcomer, '/register', '/register', {
    username: 'NewcomerN', displayName: 'Newcomer N', email: 'newcomer@example.com', password: 'a-long-password', confirmPassword: 'a-long-password',
  });
  expect(registered.status).toBe(303);
});
afterAll(() => forum.destroy());

const reply = async (agent: Agent, body: string) => (await formPoster(agent, '/settings'))(`/t/${threadId}/replies`, { body, intent: 'post' });
const postCount = async () => (await forum.db.models.Thread.findByPk(threadId))!.postCount;

it('holds a new member\'s first reply with a link; nobody else sees it; numbering does not move', async () => {
  const before = await postCount();
  const held = await reply(newcomer, 'Cheap badges at https://example.com/spam');
  expect(held.status).toBe(303);
  expect(held.headers.location).toMatch(/^\/posts\/pending\/\d+$/);
  const page = html((await newcomer.get(held.headers.location).expect(200)).text);
  expect(page('.pending-status').text()).toContain('Your post is waiting for a moderator');
  expect(page('.pending-source').text()).toBe('Cheap badges at https://example.com/spam');
  expect(await postCount()).toBe(before);
  expect((await request(forum.app).get(threadPath).expect(200)).text).not.toContain('example.com/spam');
  // Not the author, not staff: it is not there.
  await (await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD)).get(held.headers.location).expect(404);
  // A reply without a link, and anything by an established member, is published at once.
  expect((await reply(newcomer, 'Hello everyone')).headers.location).toMatch(/^\/t\//);
  expect((await reply(await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD), 'See https://example.com/docs')).headers.location).toMatch(/^\/t\//);
  expect(await postCount()).toBe(before + 2);
});

it('approving publishes it with the next number; rejecting tells the author why; two moderators decide once', async () => {
  const [pending] = await forum.db.models.PendingPost.findAll({ where: { status: 'pending' } });
  // Still new (one published post): a second link waits too.
  const second = await reply(newcomer, 'And [more](https://example.com/more)');
  expect(second.headers.location).toMatch(/^\/posts\/pending\/\d+$/);
  const { cookie: averyCookie, agent: avery } = await signInWithCookie(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const { cookie: goranCookie, agent: goran } = await signInWithCookie(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const queue = html((await avery.get('/staff/approvals').expect(200)).text);
  expect(queue(`#pending-${pending.id} .review-item__source`).text()).toBe('Cheap badges at https://example.com/spam');
  expect((await avery.get('/staff/approvals.json').expect(200)).body.items).toHaveLength(2);
  const before = await postCount();
  const [averyCsrf, goranCsrf] = [await csrfTokenFrom(avery, '/settings'), await csrfTokenFrom(goran, '/settings')];
  const answers = await Promise.all([
    request(forum.app).post(`/staff/approvals/${pending.id}`).set('Cookie', averyCookie).type('form').send({ decision: 'approve', _csrf: averyCsrf }),
    request(otherProcess).post(`/staff/approvals/${pending.id}`).set('Cookie', goranCookie).type('form').send({ decision: 'approve', _csrf: goranCsrf }),
  ]);
  expect(answers.map((res) => res.status).sort()).toEqual([303, 409]);
  expect(await postCount()).toBe(before + 1);
  const published = await forum.db.models.Post.findOne({ where: { threadId }, order: [['number', 'DESC']] });
  expect(published!.source).toBe('Cheap badges at https://example.com/spam');
  expect(published!.number).toBe(before + 1);
  const status = html((await newcomer.get(`/posts/pending/${pending.id}`).expect(200)).text);
  expect(status('.pending-status').text()).toContain('approved and published');

  const id = second.headers.location.split('/').pop();
  const post = await formPoster(avery, '/staff/approvals');
  expect((await post(`/staff/approvals/${id}`, { decision: 'reject', reason: '' })).status).toBe(422);
  expect((await post(`/staff/approvals/${id}`, { decision: 'reject', reason: 'Links to unofficial sites' })).status).toBe(303);
  expect(html((await newcomer.get(`/posts/pending/${id}`).expect(200)).text)('.pending-status').text()).toContain('Links to unofficial sites');
  const notifications = (await newcomer.get('/notifications.json').expect(200)).body;
  expect(JSON.stringify(notifications)).toContain('A moderator did not publish your reply: Links to unofficial sites');
  await newcomer.get('/staff/approvals').expect(403);
  // Two published posts: no longer new, links go straight out.
  expect((await reply(newcomer, 'Now https://example.com/ok')).headers.location).toMatch(/^\/t\//);
});
