/** Sessions in the database (any app process can serve any request), with a hardened cookie. */
import session from 'express-session';
import connectSessionSequelize from 'connect-session-sequelize';
import type { RequestHandler } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { preloadMembersWithSessions } from '../read/sessionMember';

export const SESSION_COOKIE = 'forum.sid';
const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;

const SequelizeStore = connectSessionSequelize(session.Store);

interface StoredSession {
  passport?: { user?: unknown };
}

export function createSessionMiddleware(db: Database, config: Pick<Config, 'env' | 'sessionSecret'>): RequestHandler {
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
  const store = new SequelizeStore(storeOptions as ConstructorParameters<typeof SequelizeStore>[0]);
  // Reads the member and the unread count with the session row: one query per request, not three.
  preloadMembersWithSessions(db, store);
  return session({
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
  });
}
