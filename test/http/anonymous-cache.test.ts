/**
 * The anonymous page cache: serves readers without a session, never a member's page or a form's
 * token (memory bound: anonymous-cache-memory.test.ts; poisoning shapes: anonymous-cache-poisoning.test.ts).
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
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

describe('what a shared cache in front of the forum is told', () => {
  it('marks every signed-in page private, and leaves anonymous reading pages shareable', async () => {
    const anonymous = await request(forum.app).get('/b/general').expect(200);
    expect(anonymous.headers['cache-control'] ?? '').not.toMatch(/private|no-store/);
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    for (const path of ['/', '/b/general', '/messages', '/settings', '/notifications', '/b/general.json']) {
      const res = await wendy.get(path).expect(200);
      expect([path, res.headers['cache-control']]).toEqual([path, 'private, no-cache']);
    }
    // A signed-in redirect is hers too.
    const redirect = await wendy.get('/signin');
    expect(redirect.headers['cache-control']).toBe('private, no-cache');
  });

  it('marks an anonymous page holding a form token private', async () => {
    const res = await request(forum.app).get('/signin').expect(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });

  it('keeps a route’s own stricter rule: a draft is no-store', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const res = await wendy.get('/drafts/thread-general').set('Accept', 'application/json');
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('lets a member’s browser revalidate a page with its ETag (a 304, no body)', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const first = await wendy.get('/b/general').expect(200);
    const again = await wendy.get('/b/general').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBe('');
  });
});
