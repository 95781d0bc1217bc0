/** Puts the request's actor (the signed-in member, or the anonymous visitor) on res.locals. */
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../models';
import { ANONYMOUS } from '../policies';
import type { Actor } from '../policies';

export function loadActor(req: Request, res: Response, next: NextFunction): void {
  const member = req.user;
  const actor: Actor = member
    ? { memberId: member.id, role: member.role as Role, displayName: member.displayName, username: member.username }
    : ANONYMOUS;
  res.locals.actor = actor;
  res.locals.currentPath = req.originalUrl;
  next();
}
