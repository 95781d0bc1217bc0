/**
 * The anonymous page cache: serves readers without a session, never a member's page or a form's
 * token, within its byte bound (poisoning shapes: anonymous-cache-poisoning.test.ts).
 */
import express from 'express';
import request from 'supertest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { anonymousPageCache } from '../../server/middleware/anonymousCache';
import { jsonNegotiation } from '../../server/middleware/json';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { anonymousCacheSeconds: 60 } });
});
afterAll(() => forum.destroy());

it('serves a repeated anonymous page from the cache, and members always fresh', async () => {
  const first = await request(forum.app).get('/b/general').expect(200);
  expect(first.headers['x-anonymous-cache']).toBeUndefined();
  const second = await request(forum.app).get('/b/general').expect(200);
  expect(second.headers['x-anonymous-cache']).toBe('hit');
  expect(second.text).toBe(first.text);

  const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  await submitForm(wendy, '/b/general', '/b/general/threads', { title: 'Fresh for members', body: 'Now', intent: 'post' });
  const member = await wendy.get('/b/general').expect(200);
  expect(member.headers['x-anonymous-cache']).toBeUndefined();
  expect(html(member.text)('.thread-row__title a').text()).toContain('Fresh for members');
  expect(html(member.text)('.account-nav__name').text()).toBe('Wendy C');
  // The cached anonymous copy never shows a member's header.
  const anonymous = await request(forum.app).get('/b/general').expect(200);
  expect(html(anonymous.text)('.account-nav__name')).toHaveLength(0);
});

it('never caches a page carrying a CSRF token, or one that sets a cookie', async () => {
  const a = await request(forum.app).get('/signin').expect(200);
  const b = await request(forum.app).get('/signin').expect(200);
  expect(b.headers['x-anonymous-cache']).toBeUndefined();
  const token = (res: request.Response) => html(res.text)('input[name=_csrf]').attr('value');
  expect(token(a)).not.toBe(token(b));
});

it('keeps HTML and JSON apart', async () => {
  await request(forum.app).get('/').expect(200);
  const json = await request(forum.app).get('/').set('Accept', 'application/json').expect(200);
  expect(json.headers['content-type']).toMatch(/application\/json/);
  expect(json.body.page).toBe('forum/home');
});

describe('memory bound', () => {
  /** The real middleware in front of a page the size of a long thread, so 5,000 URLs are quick. */
  function pageApp(ttlSeconds: number, maxBytes: number) {
    const cache = anonymousPageCache({ ttlSeconds, maxBytes });
    const app = express();
    app.use(jsonNegotiation, cache);
    const page = `<!doctype html><p>${'x'.repeat(20_000)}</p>`;
    app.get('/page', (req, res) => {
      res.send(`${page}${String(req.query.v)}`);
    });
    return { app, cache };
  }

  // An exposed gc() so heap figures mean what is still reachable, not what is merely uncollected.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const retained = () => {
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };

  it('stays under its byte bound after 5,000 distinct anonymous URLs (20 KB pages)', async () => {
    const maxBytes = 2 * 1024 * 1024;
    const { app, cache } = pageApp(60, maxBytes);
    const server = app.listen(0);
    // Warmed up first, so the baseline holds supertest's and the server's own machinery (and what
    // earlier tests in this file left behind), and the growth measured is the cache's.
    await Promise.all(Array.from({ length: 50 }, () => request(server).get('/page?v=warm').expect(200)));
    const before = retained();
    try {
      for (let start = 0; start < 5_000; start += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => request(server).get(`/page?v=${start + i}`).expect(200)));
      }
      const stats = cache.stats();
      expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
      // Unbounded, the cache would hold 5,000 × 20 KB = 100 MB.
      expect(stats.entries).toBeLessThan(110);
      expect(stats.entries).toBeGreaterThan(50);
      // What the process really keeps: the bound plus room for supertest, jest and the forum this
      // file's other tests keep open (unbounded, 100 MB of pages would stay).
      const afterFirst = retained();
      expect(afterFirst - before).toBeLessThan(80 * 1024 * 1024);
      // And it stops growing: 5,000 more distinct pages leave the process about where it was.
      for (let start = 5_000; start < 10_000; start += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => request(server).get(`/page?v=${start + i}`).expect(200)));
      }
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
      expect(retained() - afterFirst).toBeLessThan(20 * 1024 * 1024);
      // The most recent page is still served from the cache.
      expect((await request(server).get('/page?v=9999').expect(200)).headers['x-anonymous-cache']).toBe('hit');
    } finally {
      server.close();
    }
  }, 120_000);

  it('frees expired pages even when nobody asks for them again', async () => {
    const { app, cache } = pageApp(1, 2 * 1024 * 1024);
    for (let i = 0; i < 20; i += 1) await request(app).get(`/page?v=${i}`).expect(200);
    expect(cache.stats().entries).toBe(20);
    // The sweep runs every second; give it a generous while.
    const deadline = Date.now() + 10_000;
    while (cache.stats().entries > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect((await request(app).get('/page?v=1').expect(200)).headers['x-anonymous-cache']).toBeUndefined();
  }, 20_000);
});
