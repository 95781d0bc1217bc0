/**
 * Abuse limits hold across app processes, because they count in the shared database: the posting
 * flood limit answers 429 with Retry-After whichever process a member's requests reach, also when
 * the requests arrive at once; so do sign-in throttling (more in test/http/throttle.test.ts) and the
 * registration limit per address.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { csrfTokenFrom, signInWithCookie, submitForm } from '../helpers/session';

const LIMIT = 3;
let forum: TestForum;
let otherProcess: Express;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: LIMIT } });
  // A second app on the same database: what a second server process behind a load balancer is.
  otherProcess = createApp({ db: forum.db, config: forum.config });
  threadId = (await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } }))!.id;
});
afterAll(() => forum.destroy());

/** A member's session, usable on either process (sessions live in the database). */
async function session(username: string) {
  const { agent, cookie } = await signInWithCookie(forum.app, username, DEVELOPMENT_PASSWORD);
  const csrf = await csrfTokenFrom(agent, '/settings');
  return (app: Express, body: string) =>
    request(app).post(`/t/${threadId}/replies`).set('Cookie', cookie).type('form').send({ body, intent: 'post', _csrf: csrf });
}

it('counts one member\'s posts across both processes and answers 429 with Retry-After', async () => {
  const reply = await session('MarijaJ');
  expect((await reply(forum.app, 'One')).status).toBe(303);
  expect((await reply(otherProcess, 'Two')).status).toBe(303);
  expect((await reply(forum.app, 'Three')).status).toBe(303);
  for (const app of [otherProcess, forum.app]) {
    const refused = await reply(app, 'Four');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(html(refused.text)('#field-body').text()).toBe('Four');
  }
});

it('holds the limit when a burst of posts reaches both processes at once', async () => {
  const reply = await session('WendyC');
  const before = await forum.db.models.Post.count();
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => reply(i % 2 ? otherProcess : forum.app, `Burst ${i}`)));
  const statuses = answers.map((res) => res.status).sort();
  expect(statuses).toEqual([...Array(LIMIT).fill(303), ...Array(12 - LIMIT).fill(429)]);
  expect(await forum.db.models.Post.count()).toBe(before + LIMIT);
});

it('holds the sign-in limit per account when a burst of guesses reaches both processes at once', async () => {
  const { perAccount } = forum.config.signInLimits;
  const answers = await Promise.all(Array.from({ length: perAccount + 7 }, (_, i) =>
    submitForm(request.agent(i % 2 ? otherProcess : forum.app), '/signin', '/signin', { username: 'RafehG', password: `guess-${i}` })));
  const statuses = answers.map((res) => res.status).sort();
  expect(statuses).toEqual([...Array(perAccount).fill(401), ...Array(7).fill(429)]);
  expect(answers.filter((res) => res.status === 429).every((res) => Number(res.headers['retry-after']) > 0)).toBe(true);
});

describe('registration limit per address, across both processes', () => {
  const registration = (i: number) => ({
    username: `burst${i}`,
    displayName: `Burst ${i}`,
    email: `burst${i}@example.com`,
    password: 'a long enough password',
    confirmPassword: 'a long enough password',
  });

  it('lets exactly the limit through when a burst reaches both processes at once, then answers 429 keeping the names', async () => {
    const { perAddress } = forum.config.registrationLimit;
    expect(perAddress).toBe(5);
    const agents = await Promise.all(Array.from({ length: perAddress + 3 }, async (_, i) => {
      const app = i % 2 ? otherProcess : forum.app;
      const agent = request.agent(app);
      return { agent, token: await csrfTokenFrom(agent, '/register') };
    }));
    const answers = await Promise.all(agents.map(({ agent, token }, i) => agent.post('/register').type('form').send({ ...registration(i), _csrf: token })));
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([...Array(perAddress).fill(303), ...Array(3).fill(429)]);
    expect(await forum.db.models.Member.count({ where: { displayName: agents.map((_, i) => `Burst ${i}`) } })).toBe(perAddress);

    // Later, on either process: still refused, with the form filled in again except the passwords.
    for (const app of [forum.app, otherProcess]) {
      const agent = request.agent(app);
      const refused = await submitForm(agent, '/register', '/register', registration(99));
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3_000);
      expect(retryAfter).toBeLessThanOrEqual(3_600);
      const $ = html(refused.text);
      expect($('.form-error').text()).toMatch(/Too many accounts were created from your address. Try again in \d+ minutes\./);
      expect($('#field-username').attr('value')).toBe('burst99');
      expect($('#field-displayName').attr('value')).toBe('Burst 99');
      expect($('#field-password').attr('value')).toBeUndefined();
      expect(refused.text).not.toContain('a long enough password');
    }
    expect(await forum.db.models.Member.count({ where: { username: 'burst99' } })).toBe(0);
  });

  it('does not count forms refused for their content (nothing was hashed)', async () => {
    // The address is at its limit; a form with errors is still answered 422 with its messages.
    const res = await submitForm(request.agent(otherProcess), '/register', '/register', { ...registration(100), confirmPassword: 'different' });
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-confirmPassword-error').text()).toBe('The two passwords do not match.');
  });
});
