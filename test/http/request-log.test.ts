/** The request log: one JSON line per request with the route pattern, never secrets or raw URLs. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { rolloutThread } from '../helpers/forum';
import { createLoggedForum, LoggedForum } from '../helpers/logCapture';
import { csrfTokenFrom, sessionCookieOf } from '../helpers/session';

let forum: LoggedForum;
beforeAll(async () => {
  forum = await createLoggedForum();
});
afterAll(() => forum.destroy());

it('logs a page view with its route pattern, status, duration, bytes, visitor and request id', async () => {
  const { threadPath } = await rolloutThread(forum);
  const res = await request(forum.app).get(`${threadPath}?highlight=private-query-value`).expect(200);
  const requestId = res.headers['x-request-id'];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const line = await forum.lineWhere((each) => each.requestId === requestId);
  expect(line).toMatchObject({
    level: 30,
    method: 'GET',
    route: '/t/:threadId/:slug',
    status: 200,
    bytes: Number(res.headers['content-length']),
    member: 'anonymous',
  });
  expect(typeof line.durationMs).toBe('number');
  expect(forum.raw()).not.toContain('private-query-value');
  expect(forum.raw()).not.toContain(threadPath);
});

it('names 404s "unmatched" and static files by their folder, not by the URL asked for', async () => {
  const missing = await request(forum.app).get('/no/such/page?token=leak-me').expect(404);
  expect(await forum.lineWhere((line) => line.requestId === missing.headers['x-request-id'])).toMatchObject({ route: 'unmatched', status: 404 });
  const css = await request(forum.app).get('/public/css/site.css');
  expect(await forum.lineWhere((line) => line.requestId === css.headers['x-request-id'])).toMatchObject({ route: '/public/*' });
  expect(forum.raw()).not.toContain('leak-me');
  expect(forum.raw()).not.toContain('/no/such/page');
});

it('never logs the cookie, the CSRF token or the password of a sign-in, and logs the member id after it', async () => {
  const agent = request.agent(forum.app);
  const csrf = await csrfTokenFrom(agent, '/signin');
  const password = DEVELOPMENT_PASSWORD;
  const signedIn = await agent.post('/signin').type('form').send({ username: 'MsS', password, _csrf: csrf }).expect(303);
  const cookie = sessionCookieOf(signedIn.headers['set-cookie'])!;
  const signInLine = await forum.lineWhere((line) => line.requestId === signedIn.headers['x-request-id']);
  expect(signInLine).toMatchObject({ method: 'POST', route: '/signin', status: 303 });

  const page = await agent.get('/').set('Authorization', 'Bearer not-for-logs-1234').expect(200);
  const member = await forum.db.models.Member.findOne({ where: { username: 'MsS' } });
  expect(await forum.lineWhere((line) => line.requestId === page.headers['x-request-id'])).toMatchObject({ route: '/', member: member!.id });

  const text = forum.raw();
  expect(text).not.toContain(cookie.split('=')[1]);
  expect(text).not.toContain(csrf);
  expect(text).not.toContain(password);
  expect(text).not.toContain('not-for-logs-1234');
  expect(text).not.toMatch(/cookie|_csrf|password/i);
});

it('reuses a short safe X-Request-Id from a proxy and replaces anything else', async () => {
  const safe = await request(forum.app).get('/').set('X-Request-Id', 'lb-4f2a9c01');
  expect(safe.headers['x-request-id']).toBe('lb-4f2a9c01');
  for (const unsafe of ['short', 'x'.repeat(65), 'id with spaces "quoted"', '<script>alert(1)</script>']) {
    const res = await request(forum.app).get('/').set('X-Request-Id', unsafe);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  }
  expect(forum.raw()).not.toContain('<script>');
});

it('leaves health checks out of the log', async () => {
  const before = forum.lines().length;
  await request(forum.app).get('/healthz').expect(200);
  await request(forum.app).get('/readyz').expect(200);
  const marker = await request(forum.app).get('/');
  await forum.lineWhere((line) => line.requestId === marker.headers['x-request-id']);
  expect(forum.lines().slice(before).map((line) => line.route)).toEqual(['/']);
});

it('logs a failure once, with its stack, and shows the visitor only the error page', async () => {
  // An app on a second connection to the same database, closed under it.
  const broken = await forum.withOwnConnection();
  await broken.close();
  const res = await request(broken.app).get('/').expect(500);
  expect(res.text).toContain('The forum hit an unexpected problem');
  expect(res.text).not.toMatch(/\n\s+at /);
  const failures = broken.lines().filter((line) => line.requestId === res.headers['x-request-id']);
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatchObject({ level: 50, route: '/', status: 500 });
  expect((failures[0].err as { stack?: string }).stack).toMatch(/\n\s+at /);
});
