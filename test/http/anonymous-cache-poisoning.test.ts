/**
 * Anonymous page cache poisoning, on the production config (where the cache is on by default):
 * whatever Accept header reaches a page first, a browser asking for the same address next gets
 * the HTML page, and every negotiable page says Vary: Accept.
 */
import request from 'supertest';
import { createTestForum, html, TestForum } from '../helpers/forum';

// One database per test file: the models bind to the latest database opened in this process.
let production: TestForum;
beforeAll(async () => {
  production = await createTestForum({ config: { env: 'production', anonymousCacheSeconds: 60 } });
});
afterAll(() => production.destroy());

it('runs with the production config', () => {
  expect(production.config.env).toBe('production');
  expect(production.config.anonymousCacheSeconds).toBeGreaterThan(0);
});

describe('poisoning (production config)', () => {
  // Each shape first reaches an empty cache entry, then a browser asks for the same address.
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  const shapes: Array<[string, string]> = [
    ['application/*', 'json'],
    ['application/json', 'json'],
    ['application/json;q=0.9, text/html', 'html'],
    ['text/html;q=0.1, application/json', 'json'],
    ['*/*', 'html'],
    ['application/json, */*', 'json'],
    ['image/png', 'html'],
  ];

  it.each(shapes)('a first request with Accept: %s never decides what a browser gets next', async (accept, expected) => {
    const path = `/b/general?shape=${encodeURIComponent(accept)}`;
    const first = await request(production.app).get(path).set('Accept', accept).expect(200);
    expect(first.headers['content-type']).toMatch(expected === 'json' ? /application\/json/ : /text\/html/);
    expect(first.headers.vary).toMatch(/Accept/);
    for (const browser of [BROWSER, '']) {
      const page = await request(production.app).get(path).set('Accept', browser).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(html(page.text)('h1').first().text()).toBe('General Discussion');
      expect(page.headers.vary).toMatch(/Accept/);
    }
    // And the same shape again is answered as the app would answer it, from the cache.
    const again = await request(production.app).get(path).set('Accept', accept).expect(200);
    expect(again.headers['x-anonymous-cache']).toBe('hit');
    expect(again.headers['content-type']).toMatch(expected === 'json' ? /application\/json/ : /text\/html/);
  });

  it('keeps the sign-in page a sign-in form after JSON-asking requests', async () => {
    await request(production.app).get('/signin').set('Accept', 'application/*').expect(200);
    const page = await request(production.app).get('/signin').set('Accept', BROWSER).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(html(page.text)('form input[name=_csrf]')).toHaveLength(1);
  });

  it('keeps the .json twin apart from the page, and HTML requests get HTML after it', async () => {
    const twin = await request(production.app).get('/b/general.json').set('Accept', 'text/html').expect(200);
    expect(twin.body.page).toBe('forum/board');
    const page = await request(production.app).get('/b/general').set('Accept', 'application/json;q=0.5, text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

