/**
 * One log line per request (pino), built field by field so nothing else can leak in: request
 * id, method, route pattern, status, duration, bytes, member id or "anonymous". Headers, cookies,
 * query strings and form bodies (passwords, CSRF tokens) are never part of it. A 5xx line carries
 * the error with its stack; the visitor sees only the error page.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger';
import { routePattern } from './route';

/** Paths that load balancers and scrapers poll: not worth a line each while they succeed. */
export const UNLOGGED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** An incoming X-Request-Id (from a proxy) is reused only when it cannot smuggle anything into a log. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

function pathOf(url: string | undefined): string {
  const end = (url ?? '').search(/[?#]/);
  return end < 0 ? url ?? '' : (url ?? '').slice(0, end);
}

function fieldsOf(req: Request, res: Response, durationMs: number) {
  const memberId = (res.locals?.actor as { memberId?: number | null } | undefined)?.memberId;
  const length = Number(res.getHeader('content-length'));
  // requestId is bound to the request's logger, so pino writes it first on the line.
  return {
    method: req.method,
    route: routePattern(req, res),
    status: res.headersSent ? res.statusCode : 0,
    durationMs,
    bytes: Number.isFinite(length) ? length : 0,
    member: typeof memberId === 'number' ? memberId : 'anonymous',
  };
}

/**
 * The line is written when the response closes (after it was sent, or when the client went away).
 * A hand-written middleware rather than pino-http: pino-http made a child logger with its own
 * serializers for every request and, with the synchronous write it then did, cost about a tenth
 * of a signed-in page's CPU; this one builds the line only when the level is enabled.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.once('close', () => {
      const error = (res as Response & { err?: Error }).err;
      const failed = Boolean(error) || res.statusCode >= 500;
      if (!failed && UNLOGGED_PATHS.has(pathOf(req.url))) return;
      const level = failed ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const fields = { requestId, ...fieldsOf(req, res, durationMs), ...(failed && error ? { err: error } : {}) };
      const route = fields.route;
      logger[level](fields, `${req.method} ${route} ${res.statusCode}${failed ? ' failed' : ''}`);
    });
    next();
  };
}
