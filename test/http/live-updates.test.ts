/**
 * Live thread updates over Server-Sent Events, in one process: new posts reach open streams,
 * hidden ones only those who may read them, a reconnect with Last-Event-ID misses nothing, the
 * header's count follows, streams are bounded and end on shutdown. (Across processes on
 * PostgreSQL: test/scale/live-two-processes.test.ts.)
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createLifecycle } from '../../server/lifecycle/shutdown';
import { replyToThread, startThread } from '../../server/services/posting';
import { openEventStream, EventStreamClient } from '../helpers/eventStream';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { signInWithCookie } from '../helpers/session';

jest.setTimeout(120_000);

let forum: TestForum;
let server: Server;
let base: string;
const lifecycle = createLifecycle();
let threadId: number;
const open: EventStreamClient[] = [];

async function memberId(username: string): Promise<number> {
  return (await forum.db.models.Member.findOne({ where: { username } }))!.id;
}

async function stream(path: string, headers: Record<string, string> = {}) {
  const client = await openEventStream(`${base}${path}`, headers);
  open.push(client);
  return client;
}

async function cookieOf(username: string): Promise<string> {
  return (await signInWithCookie(app(), username, DEVELOPMENT_PASSWORD)).cookie;
}

let liveApp: ReturnType<typeof createApp>;
const app = () => liveApp;

beforeAll(async () => {
  forum = await createTestForum({ config: { live: { maxConnections: 50, maxPerMember: 2, heartbeatSeconds: 1 } } });
  liveApp = createApp({ db: forum.db, config: forum.config, lifecycle });
  server = liveApp.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ({ threadId } = await rolloutThread(forum));
});

async function lastNumber(): Promise<number> {
  return (await forum.db.models.Thread.findByPk(threadId))!.lastPostNumber;
}

// Streams from one address count against one bound: each test closes its own.
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
});

afterAll(async () => {
  await lifecycle.closeAll();
  await new Promise((resolve) => server.close(resolve));
  await forum.destroy();
});

it('sends a new post to an open thread stream, with its number as the event id, and heartbeats', async () => {
  const visitor = await stream(`/live/t/${threadId}?after=${await lastNumber()}`);
  expect(visitor.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const post = await replyToThread(forum.db, { threadId, authorId: await memberId('WendyC'), source: 'Live reply one' });
  const event = await visitor.waitFor((e) => e.event === 'post');
  expect(event.id).toBe(String(post.number));
  expect(JSON.parse(event.data)).toEqual({ number: post.number, url: expect.stringMatching(new RegExp(`^/t/${threadId}/.+/${post.number}#p${post.number}$`)) });
  // The payload names the post, never its text.
  expect(visitor.text()).not.toContain('Live reply one');
  await new Promise((resolve) => setTimeout(resolve, 1_300));
  expect(visitor.text()).toContain(': heartbeat');
});

it('resends what a reconnecting stream missed after its Last-Event-ID', async () => {
  const last = (await forum.db.models.Thread.findByPk(threadId))!.lastPostNumber;
  await replyToThread(forum.db, { threadId, authorId: await memberId('WendyC'), source: 'Missed one' });
  await replyToThread(forum.db, { threadId, authorId: await memberId('WendyC'), source: 'Missed two' });
  const client = await stream(`/live/t/${threadId}?after=1`, { 'Last-Event-ID': String(last) });
  await client.waitFor((e) => e.event === 'post' && e.id === String(last + 2));
  expect(client.events.filter((e) => e.event === 'post').map((e) => Number(e.id))).toEqual([last + 1, last + 2]);
});

it('does not send a post hidden before it is delivered, except to staff and its author', async () => {
  const visitor = await stream(`/live/t/${threadId}?after=${await lastNumber()}`);
  const staff = await stream(`/live/t/${threadId}?after=${await lastNumber()}`, { Cookie: await cookieOf('LenaE') });
  const author = await stream(`/live/t/${threadId}?after=${await lastNumber()}`, { Cookie: await cookieOf('MarijaJ') });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const marija = await memberId('MarijaJ');
  const lena = await memberId('LenaE');
  // Published and hidden in one transaction: hidden by the time any stream hears of it.
  const hidden = await forum.db.writeTransaction(async (transaction) => {
    const post = await replyToThread(forum.db, { threadId, authorId: marija, source: 'Hidden at once' }, { transaction });
    await forum.db.models.Post.update({ hiddenAt: new Date(), hiddenById: lena, hiddenReason: 'spam' }, { where: { id: post.id }, transaction });
    return post;
  });
  // A later visible post proves the visitor's stream was listening all along.
  const visible = await replyToThread(forum.db, { threadId, authorId: await memberId('WendyC'), source: 'Visible after' });
  await visitor.waitFor((e) => e.id === String(visible.number));
  expect(visitor.events.map((e) => e.id)).not.toContain(String(hidden.number));
  await staff.waitFor((e) => e.id === String(hidden.number));
  await author.waitFor((e) => e.id === String(hidden.number));
  // Nor is it resent on a reconnect.
  const again = await stream(`/live/t/${threadId}`, { 'Last-Event-ID': String(hidden.number - 1) });
  await again.waitFor((e) => e.id === String(visible.number));
  expect(again.events.map((e) => e.id)).not.toContain(String(hidden.number));
});

it("updates a member's unread count when a post notifies them", async () => {
  const mss = await stream(`/live/t/${threadId}?after=${await lastNumber()}`, { Cookie: await cookieOf('MsS') });
  await new Promise((resolve) => setTimeout(resolve, 200));
  // Ms S follows the rollout thread (she posted in it): a reply notifies her.
  await replyToThread(forum.db, { threadId, authorId: await memberId('GoranV'), source: 'Staff news for followers' });
  const event = await mss.waitFor((e) => e.event === 'unread');
  expect(JSON.parse(event.data).count).toBeGreaterThan(0);
});

it('answers 404 for a hidden thread and bounds streams per member', async () => {
  const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
  const { thread } = await startThread(forum.db, { boardId: board!.id, authorId: await memberId('MarijaJ'), title: 'A thread to hide', source: 'Body' });
  await forum.db.models.Thread.update({ hiddenAt: new Date() }, { where: { id: thread.id } });
  expect((await stream(`/live/t/${thread.id}`)).status).toBe(404);
  expect((await stream('/live/t/999999')).status).toBe(404);

  const cookie = await cookieOf('RafehG');
  expect((await stream(`/live/t/${threadId}`, { Cookie: cookie })).status).toBe(200);
  expect((await stream(`/live/t/${threadId}`, { Cookie: cookie })).status).toBe(200);
  const third = await stream(`/live/t/${threadId}`, { Cookie: cookie });
  expect(third.status).toBe(429);
});

it('ends every stream on shutdown', async () => {
  const client = await stream(`/live/t/${threadId}`);
  expect(client.status).toBe(200);
  await lifecycle.closeAll();
  await client.ended;
});
