/**
 * Sessions in the database (any app process can serve any request), with a hardened cookie.
 * Anonymous readers get no session at all; an anonymous visitor who opens a form (sign in,
 * register) gets a short-lived one for its CSRF token (see csrf.ts), swept once it expires. Only
 * signing in makes a 30-day session (passport regenerates it with the default cookie).
 */
import session from 'express-session';
import connectSessionSequelize from 'connect-session-sequelize';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import type { Lifecycle } from '../lifecycle/shutdown';
import { preloadMembersWithSessions } from '../read/sessionMember';
import { createSecureCookieCheck } from './secureCookieCheck';

export const SESSION_COOKIE = 'forum.sid';
const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;

const SequelizeStore = connectSessionSequelize(session.Store);

interface StoredSession {
  passport?: { user?: unknown };
}

/** The database store; the middleware's, and tests' to sweep with. */
export function createSessionStore(db: Database, config: Pick<Config, 'env'>): session.Store & { clearExpiredSessions(done?: () => void): Promise<void>; stopExpiringSessions(): void } {
  const storeOptions = {
    db: db.sequelize,
    table: 'Session',
    expiration: THIRTY_DAYS_MS,
    // Expired rows are swept by the app process; tests open and close databases too quickly for that.
    checkExpirationInterval: config.env === 'test' ? 0 : 15 * 60_000,
    // A session lasts 30 days from sign-in; touching it on every page would be a write per request.
    disableTouch: true,
    // Keeps the member id beside the session so their other sessions can be ended.
    extendDefaultFields: (defaults: { data: string; expires: Date }, stored: StoredSession) => ({
      ...defaults,
      memberId: typeof stored.passport?.user === 'number' ? stored.passport.user : null,
    }),
  };
  // disableTouch is supported by connect-session-sequelize but missing from its type definitions.
  return new SequelizeStore(storeOptions as ConstructorParameters<typeof SequelizeStore>[0]) as unknown as ReturnType<typeof createSessionStore>;
}

export function createSessionMiddleware(db: Database, config: Pick<Config, 'env' | 'sessionSecret'>, lifecycle?: Lifecycle): RequestHandler[] {
  const store = createSessionStore(db, config);
  // Reads the member and the unread count with the session row: one query per request, not three.
  preloadMembersWithSessions(db, store);
  // The expiry sweep's interval timer would keep a stopping process alive.
  lifecycle?.onShutdown('session expiry timer', () => store.stopExpiringSessions());
  // First: a Secure cookie that cannot be sent is noticed before the session depends on it.
  return [createSecureCookieCheck(config), session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    // Anonymous readers get no session row until they open a form.
    saveUninitialized: false,
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.env === 'production',
      maxAge: THIRTY_DAYS_MS,
    },
  })];
}
