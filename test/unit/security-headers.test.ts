/** The recorded security headers are exactly what helmet itself sends with the same options. */
import express from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { helmetOptions, securityHeaders } from '../../server/middleware/securityHeaders';

function appWith(middleware: express.RequestHandler) {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.send('ok');
  });
  return app;
}

const VOLATILE = new Set(['date', 'etag', 'connection', 'keep-alive']);

function stable(headers: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !VOLATILE.has(name)));
}

test.each(['production', 'development'] as const)('the same headers as helmet (%s)', async (env) => {
  const live = await request(appWith(helmet(helmetOptions({ env })))).get('/');
  const recorded = await request(appWith(securityHeaders({ env }))).get('/');
  expect(stable(recorded.headers)).toEqual(stable(live.headers));
  expect(recorded.headers['content-security-policy']).toContain("script-src 'self'");
});
