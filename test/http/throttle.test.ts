/**
 * Sign-in throttling per (account, address) and per address, with a doubling lockout: 429 with
 * Retry-After, counted in the database. Addresses come from X-Forwarded-For (trust proxy on).
 */
import request from 'supertest';
import type { Express } from 'express';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createApp } from '../../server/app';
import { DatabaseRateLimitStore, FORGET_AFTER_MS } from '../../server/auth/rateLimitStore';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { csrfTokenFrom } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { trustProxy: true, signInLimits: { windowMs: 60_000, perAddress: 8, perAccount: 3 } } });
});
afterAll(() => forum.destroy());

/** One sign-in attempt from a client address, the way a browser sends the form. */
async function attempt(address: string, username: string, password: string, app: Express = forum.app) {
  const agent = request.agent(app);
  const _csrf = await csrfTokenFrom(agent, '/signin');
  return agent.post('/signin').set('X-Forwarded-For', address).type('form').send({ username, password, _csrf });
}

describe('an attacker guessing one account from one address', () => {
  const attacker = '203.0.113.7';

  it('is locked out after a few failures, counting case and space variants as one account', async () => {
    for (const variant of ['RafehG', 'rafehg', '  RAFEHG ']) expect((await attempt(attacker, variant, 'wrong-password')).status).toBe(401);
    const limited = await attempt(attacker, 'RafehG', DEVELOPMENT_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(50);
    const $ = html(limited.text);
    expect($('.form-error').text()).toMatch(/Too many failed sign-in attempts. Try again in \d+ minutes?\./);
    expect($('#field-username').attr('value')).toBe('RafehG');
    expect($('#field-password').attr('value')).toBeUndefined();
  });

  it('does not keep the owner out: from another address the right password signs in', async () => {
    const owner = await attempt('198.51.100.20', 'RafehG', DEVELOPMENT_PASSWORD);
    expect(owner.status).toBe(303);
    // ...and the attacker is still refused.
    expect((await attempt(attacker, 'rafehg', 'another-guess')).status).toBe(429);
  });

  it('counts in the database, so a second app process refuses the attacker too', async () => {
    const otherProcess = createApp({ db: forum.db, config: forum.config });
    expect((await attempt(attacker, ' RafehG', DEVELOPMENT_PASSWORD, otherProcess)).status).toBe(429);
    expect((await attempt('198.51.100.21', 'RafehG', DEVELOPMENT_PASSWORD, otherProcess)).status).toBe(303);
  });
});

it('does not count successful sign-ins, and a success forgets the failures before it', async () => {
  const address = '203.0.113.30';
  for (let i = 0; i < 5; i += 1) expect((await attempt(address, 'GoranV', DEVELOPMENT_PASSWORD)).status).toBe(303);
  for (let round = 0; round < 2; round += 1) {
    expect((await attempt(address, 'GoranV', 'typo-1')).status).toBe(401);
    expect((await attempt(address, 'GoranV', 'typo-2')).status).toBe(401);
    expect((await attempt(address, 'GoranV', DEVELOPMENT_PASSWORD)).status).toBe(303);
  }
});

it('limits one address guessing many accounts, and only that address', async () => {
  const address = '203.0.113.40';
  const statuses = [];
  for (let i = 0; i < 9; i += 1) statuses.push((await attempt(address, `guess${i}`, 'wrong-password')).status);
  expect(statuses).toEqual([...Array(8).fill(401), 429]);
  const lena = await attempt(address, 'LenaE', DEVELOPMENT_PASSWORD);
  expect(lena.status).toBe(429);
  expect(Number(lena.headers['retry-after'])).toBeGreaterThan(0);
  expect((await attempt('203.0.113.41', 'LenaE', DEVELOPMENT_PASSWORD)).status).toBe(303);
});

it('doubles the lockout each time the attacker comes back and fails again', async () => {
  // A second app on the same database with a short window, so the test can wait out lockouts.
  const windowMs = 1_500;
  const quick = createApp({ db: forum.db, config: { ...forum.config, signInLimits: { windowMs, perAddress: 1_000, perAccount: 2 } } });
  const address = '203.0.113.50';
  const lockouts: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    expect((await attempt(address, 'MarijaJ', 'guess-a', quick)).status).toBe(401);
    expect((await attempt(address, 'MarijaJ', 'guess-b', quick)).status).toBe(401);
    const limited = await attempt(address, 'MarijaJ', 'guess-c', quick);
    expect(limited.status).toBe(429);
    const seconds = Number(limited.headers['retry-after']);
    lockouts.push(seconds);
    // Locked whatever the password, until the lockout ends.
    expect((await attempt(address, 'MarijaJ', DEVELOPMENT_PASSWORD, quick)).status).toBe(429);
    if (round < 2) await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 300));
  }
  // 1.5 s, then 3 s, then 6 s (rounded up to whole seconds).
  expect(lockouts).toEqual([2, 3, 6]);
  // Meanwhile the owner from elsewhere was never affected.
  expect((await attempt('198.51.100.50', 'MarijaJ', DEVELOPMENT_PASSWORD, quick)).status).toBe(303);
}, 30_000);

it('sweeps counters a day after their window or lockout ended', async () => {
  const store = new DatabaseRateLimitStore(forum.db);
  expect(await store.sweep()).toBe(0);
  // A successful sign-in un-counts itself after its answer was sent: let those writes land first.
  const countRows = async () => ((await forum.db.sequelize.query('SELECT key FROM rate_limit_hits', { type: 'SELECT' as never })) as unknown[]).length;
  for (let previous = -1, current = await countRows(); previous !== current; previous = current, current = await countRows()) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const rows = await forum.db.sequelize.query('SELECT key FROM rate_limit_hits', { type: 'SELECT' as never });
  expect((rows as unknown[]).length).toBeGreaterThan(5);
  expect(await store.sweep(Date.now() + FORGET_AFTER_MS + 2 * 24 * 3_600_000)).toBe((rows as unknown[]).length);
  const after = await forum.db.sequelize.query('SELECT key FROM rate_limit_hits', { type: 'SELECT' as never });
  expect(after as unknown[]).toHaveLength(0);
});
