/**
 * Reading a long thread in real Chromium: a member reads page 1 and leaves, two replies arrive,
 * the board says "2 new", the link lands on the first unread post under "New since your last
 * visit"; then with the thread open in a second tab a reply appears as "1 new reply — show"
 * without a reload. On PostgreSQL that reply is posted through a second app process (dist/, so
 * `npm run build` first), reaching the page through LISTEN/NOTIFY; on SQLite, in this process.
 */
import request from 'supertest';
import { load } from 'cheerio';
import type { Browser } from 'playwright-core';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread } from '../../server/services/posting';
import { launchBrowser, listen, newVisitor, screenshot, signInAs } from '../helpers/browser';
import { usingPostgres } from '../helpers/db';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { AppProcess, startAppProcess } from '../helpers/processes';
import { sessionCookieOf } from '../helpers/session';
import type { Server } from 'node:http';

jest.setTimeout(180_000);

let forum: TestForum;
let browser: Browser;
let server: Server;
let base: string;
let other: AppProcess | null = null;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  ({ server, url: base } = await listen(forum.app));
  browser = await launchBrowser();
  ({ threadId, threadPath } = await rolloutThread(forum));
  if (usingPostgres) {
    other = await startAppProcess({ DATABASE_URL: forum.databaseUrl!, SEED: '0', LOG_LEVEL: 'warn', POSTS_PER_MINUTE: '1000' });
  }
}, 120_000);

afterAll(async () => {
  await other?.stop();
  await browser?.close();
  await new Promise((resolve) => server.close(resolve));
  await forum.destroy();
});

async function memberId(username: string): Promise<number> {
  return (await forum.db.models.Member.findOne({ where: { username } }))!.id;
}

/** Replies as Goran V through the other app process (PostgreSQL) or in this one (SQLite). */
async function replyElsewhere(body: string): Promise<void> {
  if (!other) {
    await replyToThread(forum.db, { threadId, authorId: await memberId('GoranV'), source: body });
    return;
  }
  const signInPage = await request(other.url).get('/signin');
  let cookie = sessionCookieOf(signInPage.headers['set-cookie'])!;
  const token = load(signInPage.text)('input[name=_csrf]').attr('value')!;
  const signedIn = await request(other.url).post('/signin').set('Cookie', cookie).type('form')
    .send({ _csrf: token, username: 'GoranV', password: DEVELOPMENT_PASSWORD });
  expect(signedIn.status).toBe(303);
  cookie = sessionCookieOf(signedIn.headers['set-cookie']) ?? cookie;
  const page = await request(other.url).get(threadPath).set('Cookie', cookie);
  const replyToken = load(page.text)('.reply-box input[name=_csrf]').attr('value')!;
  const posted = await request(other.url).post(`/t/${threadId}/replies`).set('Cookie', cookie).type('form')
    .send({ _csrf: replyToken, body, intent: 'post' });
  expect(posted.status).toBe(303);
}

it('a member finds their place, then sees a reply arrive without reloading', async () => {
  const { context, page, dialogs } = await newVisitor(browser, { javaScript: true });
  await signInAs(page, base, 'MsS', DEVELOPMENT_PASSWORD);
  await page.goto(`${base}${threadPath}`);
  expect(await page.locator('.reading-bar__jump').count()).toBe(0);
  await page.goto(`${base}/`);

  await replyToThread(forum.db, { threadId, authorId: await memberId('MarijaJ'), source: 'While Ms S was away, one' });
  await replyToThread(forum.db, { threadId, authorId: await memberId('RafehG'), source: 'While Ms S was away, two' });

  await page.goto(`${base}/b/announcements`);
  const mark = page.locator('.thread-row .unread-mark');
  expect(await mark.textContent()).toContain('2 new');
  await Promise.all([page.waitForNavigation(), mark.click()]);
  expect(page.url()).toBe(`${base}${threadPath}/11#p11`);
  expect(await page.textContent('.new-since')).toContain('New since your last visit');
  expect(await page.textContent('#p11 .post__body')).toContain('While Ms S was away, one');
  await screenshot(page, 'reading-first-unread');

  // A second tab on the thread's last page, listening.
  const second = await context.newPage();
  await second.goto(`${base}${threadPath}?page=2`);
  await second.waitForTimeout(500);
  await replyElsewhere(`Staff reply from ${other ? 'the other process' : 'this process'}`);
  const notice = second.locator('.live-notice');
  await notice.waitFor({ state: 'visible', timeout: 15_000 });
  expect(await notice.textContent()).toBe('1 new reply — show');
  await screenshot(second, 'reading-live-notice');
  await Promise.all([second.waitForNavigation(), second.click('.live-notice a')]);
  expect(second.url()).toBe(`${base}${threadPath}/13#p13`);
  expect(await second.textContent('#p13 .post__body')).toContain('Staff reply from');
  expect(dialogs).toEqual([]);
  await context.close();
});

it('without JavaScript the thread page works and nothing live is shown', async () => {
  const { context, page } = await newVisitor(browser, { javaScript: false });
  await page.goto(`${base}${threadPath}?view=staff`);
  expect(await page.locator('.post-list article.post').count()).toBeGreaterThan(0);
  await page.goto(`${base}${threadPath}`);
  expect(await page.locator('.live-notice').isVisible()).toBe(false);
  await context.close();
});
