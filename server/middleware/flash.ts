/**
 * One-time messages after a form ("Welcome, Lena E", "Your reply is post 12"): kept in the
 * signed-in member's session by the controller that redirects, shown once by the next page.
 * Anonymous visitors get none, so no session is ever made for a reader (README "Anonymous sessions").
 */
import type { NextFunction, Request, Response } from 'express';

type FlashSession = { flash?: string };

/** Leaves a message for the member's next page; ignored without a signed-in session. */
export function setFlash(req: Request, message: string): void {
  if (!req.user || !req.session) return;
  (req.session as unknown as FlashSession).flash = message.slice(0, 300);
}

/** Puts a waiting message on res.locals.flash for the layout and takes it out of the session. */
export function showFlash(req: Request, res: Response, next: NextFunction): void {
  const session = req.session as unknown as FlashSession | undefined;
  // Only a page shows it: a redirect or a JSON answer leaves it for the page that follows.
  if (session?.flash && req.method === 'GET' && !res.locals.wantsJson) {
    res.locals.flash = session.flash;
    delete session.flash;
  }
  next();
}
