/** /healthz and /readyz: what a load balancer asks before sending traffic. */
import request from 'supertest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db';
import { createTestForum, TestForum } from '../helpers/forum';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ seed: false });
});
afterAll(() => forum.destroy());

it('answers both checks without a session, and neither is cached or sets a cookie', async () => {
  const live = await request(forum.app).get('/healthz').expect(200);
  expect(live.body).toEqual({ status: 'ok' });
  const ready = await request(forum.app).get('/readyz').expect(200);
  expect(ready.body).toEqual({ status: 'ready' });
  for (const res of [live, ready]) {
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['set-cookie']).toBeUndefined();
  }
});

it('is not ready while a migration this code knows has not run', async () => {
  const app = createApp({ db: forum.db, config: forum.config });
  const [latest] = await forum.db.sequelize.query('SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1', { type: 'SELECT' }) as Array<{ name: string }>;
  await forum.db.sequelize.query(`DELETE FROM schema_migrations WHERE name = '${latest.name}'`);
  try {
    const res = await request(app).get('/readyz').expect(503);
    expect(res.body).toEqual({ status: 'migrations pending', pending: [latest.name] });
  } finally {
    await forum.db.sequelize.query(`INSERT INTO schema_migrations (name) VALUES ('${latest.name}')`);
  }
  await request(app).get('/readyz').expect(200);
});

it('fails readiness (503) once the database is gone, while the process stays live', async () => {
  // An app on its own connection to the same database, closed under it.
  const db = openDatabase({ databaseUrl: forum.databaseUrl, sqlitePath: forum.sqlitePath, logSql: false });
  const app = createApp({ db, config: forum.config });
  await request(app).get('/readyz').expect(200);
  await db.close();
  const ready = await request(app).get('/readyz').expect(503);
  expect(ready.body).toEqual({ status: 'database unavailable' });
  await request(app).get('/healthz').expect(200);
});
