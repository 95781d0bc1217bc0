/**
 * The anonymous page cache's memory bound, in a file of its own: no forum open beside it, so what
 * the process retains is the cache's and the test's own (a forum's lazily loaded modules and
 * background work once landed in the measured window on a loaded machine).
 */
import express from 'express';
import request from 'supertest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { anonymousPageCache } from '../../server/middleware/anonymousCache';
import { jsonNegotiation } from '../../server/middleware/json';

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
  // Array buffers are freed by a background sweeper after gc(): several collections with a pause
  // between them, and the least figure, count what is really kept.
  const retained = async () => {
    let least = Infinity;
    for (let i = 0; i < 4; i += 1) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 25));
      const usage = process.memoryUsage();
      least = Math.min(least, usage.heapUsed + usage.arrayBuffers);
    }
    return least;
  };

  it('stays under its byte bound after 5,000 distinct anonymous URLs (20 KB pages)', async () => {
    const maxBytes = 2 * 1024 * 1024;
    const { app, cache } = pageApp(60, maxBytes);
    const server = app.listen(0);
    // Warmed up first, so the baseline holds supertest's and the server's own machinery, and the
    // growth measured is the cache's.
    await Promise.all(Array.from({ length: 50 }, () => request(server).get('/page?v=warm').expect(200)));
    const before = await retained();
    try {
      for (let start = 0; start < 5_000; start += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => request(server).get(`/page?v=${start + i}`).expect(200)));
      }
      const stats = cache.stats();
      expect(stats.bytes).toBeLessThanOrEqual(maxBytes);
      // Unbounded, the cache would hold 5,000 × 20 KB = 100 MB.
      expect(stats.entries).toBeLessThan(110);
      expect(stats.entries).toBeGreaterThan(50);
      // What the process really keeps: the bound plus room for supertest and jest (unbounded, 100 MB
      // of pages would stay).
      const afterFirst = await retained();
      expect(afterFirst - before).toBeLessThan(20 * 1024 * 1024);
      // And it stops growing: 5,000 more distinct pages leave the process about where it was.
      for (let start = 5_000; start < 10_000; start += 50) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => request(server).get(`/page?v=${start + i}`).expect(200)));
      }
      expect(cache.stats().bytes).toBeLessThanOrEqual(maxBytes);
      expect((await retained()) - afterFirst).toBeLessThan(8 * 1024 * 1024);
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
