/**
 * How many results a search says it has: exact up to 500, "More than 500 results" past that,
 * with the pages the counted results fill (25 at most); hidden posts are not counted for members.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { startThread } from '../../server/services/posting';
import { createTestForum, TestForum } from '../helpers/forum';
import { signIn } from '../helpers/session';

let forum: TestForum;
const FIRST_DAY = Date.UTC(2026, 0, 1);

/** A thread whose posts 2..count+1 say `word`, one a minute, written straight to the table (the triggers index them). */
async function threadOfPosts(word: string, count: number): Promise<number> {
  const { Board, Member } = forum.db.models;
  const board = (await Board.findOne({ where: { slug: 'general' } }))!;
  const author = (await Member.findOne({ where: { usernameKey: 'marijaj' } }))!;
  const { thread } = await startThread(forum.db, { boardId: board.id, authorId: author.id, title: `All about ${word}`, source: 'Opening post.' });
  const rows = Array.from({ length: count }, (_, i) => {
    const at = new Date(FIRST_DAY + i * 60_000);
    const source = `Reply ${i + 1} about ${word}.`;
    return { thread_id: thread.id, number: i + 2, author_id: author.id, source, html: `<p>${source}</p>`, excerpt: source, created_at: at, updated_at: at, version: 1 };
  });
  await forum.db.sequelize.getQueryInterface().bulkInsert('posts', rows);
  return thread.id;
}

async function searchJson(query: Record<string, string>) {
  const res = await request(forum.app).get('/search.json').query(query).expect(200);
  return res.body as { summary: string; results: Array<{ postNumber: number }>; pagination: { page: number; pageCount: number } };
}

beforeAll(async () => {
  forum = await createTestForum();
  await threadOfPosts('kumquat', 520);
  await threadOfPosts('durian', 37);
}, 120_000);
afterAll(() => forum.destroy());

it('counts exactly up to 500 results', async () => {
  // 37 replies and the opening post, whose thread title says "durian".
  const first = await searchJson({ q: 'durian' });
  expect(first.summary).toBe('38 results');
  expect(first.results).toHaveLength(20);
  expect(first.pagination.pageCount).toBe(2);
  const second = await searchJson({ q: 'durian', page: '2' });
  expect(second.summary).toBe('38 results');
  expect(second.results).toHaveLength(18);
  expect((await searchJson({ q: 'durian', page: '3' })).results).toHaveLength(0);
});

it('says "More than 500 results" past that, with 25 pages of them', async () => {
  const first = await searchJson({ q: 'kumquat', sort: 'newest' });
  expect(first.summary).toBe('More than 500 results');
  expect(first.pagination.pageCount).toBe(25);
  // Newest first: reply 520 is post 521.
  expect(first.results.map((result) => result.postNumber).slice(0, 3)).toEqual([521, 520, 519]);
  const last = await searchJson({ q: 'kumquat', sort: 'newest', page: '25' });
  expect(last.results.map((result) => result.postNumber)).toEqual(Array.from({ length: 20 }, (_, i) => 41 - i));
  // A page past the last is read as the last.
  expect((await searchJson({ q: 'kumquat', sort: 'newest', page: '26' })).pagination.page).toBe(25);
});

it('does not count hidden posts for members, and does for staff', async () => {
  const post = await forum.db.models.Post.findOne({ where: { source: 'Reply 5 about durian.' } });
  await post!.update({ hiddenAt: new Date() });
  expect((await searchJson({ q: 'durian' })).summary).toBe('37 results');
  const staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const res = await staff.get('/search.json').query({ q: 'durian' }).expect(200);
  expect(res.body.summary).toBe('38 results');
});
