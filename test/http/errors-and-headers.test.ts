/** Unknown pages, failures and security headers. */
import request from 'supertest';
import { createTestForum, html, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ seed: false });
});
afterAll(() => forum.destroy());

it('renders a 404 page in the site layout', async () => {
  const res = await request(forum.app).get('/no/such/page').expect(404);
  const $ = html(res.text);
  expect($('.site-header .brand')).toHaveLength(1);
  expect($('h1').text()).toBe('Page not found');
});

it('renders a 500 page without a stack trace when the database fails', async () => {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  // Every read goes through sequelize.query (the ORM) or db.read (the reading pages' plain rows).
  const original = forum.db.sequelize.query;
  const originalRead = forum.db.read;
  const fire = () => Promise.reject(new Error('disk on fire at /secret/path.ts:12'));
  forum.db.sequelize.query = fire as typeof original;
  forum.db.read = fire as typeof originalRead;
  try {
    const res = await request(forum.app).get('/').expect(500);
    expect(res.text).toContain('Something went wrong');
    expect(res.text).not.toContain('disk on fire');
    expect(res.text).not.toMatch(/at \S+ \(/);
  } finally {
    forum.db.sequelize.query = original;
    forum.db.read = originalRead;
    spy.mockRestore();
  }
});

it('sends a Content-Security-Policy that allows no inline script, and no X-Powered-By', async () => {
  const res = await request(forum.app).get('/').expect(200);
  const csp = res.headers['content-security-policy'];
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers['x-powered-by']).toBeUndefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
});

it('serves the stylesheet', async () => {
  const res = await request(forum.app).get('/public/css/forum.css').expect(200);
  expect(res.headers['content-type']).toMatch(/text\/css/);
});
