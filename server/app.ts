/** createApp(deps): middleware, routes and the error handler. Tests import this; only index.ts listens. */
import path from 'node:path';
import express, { Express } from 'express';
import type { Config } from './config';
import { projectRoot } from './config';
import type { Database } from './db';
import { createCsrfTokenExposure, csrfProtection } from './auth/csrf';
import { createPassport } from './auth/passport';
import { createSessionMiddleware } from './auth/session';
import { createRegistrationThrottle } from './auth/registrationThrottle';
import { createSignInThrottle } from './auth/signInThrottle';
import { loadActor } from './middleware/actor';
import { anonymousPageCache } from './middleware/anonymousCache';
import { jsonNegotiation } from './middleware/json';
import { countQueries } from './middleware/queryCount';
import { loadUnreadCount } from './middleware/unread';
import { createViewEngine } from './read/viewEngine';
import { loadStaffCounts } from './middleware/staffCounts';
import { showFlash } from './middleware/flash';
import { errorHandler, notFound } from './middleware/errors';
import { securityHeaders } from './middleware/securityHeaders';
import { knownMethodsOnly, readableUrlsOnly, verifyFormBody } from './middleware/requestShape';
import * as policies from './policies';
import { ROLE_LABELS } from './presenters/members';
import * as urls from './presenters/urls';
import * as badgeUrls from './presenters/badgeUrls';
import { accountRoutes } from './routes/accounts';
import { emailOneClickRoutes, emailRoutes } from './routes/email';
import { feedRoutes } from './routes/feeds';
import { followingRoutes } from './routes/following';
import { badgeRoutes } from './routes/badges';
import { forumRoutes } from './routes/forum';
import { memberRoutes } from './routes/members';
import { messageRoutes } from './routes/messages';
import { memberToolRoutes } from './routes/memberTools';
import { startReminderTick } from './services/reminderTick';
import { parseAvatarUpload } from './middleware/avatarUpload';
import { postingRoutes } from './routes/posting';
import { readingRoutes } from './routes/reading';
import { reportRoutes } from './routes/reports';
import { staffRoutes } from './routes/staff';
import { deskRoutes } from './routes/desk';
import { searchRoutes } from './routes/search';
import { verificationFeedRoutes } from './routes/verificationFeed';
import type { AccountDeps } from './services/accounts';
import { createPasswordHasher } from './services/passwords';
import { createLifecycle, Lifecycle } from './lifecycle/shutdown';
import { mountOperations } from './observability';
import { createLogger, Logger } from './observability/logger';
import { kudosRoutes } from './routes/kudos';

export interface AppDependencies {
  db: Database;
  config: Config;
  /** Where log lines go; by default a logger built from config (tests pass one writing to a stream). */
  logger?: Logger;
  /** Things to close on shutdown; index.ts passes the one it closes. */
  lifecycle?: Lifecycle;
}

const BODY_LIMIT = '100kb';

export function createApp({ db, config, logger = createLogger(config), lifecycle = createLifecycle() }: AppDependencies): Express {
  const app = express();
  const root = projectRoot();
  const accountDeps: AccountDeps = {
    db,
    passwords: createPasswordHasher(config.passwordHashCost),
    refuseSeededMembers: config.env === 'production',
  };
  const passport = createPassport(accountDeps);

  app.disable('x-powered-by');
  // Request id and log line, metrics, /healthz, /readyz and /metrics: first, so they see every request.
  mountOperations(app, { db, config, logger, lifecycle });
  if (config.exposeQueryCount) app.use(countQueries(db));
  app.set('trust proxy', config.trustProxy);
  app.set('views', path.join(root, 'views'));
  app.set('view engine', 'ejs');
  // ejs compiles the templates; the engine calls them without ejs's per-include copying and file checks.
  app.engine('ejs', createViewEngine());
  if (config.env === 'production') app.set('view cache', true);

  // helmet's headers, recorded once (the options depend on nothing in the request).
  app.use(securityHeaders(config));
  app.use(knownMethodsOnly);
  app.use(readableUrlsOnly);
  app.use(
    '/public',
    express.static(path.join(root, 'public'), { maxAge: config.env === 'production' ? '1d' : 0, index: false }),
  );

  // Signed by the verification service instead of a session: before the session, body parsers and CSRF.
  app.use(verificationFeedRoutes(db, config));
  app.use(emailOneClickRoutes(db, config));

  app.use(jsonNegotiation);
  // After the negotiation: the cache keys pages on the representation the app will answer with.
  app.use(anonymousPageCache({ ttlSeconds: config.anonymousCacheSeconds, maxBytes: config.anonymousCacheMaxBytes }));
  // Flat forms only: no nested objects from field names like a[b][c].
  app.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 100, verify: verifyFormBody }));
  app.use(createSessionMiddleware(db, config, lifecycle));
  app.use(passport.session());
  app.use(loadActor);
  app.use(loadUnreadCount(db));
  app.use(loadStaffCounts(db));
  app.use(createCsrfTokenExposure(config.formSessionSeconds));
  app.use('/settings/avatar', parseAvatarUpload);
  app.use(showFlash);
  app.use(csrfProtection);

  // Views see the policy predicates, so a control shows only where its route would allow it.
  app.locals.can = policies;
  app.locals.urls = urls;
  app.locals.badgeUrls = badgeUrls;
  app.locals.roleLabels = { ...ROLE_LABELS, anonymous: 'Guest' };
  app.locals.memberTools = config.memberTools;
  startReminderTick(db, config.memberTools.reminderTickMs, lifecycle, (error) => logger.error({ err: error }, 'bookmark reminders failed'));

  // Writing routes first: /t/:threadId/replies/new must not be read as a thread slug.
  app.use(postingRoutes(db, config));
  app.use(memberToolRoutes(db, config));
  app.use(staffRoutes(db));
  app.use(deskRoutes(db, config));
  app.use(reportRoutes(db, config));
  app.use(messageRoutes(db, config));
  app.use(kudosRoutes(db, config));
  app.use(followingRoutes(db));
  app.use(feedRoutes(db, config));
  app.use(searchRoutes(db));
  app.use(badgeRoutes(db));
  app.use(readingRoutes(db, config, lifecycle));
  app.use(forumRoutes(db));
  app.use(memberRoutes(db));
  app.use(emailRoutes(accountDeps, config));
  app.use(accountRoutes(accountDeps, passport, { signIn: createSignInThrottle(db, config), registration: createRegistrationThrottle(db, config) }));

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
