/** GET /metrics: off without METRICS_TOKEN, a bearer token otherwise, and names and labels a scraper relies on. */
import request from 'supertest';
import { createApp } from '../../server/app';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';

const TOKEN = 'metrics-token-for-tests-0123456789';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { metricsToken: TOKEN } });
});
afterAll(() => forum.destroy());

it('is a 404 while no token is configured', async () => {
  // The same database (models are bound to one connection per process), without a token.
  const off = createApp({ db: forum.db, config: { ...forum.config, metricsToken: null } });
  await request(off).get('/metrics').expect(404);
  await request(off).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
});

it('refuses a missing or wrong bearer token', async () => {
  const missing = await request(forum.app).get('/metrics').expect(401);
  expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
  expect(missing.text).not.toContain('forum_');
  await request(forum.app).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token').expect(401);
  await request(forum.app).get('/metrics').set('Authorization', TOKEN).expect(401);
  await request(forum.app).get(`/metrics?token=${TOKEN}`).expect(401);
});

it('reports request durations by route pattern and status, never by raw URL', async () => {
  const { threadPath } = await rolloutThread(forum);
  await request(forum.app).get(`${threadPath}?highlight=secret-value`).expect(200);
  await request(forum.app).get('/no/such/page').expect(404);
  const res = await request(forum.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = res.text;
  expect(text).toMatch(/^forum_http_request_duration_seconds_count\{method="GET",route="\/t\/:threadId\/:slug",status="200"\} 1$/m);
  expect(text).toMatch(/^forum_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/t\/:threadId\/:slug",status="200"\} 1$/m);
  expect(text).toMatch(/^forum_http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} 1$/m);
  expect(text).not.toContain(threadPath);
  expect(text).not.toContain('secret-value');
  expect(text).not.toContain('/no/such/page');
});

it('reports database query times, the write queue, open event streams and event-loop lag', async () => {
  await request(forum.app).get('/').expect(200);
  const { text } = await request(forum.app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  const count = /^forum_db_query_duration_seconds_count (\d+)$/m.exec(text);
  expect(Number(count?.[1])).toBeGreaterThan(0);
  expect(text).toMatch(/^forum_queue_depth\{queue="sqlite_writes"\} 0$/m);
  expect(text).toMatch(/^forum_sse_connections_open 0$/m);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);
  if (forum.db.dialect === 'postgres') {
    expect(text).toMatch(/^forum_db_pool_connections\{state="in_use"\} \d+$/m);
  } else {
    expect(text).not.toMatch(/^forum_db_pool_connections\{/m);
  }
});
