/** Registering, signing in and signing out. */
import type { NextFunction, Request, Response } from 'express';
import type { Member } from '../../models';
import { safeReturnPath } from '../auth/redirects';
import { SIGN_IN_FAILED, type ForumPassport } from '../auth/passport';
import type { RegistrationThrottle } from '../auth/registrationThrottle';
import { waitText } from '../auth/rateLimitStore';
import { SESSION_COOKIE } from '../auth/session';
import { ValidationError } from '../errors';
import { canRegister, canSignIn } from '../policies';
import { formatDateTime } from '../presenters/format';
import { suspensionNotice } from '../services/sanctionState';
import { AccountDeps, registerMember } from '../services/accounts';
import { draftOfSignIn, keepDraft } from './drafts';
import { setFlash } from '../middleware/flash';
import { registrationForm, signInForm } from '../validation/accounts';
import { parseForm, refillableValues } from '../validation/forms';
import { refreshRankOf } from '../services/ranks';

const SIGN_IN_FIELDS = ['username'] as const;
const REGISTER_FIELDS = ['username', 'displayName', 'email'] as const;

function logIn(req: Request, member: Member): Promise<void> {
  // passport regenerates the session here: a session id known before sign-in is worthless after.
  return new Promise((resolve, reject) => req.logIn(member, (error) => (error ? reject(error) : resolve())));
}

function authenticateLocal(passport: ForumPassport, req: Request, res: Response): Promise<Member | null> {
  return new Promise((resolve, reject) => {
    passport.authenticate('local', (error: unknown, member: Member | false) => {
      if (error) reject(error);
      else resolve(member || null);
    })(req, res, reject as NextFunction);
  });
}

export interface SignInFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  next: string;
}

export function renderSignIn(res: Response, status: number, state: SignInFormState): void {
  // A draft carried from a refused composer stays with every refused sign-in too (wrong password, throttled).
  res.status(status).render('accounts/signin', { title: 'Sign in', ...state, draft: draftOfSignIn(res.req) });
}

function renderRegister(res: Response, status: number, state: SignInFormState): void {
  res.status(status).render('accounts/register', { title: 'Create an account', ...state });
}

export function createAccountController(deps: AccountDeps, passport: ForumPassport, registrationThrottle: RegistrationThrottle) {
  return {
    signInPage(req: Request, res: Response): void {
      const next = safeReturnPath(req.query.next) ?? '';
      if (!canSignIn(res.locals.actor).allowed) {
        res.redirect(303, next || '/');
        return;
      }
      renderSignIn(res, 200, { values: { username: '' }, errors: {}, next });
    },

    async signIn(req: Request, res: Response): Promise<void> {
      const next = safeReturnPath(req.body?.next) ?? '';
      const values = refillableValues(req.body, SIGN_IN_FIELDS);
      if (!canSignIn(res.locals.actor).allowed) {
        res.redirect(303, next || '/');
        return;
      }
      try {
        parseForm(signInForm, req.body);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderSignIn(res, 422, { values, errors: error.fieldErrors, next });
        return;
      }
      const member = await authenticateLocal(passport, req, res);
      if (!member) {
        renderSignIn(res, 401, { values, errors: { form: SIGN_IN_FAILED }, next });
        return;
      }
      // Only after the password matched: the reason is for the member, not for anyone guessing.
      const suspended = suspensionNotice(member, new Date(), formatDateTime);
      if (suspended) {
        renderSignIn(res, 403, { values, errors: { form: suspended }, next });
        return;
      }
      const draft = draftOfSignIn(req);
      await logIn(req, member);
      // Days since joining move without a write: the member's earned rank is brought up to date here.
      await refreshRankOf(deps.db, member.id);
      if (draft) {
        // In the new session: the composer opens with the text, to be posted with a fresh token.
        keepDraft(req, draft);
        res.redirect(303, draft.page);
        return;
      }
      res.redirect(303, next || '/');
    },

    registerPage(req: Request, res: Response): void {
      const next = safeReturnPath(req.query.next) ?? '';
      if (!canRegister(res.locals.actor).allowed) {
        res.redirect(303, '/');
        return;
      }
      renderRegister(res, 200, { values: { username: '', displayName: '', email: '' }, errors: {}, next });
    },

    async register(req: Request, res: Response): Promise<void> {
      const next = safeReturnPath(req.body?.next) ?? '';
      if (!canRegister(res.locals.actor).allowed) {
        res.redirect(303, '/');
        return;
      }
      // Never the passwords: a refused form comes back with the names only.
      const values = refillableValues(req.body, REGISTER_FIELDS);
      try {
        const form = parseForm(registrationForm, req.body);
        // Counted only once the form is valid, just before the costly hash.
        const verdict = await registrationThrottle(req);
        if (!verdict.allowed) {
          res.setHeader('Retry-After', String(verdict.retryAfterSeconds));
          renderRegister(res, 429, {
            values,
            errors: { form: `Too many accounts were created from your address. Try again in ${waitText(verdict.retryAfterSeconds)}.` },
            next,
          });
          return;
        }
        const member = await registerMember(deps, form);
        await logIn(req, member);
        setFlash(req, `Welcome, ${member.displayName}! You are signed in; follow a board or start a thread.`);
        res.redirect(303, next || '/');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderRegister(res, 422, { values, errors: error.fieldErrors, next });
      }
    },

    signOut(req: Request, res: Response, next: NextFunction): void {
      req.logout((logoutError) => {
        if (logoutError) {
          next(logoutError);
          return;
        }
        // Destroyed on the server: the old cookie is worthless even if replayed.
        req.session.destroy((destroyError) => {
          if (destroyError) {
            next(destroyError);
            return;
          }
          res.clearCookie(SESSION_COOKIE);
          res.redirect(303, '/');
        });
      });
    },
  };
}
