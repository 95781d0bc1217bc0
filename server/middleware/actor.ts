/** Puts the request's actor (the signed-in member, or the anonymous visitor) on res.locals. */
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../models';
import { ANONYMOUS } from '../policies';
import type { Actor } from '../policies';
import { activeSilence, isSuspended } from '../services/sanctionState';
import { markPersonal } from './personalPages';

export function loadActor(req: Request, res: Response, next: NextFunction): void {
  const now = new Date();
  // A suspension ends the member's sessions when it is imposed; should one survive (or be
  // replayed), the member row read for this request still turns it away.
  const member = req.user && !isSuspended(req.user, now) ? req.user : null;
  const actor: Actor = member
    ? { memberId: member.id, role: member.role as Role, displayName: member.displayName, username: member.username, silence: activeSilence(member, now) }
    : ANONYMOUS;
  res.locals.actor = actor;
  if (member) markPersonal(res);
  res.locals.currentPath = req.originalUrl;
  next();
}
