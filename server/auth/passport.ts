/**
 * passport-local sign-in. The session stores only the member id; the member is loaded fresh on
 * every request, so a role change applies on the member's next request, even in an old session.
 */
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import passportModule from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Member } from '../../models';
import type { Database } from '../db';
import { preloadedMember } from '../read/sessionMember';
import { AccountDeps, authenticate } from '../services/accounts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // The signed-in member, as passport puts it on req.user.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends Member {}
  }
}

export const SIGN_IN_FAILED = 'That username and password do not match an account.';

/** A passport instance of the app's own, so two apps in one process never share strategies. */
export type ForumPassport = InstanceType<typeof passportModule.Authenticator>;

export function createPassport(deps: AccountDeps): ForumPassport {
  const passport = new passportModule.Authenticator();
  passport.use(
    new LocalStrategy({ usernameField: 'username', passwordField: 'password' }, (username, password, done) => {
      authenticate(deps, username, password)
        .then((member) => done(null, member ?? false, member ? undefined : { message: SIGN_IN_FAILED }))
        .catch(done);
    }),
  );
  passport.serializeUser((member, done) => done(null, (member as Member).id));
  passport.deserializeUser((req: IncomingMessage, id: unknown, done: (error: unknown, member?: Member | false) => void) => {
    // Usually read together with the session row (read/sessionMember.ts).
    const preloaded = preloadedMember(req as Request, id);
    if (preloaded) return done(null, preloaded);
    loadMember(deps.db, id)
      .then((member) => done(null, member ?? false))
      .catch(done);
  });
  return passport;
}

async function loadMember(db: Database, id: unknown): Promise<Member | null> {
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  return db.models.Member.findByPk(id);
}
