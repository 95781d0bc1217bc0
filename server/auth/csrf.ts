/**
 * CSRF protection (synchroniser token pattern, csrf-sync): every POST carries the session's token
 * in a hidden _csrf field. GET requests change nothing, so they are not checked.
 */
import { csrfSync } from 'csrf-sync';
import type { NextFunction, Request, Response } from 'express';
import { SubmissionRefusedError } from '../errors';
import { SECURE_COOKIE_MESSAGES, SecureCookieProblem } from './secureCookieCheck';
import { markPersonal } from '../middleware/personalPages';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => {
    const token = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof token === 'string' ? token : undefined;
  },
});

/** Rejects a state-changing request without this session's token with a readable 403. */
export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  csrfSynchronisedProtection(req, res, (error?: unknown) => {
    if (error) {
      // When the session cookie cannot work at all, "expired" would send everyone looking in the wrong place.
      const problem = res.locals.secureCookieProblem as SecureCookieProblem | null | undefined;
      next(new SubmissionRefusedError(problem ? SECURE_COOKIE_MESSAGES[problem] : 'This form has expired or did not come from this site. Go back, reload the page and try again.'));
      return;
    }
    next();
  });
}

/**
 * Views call csrfToken() only where they print a form, so anonymous readers get no session. An
 * anonymous visitor's first token makes a session that lives formSessionSeconds (an hour or two),
 * not the 30 days of a signed-in one: fifty visits to /signin leave fifty rows that soon expire.
 */
export function createCsrfTokenExposure(formSessionSeconds: number) {
  return function exposeCsrfToken(req: Request, res: Response, next: NextFunction): void {
    res.locals.csrfToken = () => {
      // A page holding this session's token must never be shared.
      markPersonal(res);
      const session = req.session as (typeof req.session & { csrfToken?: string }) | undefined;
      if (session && !req.user && typeof session.csrfToken !== 'string') session.cookie.maxAge = formSessionSeconds * 1000;
      return generateToken(req);
    };
    next();
  };
}
