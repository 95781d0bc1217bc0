/** Atom feeds parse as XML, list what their page lists, and never carry hidden posts. */
import request from 'supertest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

interface AtomEntry { id: string; title: string; link: { '@_href': string }; author: { name: string }; content: string; updated: string }

/** An element's text whether or not it carried attributes (type="text", type="html"). */
const textOf = (node: unknown): string => (node && typeof node === 'object' ? String((node as { '#text'?: unknown })['#text'] ?? '') : String(node ?? ''));

async function fetchFeed(path: string): Promise<{ title: string; entries: AtomEntry[] }> {
  const res = await request(forum.app).get(path).expect(200);
  expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
  expect(XMLValidator.validate(res.text)).toBe(true);
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' }).parse(res.text);
  expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const field of ['id', 'title', 'updated']) expect(parsed.feed[field]).toBeTruthy();
  const entries: AtomEntry[] = (parsed.feed.entry ?? []).map((entry: Record<string, unknown>) => ({
    ...entry,
    title: textOf(entry.title),
    content: textOf(entry.content),
  }));
  for (const entry of entries) {
    expect(entry.id).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(new Date(entry.updated).toString()).not.toBe('Invalid Date');
  }
  return { title: textOf(parsed.feed.title), entries };
}

it('a thread\'s feed lists its posts with authors, newest first, and is linked from the page', async () => {
  const page = html((await request(forum.app).get(threadPath).expect(200)).text);
  const feedUrl = page('link[rel=alternate][type="application/atom+xml"]').attr('href')!;
  expect(feedUrl).toBe(`/t/${threadId}/feed.atom`);
  expect(page('a.feed-link').attr('href')).toBe(feedUrl);
  const feed = await fetchFeed(feedUrl);
  expect(feed.entries).toHaveLength(10);
  expect(feed.entries[0].title).toBe('Post 10 by Goran V (Moderator)');
  expect(feed.entries[9].author.name).toBe('Lena E (Community Manager)');
  expect(feed.entries[9].link['@_href']).toMatch(new RegExp(`${threadPath}/1#p1$`));
  expect(feed.entries[9].content).toContain('<p>Hi everyone,</p>');
});

it('leaves hidden posts out of the thread feed', async () => {
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const post = await forum.db.models.Post.findOne({ where: { threadId, number: 4 } });
  await submitForm(goran, threadPath, `/posts/${post!.id}/hide`, { reason: 'Personal details' });
  const feed = await fetchFeed(`/t/${threadId}/feed.atom`);
  expect(feed.entries.map((entry) => entry.title)).not.toContain('Post 4 by Wendy C');
  expect(feed.entries.map((entry) => entry.content).join('')).not.toContain('your profile is marked private');
});

it('a board\'s feed lists its new threads; the official answers feed lists current answers', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  await submitForm(lena, '/b/announcements', '/b/announcements/threads', { title: 'Webcam step now open to all', body: 'Rolling out <b>today</b>.', intent: 'post' });
  const board = await fetchFeed('/b/announcements/feed.atom');
  expect(board.entries.map((entry) => entry.title)).toEqual(['Webcam step now open to all', rollout.thread.title]);

  const answers = await fetchFeed('/feeds/official-answers.atom');
  expect(answers.entries).toHaveLength(1);
  expect(answers.entries[0].title).toBe(`Official answer: ${rollout.thread.title}`);
  expect(answers.entries[0].author.name).toBe('Lena E (Community Manager)');
  await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: '8' });
  const replaced = await fetchFeed('/feeds/official-answers.atom');
  expect(replaced.entries).toHaveLength(1);
  expect(replaced.entries[0].author.name).toBe('Vladimir G (Community Manager)');
});

it('marks a Q&A thread\'s accepted solution in the thread\'s feed', async () => {
  const qa = (await forum.db.models.Board.findOne({ where: { slug: 'identity-verification' } }))!;
  const member = async (username: string) => (await forum.db.models.Member.findOne({ where: { username } }))!;
  const { thread } = await startThread(forum.db, { boardId: qa.id, authorId: (await member('MsS')).id, title: 'Does the badge expire', source: 'Once I have it, is it mine?' });
  await replyToThread(forum.db, { threadId: thread.id, authorId: (await member('AveryO')).id, source: 'It stays while your verification stays valid.' });
  await replyToThread(forum.db, { threadId: thread.id, authorId: (await member('WendyC')).id, source: 'Mine has not expired yet.' });
  const before = await fetchFeed(`/t/${thread.id}/feed.atom`);
  expect(before.entries.map((entry) => entry.title).filter((title) => title.includes('Accepted solution'))).toEqual([]);

  const ms = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  expect((await submitForm(ms, `/t/${thread.id}/${thread.slug}`, `/t/${thread.id}/solution`, { postNumber: '2' })).status).toBe(303);
  const feed = await fetchFeed(`/t/${thread.id}/feed.atom`);
  expect(feed.entries.map((entry) => entry.title)).toEqual([
    'Post 3 by Wendy C',
    'Post 2 by Avery O (Moderator) · Accepted solution',
    'Post 1 by Ms S',
  ]);
  expect(feed.entries[1].content).toMatch(/^<p><strong>Accepted solution<\/strong><\/p>\n<p>It stays while/);
  expect(feed.entries[0].content).not.toContain('Accepted solution');
});

it('escapes titles that look like markup', async () => {
  const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  await submitForm(wendy, '/b/general', '/b/general/threads', { title: '<script>alert("x")</script> & friends', body: 'Body', intent: 'post' });
  const feed = await fetchFeed('/b/general/feed.atom');
  expect(feed.entries[0].title).toBe('<script>alert("x")</script> & friends');
});

it('is a 404 for unknown boards and threads', async () => {
  await request(forum.app).get('/b/nope/feed.atom').expect(404);
  await request(forum.app).get('/t/9999/feed.atom').expect(404);
});
