/** Pages for signed-in members: anonymous visitors are sent to sign in, and come back afterwards. */
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../errors';
import { isSignedIn } from '../policies';
import { signInUrl } from '../presenters/urls';

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (isSignedIn(res.locals.actor)) {
    next();
    return;
  }
  if (req.method === 'GET') {
    res.redirect(303, signInUrl(req.originalUrl));
    return;
  }
  next(new ForbiddenError('Sign in first.'));
}
