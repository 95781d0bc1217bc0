/**
 * Spots the most common production misconfiguration: the app behind an HTTPS proxy or load
 * balancer without TRUST_PROXY. The session cookie is Secure in production, Express then thinks
 * every request is plain HTTP, express-session never sends the cookie, and every form fails its
 * CSRF check with "This form has expired", which sends the operator looking in the wrong place.
 * This says so once in the log, and csrf.ts tells the visitor what is really wrong.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config';

export type SecureCookieProblem = 'proxy-not-trusted' | 'plain-http';

/** Why a Secure session cookie cannot reach this visitor, if it cannot. */
export function secureCookieProblem(req: Request, config: Pick<Config, 'env'>): SecureCookieProblem | null {
  if (config.env !== 'production' || req.secure) return null;
  const forwardedProto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase();
  return forwardedProto === 'https' ? 'proxy-not-trusted' : 'plain-http';
}

export const SECURE_COOKIE_MESSAGES: Record<SecureCookieProblem, string> = {
  'proxy-not-trusted':
    'This form could not be accepted because the server is misconfigured: it runs behind an HTTPS proxy but does not trust it (TRUST_PROXY is not set), so its secure session cookie never reaches your browser. Please tell the site\'s operator.',
  'plain-http':
    'This form could not be accepted because the site is being served over plain HTTP, and its secure session cookie is only sent over HTTPS. Open the site with https:// or tell the site\'s operator.',
};

/** Marks requests whose session cookie cannot work, warning once per app for a proxy that is not trusted. */
export function createSecureCookieCheck(config: Pick<Config, 'env'>) {
  let warned = false;
  return function checkSecureCookie(req: Request, res: Response, next: NextFunction): void {
    const problem = secureCookieProblem(req, config);
    res.locals.secureCookieProblem = problem;
    if (problem === 'proxy-not-trusted' && !warned) {
      warned = true;
      console.warn(
        'forum: requests arrive with X-Forwarded-Proto: https but Express does not trust the proxy, so the Secure session cookie is never set and every form will fail. Set TRUST_PROXY (e.g. TRUST_PROXY=1 for one proxy in front).',
      );
    }
    next();
  };
}
