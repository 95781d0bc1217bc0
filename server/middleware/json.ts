/**
 * Every page also answers in JSON: "Accept: application/json" or a ".json" suffix. The JSON is the
 * very view model the HTML view would get (the same presenters, the same permission checks), so
 * nothing reaches JSON that the page would not show.
 */
import type { NextFunction, Request, Response } from 'express';

const JSON_SUFFIX = /\.json(?=$|\?)/;

/** Keys of the locals that are for templates only. */
const TEMPLATE_ONLY = new Set(['settings', '_locals', 'cache', 'csrfToken', 'can', 'urls', 'roleLabels', 'currentPath']);

export function wantsJson(res: Response): boolean {
  return res.locals.wantsJson === true;
}

/** The JSON body for a page: the view's own locals, plus who is looking. */
export function pageJson(view: string, locals: Record<string, unknown>, res: Response): Record<string, unknown> {
  const body: Record<string, unknown> = { page: view };
  for (const [key, value] of Object.entries(locals)) {
    if (!TEMPLATE_ONLY.has(key) && key !== 'actor' && typeof value !== 'function') body[key] = value;
  }
  const actor = res.locals.actor;
  body.viewer = actor && actor.memberId !== null
    ? { username: actor.username, displayName: actor.displayName, role: actor.role, unreadNotifications: res.locals.unreadCount ?? 0, unreadMessages: res.locals.unreadMessages ?? 0 }
    : null;
  return body;
}

function withJsonSuffix(url: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  const match = /^([^?#]*)(.*)$/.exec(url)!;
  return `${match[1] === '/' ? '/index' : match[1]}.json${match[2]}`;
}

export function jsonNegotiation(req: Request, res: Response, next: NextFunction): void {
  const readable = req.method === 'GET' || req.method === 'HEAD';
  const bySuffix = readable && JSON_SUFFIX.test(req.path);
  if (bySuffix) {
    req.url = req.url.replace(JSON_SUFFIX, '');
    if (req.url === '/index' || req.url.startsWith('/index?')) req.url = req.url.replace('/index', '/');
  }
  const byAccept = readable && !bySuffix && req.accepts(['text/html', 'application/json']) === 'application/json';
  res.locals.wantsJson = bySuffix || byAccept;
  if (res.locals.wantsJson) {
    res.render = ((view: string, locals?: Record<string, unknown>) => {
      res.json(pageJson(view, locals ?? {}, res));
    }) as Response['render'];
    if (bySuffix) {
      const redirect = res.redirect.bind(res) as (status: number, url: string) => void;
      res.redirect = ((status: number | string, url?: string) => {
        if (typeof status === 'number') redirect(status, withJsonSuffix(String(url)));
        else redirect(302, withJsonSuffix(status));
      }) as Response['redirect'];
    }
  }
  // Every readable page without the suffix answers by the Accept header, HTML included, so any
  // cache between us and the reader must keep the two apart.
  if (readable && !bySuffix) res.vary('Accept');
  next();
}
