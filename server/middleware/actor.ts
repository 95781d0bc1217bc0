/** Puts the request's actor on res.locals for controllers and views. Anonymous until sign-in exists. */
import type { NextFunction, Request, Response } from 'express';
import { ANONYMOUS } from '../policies';

export function loadActor(_req: Request, res: Response, next: NextFunction): void {
  res.locals.actor = ANONYMOUS;
  next();
}
