/**
 * One log line per request (pino-http), built field by field so nothing else can leak in: request
 * id, method, route pattern, status, duration, bytes, member id or "anonymous". Headers, cookies,
 * query strings and form bodies (passwords, CSRF tokens) are never part of it. A 5xx line carries
 * the error with its stack; the visitor sees only the error page.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
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

export function requestLogger(logger: Logger): RequestHandler {
  const middleware = pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    // Bind only the request id to req.log; the default would bind the whole request, headers included.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Polled paths are left out unless they fail.
    customLogLevel: (req, res, error) => {
      if (error || res.err || res.statusCode >= 500) return 'error';
      return UNLOGGED_PATHS.has(pathOf(req.url)) ? 'silent' : 'info';
    },
    customSuccessObject: (req, res, value: { responseTime: number }) => fieldsOf(req as Request, res as Response, value.responseTime),
    customErrorObject: (req, res, error, value: { responseTime: number }) => ({
      ...fieldsOf(req as Request, res as Response, value.responseTime),
      err: error,
    }),
    customSuccessMessage: (req, res) => `${req.method} ${routePattern(req as Request, res as Response)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${routePattern(req as Request, res as Response)} ${res.statusCode} failed`,
  });
  return middleware as unknown as RequestHandler;
}
