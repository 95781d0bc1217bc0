/**
 * The security headers (helmet), with a Content-Security-Policy that allows no inline script.
 *
 * Our helmet options depend on nothing in the request, so helmet runs once, at start, against a
 * recording response, and every request then gets the recorded headers in one loop instead of
 * passing through helmet's dozen middleware functions (measurable on pages that cost well under
 * a millisecond). A policy that ever needs the request (a nonce) must go back to calling helmet.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config';

export function helmetOptions(config: Pick<Config, 'env'>): Parameters<typeof helmet>[0] {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        // Only behind HTTPS: on plain-HTTP development hosts it would break every asset.
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
  };
}

/** What helmet does to a response with these options: headers set and headers removed. */
function recordHelmet(options: Parameters<typeof helmet>[0]): { set: Array<[string, string]>; removed: string[] } {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader(name: string, value: unknown) {
      set.push([name, String(value)]);
    },
    removeHeader(name: string) {
      removed.push(name);
    },
    getHeader: () => undefined,
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish synchronously; call it per request instead');
  return { set, removed };
}

export function securityHeaders(config: Pick<Config, 'env'>): RequestHandler {
  const { set, removed } = recordHelmet(helmetOptions(config));
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
