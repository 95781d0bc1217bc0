/**
 * Anonymous visitors and session rows: reading pages makes none; a form page (sign in, register)
 * makes at most one short-lived row per visitor, which the store's sweep removes once expired;
 * only signing in makes a 30-day session.
 */
import request from 'supertest';
import { Op } from 'sequelize';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createSessionStore } from '../../server/auth/session';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { sessionCookieOf, signIn } from '../helpers/session';

const HOUR = 3_600_000;
let forum: TestForum;
let threadPath: string;
beforeAll(async () => {
  forum = await createTestForum();
  threadPath = (await rolloutThread(forum)).threadPath;
});
afterAll(() => forum.destroy());

const sessionRows = () => forum.db.models.Session.count();

it('makes no session row for 50 anonymous views of each reading page', async () => {
  const pages = ['/', threadPath, '/u/WendyC', '/search?q=badge', '/b/general.json', '/no-such-page'];
  const before = await sessionRows();
  for (const page of pages) {
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(forum.app).get(page)));
    expect(answers.every((res) => res.status < 500)).toBe(true);
    expect(answers.every((res) => sessionCookieOf(res.headers['set-cookie']) === null)).toBe(true);
  }
  expect(await sessionRows()).toBe(before);
});

it('gives 50 visitors of /signin and /register rows that expire within two hours, not 30 days', async () => {
  const startedAt = Date.now();
  const before = await sessionRows();
  for (const page of ['/signin', '/register']) {
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(forum.app).get(page).expect(200)));
    for (const res of answers) {
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('forum.sid='))!;
      const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]);
      expect(expires - startedAt).toBeLessThanOrEqual(2 * HOUR + 60_000);
    }
  }
  const rows = await forum.db.models.Session.findAll({ where: { createdAt: { [Op.gte]: new Date(startedAt - 1000) } } });
  expect(rows).toHaveLength(100);
  expect(await sessionRows()).toBe(before + 100);
  for (const row of rows) {
    expect(row.memberId).toBeNull();
    expect(row.expires!.getTime() - startedAt).toBeGreaterThan(HOUR);
    expect(row.expires!.getTime() - startedAt).toBeLessThanOrEqual(2 * HOUR + 60_000);
  }
});

it('keeps one row for one visitor coming back to the form 50 times', async () => {
  const agent = request.agent(forum.app);
  await agent.get('/signin').expect(200);
  const before = await sessionRows();
  for (let i = 0; i < 50; i += 1) await agent.get(i % 2 ? '/signin' : '/register').expect(200);
  expect(await sessionRows()).toBe(before);
});

it('gives a member who signs in a 30-day session', async () => {
  await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  const wendy = await forum.db.models.Member.findOne({ where: { usernameKey: 'wendyc' } });
  const [row] = await forum.db.models.Session.findAll({ where: { memberId: wendy!.id } });
  expect(row.expires!.getTime() - Date.now()).toBeGreaterThan(29 * 24 * HOUR);
});

it('sweeps expired form sessions', async () => {
  // A second app on the same database whose form sessions last one second.
  const quick = createApp({ db: forum.db, config: { ...forum.config, formSessionSeconds: 1 } });
  const res = await request(quick).get('/signin').expect(200);
  const sid = decodeURIComponent(sessionCookieOf(res.headers['set-cookie'])!.split('=')[1]).slice(2).split('.')[0];
  expect(await forum.db.models.Session.count({ where: { sid } })).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const total = await sessionRows();
  await createSessionStore(forum.db, forum.config).clearExpiredSessions();
  expect(await forum.db.models.Session.count({ where: { sid } })).toBe(0);
  // Only the expired one went: the two-hour rows above are still there.
  expect(await sessionRows()).toBe(total - 1);
});
