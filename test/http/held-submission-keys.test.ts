/**
 * One-time submission keys cover posts held for approval: a held post's form sent twice at once
 * (a double click) or again later (Back, then Post) holds one post, and every repeat is shown
 * that held post; after a moderator approves it, a repeat still publishes nothing more.
 */
import request from 'supertest';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { Agent, csrfTokenFrom, formPoster, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  ({ threadId } = await rolloutThread(forum));
}, 60_000);
afterAll(() => forum.destroy());

async function newcomer(username: string): Promise<Agent> {
  const agent = request.agent(forum.app);
  const registered = await submitForm(agent, '/register', '/register', {
    username, displayName: username, email: `${username.toLowerCase()}@example.com`, password: 'a-long-password', confirmPassword: 'a-long-password',
  });
  expect(registered.status).toBe(303);
  return agent;
}

async function formFields(agent: Agent, path: string): Promise<{ _csrf: string; submissionKey: string }> {
  const page = html((await agent.get(path).expect(200)).text);
  return { _csrf: page('input[name=_csrf]').attr('value')!, submissionKey: page('input[name=submissionKey]').attr('value')! };
}

it('five identical concurrent held replies hold one post, and every answer shows it', async () => {
  const agent = await newcomer('HeldTwiceH');
  const form = await formFields(agent, `/t/${threadId}/replies/new`);
  const body = 'Look at https://example.com/held-once';
  const responses = await Promise.all(Array.from({ length: 5 }, () => agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body })));
  expect(responses.map((res) => res.status)).toEqual(Array(5).fill(303));
  const locations = new Set(responses.map((res) => res.headers.location));
  expect(locations.size).toBe(1);
  const [location] = [...locations];
  expect(location).toMatch(/^\/posts\/pending\/\d+$/);
  expect(await forum.db.models.PendingPost.count({ where: { source: body } })).toBe(1);
  // Back, then Post again: the same held post, told it was already sent.
  const again = await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body });
  expect(again.headers.location).toBe(location);
  const page = html((await agent.get(location).expect(200)).text);
  expect(page.text()).toContain('This form was already sent');
  expect(page('.pending-status').text()).toContain('waiting for a moderator');
  expect(await forum.db.models.PendingPost.count({ where: { source: body } })).toBe(1);
}, 60_000);

it('a held new thread sent three times at once holds one; once approved a repeat publishes nothing more', async () => {
  const agent = await newcomer('HeldThreadT');
  const form = await formFields(agent, '/b/general/threads/new');
  const fields = { ...form, intent: 'post', title: 'Held only once', body: 'See https://example.com/thread-once' };
  const responses = await Promise.all([1, 2, 3].map(() => agent.post('/b/general/threads').type('form').send(fields)));
  expect(responses.map((res) => res.status)).toEqual([303, 303, 303]);
  expect(new Set(responses.map((res) => res.headers.location)).size).toBe(1);
  const location = responses[0].headers.location;
  expect(location).toMatch(/^\/posts\/pending\/\d+$/);
  expect(await forum.db.models.PendingPost.count({ where: { title: 'Held only once' } })).toBe(1);

  const moderator = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const decide = await formPoster(moderator, '/staff/approvals');
  expect((await decide(`/staff/approvals/${location.split('/').pop()}`, { decision: 'approve' })).status).toBe(303);
  expect(await forum.db.models.Thread.count({ where: { title: 'Held only once' } })).toBe(1);

  const repeat = await agent.post('/b/general/threads').type('form').send({ ...fields, _csrf: await csrfTokenFrom(agent, '/settings') });
  expect(repeat.status).toBe(303);
  expect(repeat.headers.location).toBe(location);
  expect(await forum.db.models.Thread.count({ where: { title: 'Held only once' } })).toBe(1);
  expect(await forum.db.models.PendingPost.count({ where: { title: 'Held only once' } })).toBe(1);
}, 60_000);

it('a fresh form is a fresh key: the same text sent from a new form is held again', async () => {
  const agent = await newcomer('HeldFreshF');
  const body = 'Again https://example.com/fresh';
  for (let i = 0; i < 2; i += 1) {
    const form = await formFields(agent, `/t/${threadId}/replies/new`);
    expect((await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body })).status).toBe(303);
  }
  expect(await forum.db.models.PendingPost.count({ where: { source: body } })).toBe(2);
}, 60_000);
