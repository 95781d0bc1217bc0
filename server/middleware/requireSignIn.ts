/** Pages for signed-in members: anonymous visitors are sent to sign in, and come back afterwards; JSON asks get 401. */
import type { NextFunction, Request, Response } from 'express';
import { SubmissionRefusedError, UnauthorizedError } from '../errors';
import { wantsJson } from './json';
import { isSignedIn } from '../policies';
import { signInUrl } from '../presenters/urls';

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (isSignedIn(res.locals.actor)) {
    next();
    return;
  }
  if (req.method === 'GET' && wantsJson(res)) {
    // A program gets the answer it can act on, not an HTML sign-in form at /signin.json.
    next(new UnauthorizedError('Sign in first.'));
    return;
  }
  if (req.method === 'GET') {
    res.redirect(303, signInUrl(req.originalUrl));
    return;
  }
  next(new SubmissionRefusedError('You are not signed in (perhaps you signed out in another tab). Sign in first.'));
}
