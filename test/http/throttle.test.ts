/** Sign-in throttling per account and per address: 429 with Retry-After, counted in the database. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createApp } from '../../server/app';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { submitForm } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { signInLimits: { windowMs: 60_000, perAddress: 8, perAccount: 3 } } });
});
afterAll(() => forum.destroy());

const attempt = (app = forum.app, username: string, password: string) =>
  submitForm(request.agent(app), '/signin', '/signin', { username, password });

it('locks an account after repeated failures, even with the right password, and says when to retry', async () => {
  for (let i = 0; i < 3; i += 1) expect((await attempt(forum.app, 'RafehG', 'wrong-password')).status).toBe(401);
  const limited = await attempt(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  expect(limited.status).toBe(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  const $ = html(limited.text);
  expect($('.form-error').text()).toMatch(/Too many failed sign-in attempts/);
  expect($('#field-username').attr('value')).toBe('RafehG');
});

it('counts in the database, so a second app process sees the same count', async () => {
  const otherProcess = createApp({ db: forum.db, config: forum.config });
  const res = await attempt(otherProcess, 'rafehg', DEVELOPMENT_PASSWORD);
  expect(res.status).toBe(429);
});

it('does not count successful sign-ins', async () => {
  for (let i = 0; i < 4; i += 1) expect((await attempt(forum.app, 'GoranV', DEVELOPMENT_PASSWORD)).status).toBe(303);
});

it('limits one address across many accounts', async () => {
  // The five refused attempts on RafehG above (three wrong, two locked) count toward this address's 8.
  const statuses = [];
  for (const name of ['a1', 'a2', 'a3', 'a4']) statuses.push((await attempt(forum.app, name, 'wrong-password')).status);
  expect(statuses).toEqual([401, 401, 401, 429]);
  expect((await attempt(forum.app, 'LenaE', DEVELOPMENT_PASSWORD)).status).toBe(429);
});
