/**
 * Baseline 2: a minimal express + ejs app rendering the forum's own thread template from a view
 * model held in memory (taken from the thread page's JSON): the same rendering work, no database.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import * as policies from '../../server/policies';
import { ROLE_LABELS } from '../../server/presenters/members';
import * as urls from '../../server/presenters/urls';
import * as badgeUrls from '../../server/presenters/badgeUrls';
import { loadConfig, projectRoot } from '../../server/config';
import { createViewEngine } from '../../server/read/viewEngine';

const model = JSON.parse(fs.readFileSync(process.env.MODEL_FILE as string, 'utf8')) as Record<string, unknown>;
const app = express();
app.set('views', path.join(projectRoot(), 'views'));
app.set('view engine', 'ejs');
// The app's own view options, so the baseline measures the same template work.
app.engine('ejs', createViewEngine());
app.set('view cache', true);
app.locals.can = policies;
app.locals.urls = urls;
app.locals.badgeUrls = badgeUrls;
app.locals.roleLabels = { ...ROLE_LABELS, anonymous: 'Guest' };
// The same app-wide locals as server/app.ts sets (the templates read them).
app.locals.memberTools = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }).memberTools;
app.get('*path', (req, res) => {
  res.render(String(model.page), {
    ...model,
    actor: policies.ANONYMOUS,
    currentPath: req.originalUrl,
    unreadCount: 0,
    csrfToken: () => '',
  });
});
const server = app.listen(0, () => {
  const address = server.address();
  console.log(`listening on http://localhost:${typeof address === 'object' && address ? address.port : 0}`);
});
// A normal exit, so `node --cpu-prof` writes its profile (BENCH_CPU_PROF).
process.on('SIGTERM', () => server.close(() => process.exit(0)));
