/**
 * A short-lived cache of whole pages for anonymous readers (a rollout thread can have a hundred
 * thousand of them an hour). Only requests that carry no session cookie are served from it or
 * stored in it, and only plain 200 answers that set no cookie and print no CSRF token, so no
 * member's page ever reaches anyone else. Each process keeps its own copy for a few seconds; nothing depends on it being
 * shared, and staleness is bounded by the TTL.
 */
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../auth/session';

interface Entry {
  body: Buffer;
  contentType: string;
  expiresAt: number;
}

const MAX_ENTRIES = 1_000;
const MAX_BODY_BYTES = 512 * 1024;

export function anonymousPageCache(ttlSeconds: number) {
  const entries = new Map<string, Entry>();
  const ttlMs = ttlSeconds * 1000;

  const remember = (key: string, entry: Entry) => {
    // Map keeps insertion order: dropping the first key drops the oldest entry.
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    entries.set(key, entry);
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    const cacheable = ttlMs > 0 && (req.method === 'GET' || req.method === 'HEAD') && !(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    if (!cacheable) {
      next();
      return;
    }
    const key = `${req.headers.accept?.includes('application/json') ? 'json' : 'html'} ${req.originalUrl}`;
    const hit = entries.get(key);
    if (hit && hit.expiresAt > Date.now()) {
      res.setHeader('Content-Type', hit.contentType);
      res.setHeader('X-Anonymous-Cache', 'hit');
      res.end(req.method === 'HEAD' ? undefined : hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      // res.send sets text/html itself for a string body when nothing was set before.
      const contentType = String(res.getHeader('Content-Type') ?? (typeof body === 'string' ? 'text/html; charset=utf-8' : ''));
      const storable =
        res.statusCode === 200 &&
        !res.getHeader('Set-Cookie') &&
        res.locals.personal !== true &&
        (typeof body === 'string' || Buffer.isBuffer(body)) &&
        /^(text\/html|application\/json)/.test(contentType);
      if (storable) {
        const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body as string);
        if (buffer.length <= MAX_BODY_BYTES) remember(key, { body: buffer, contentType, expiresAt: Date.now() + ttlMs });
      }
      return send(body as never);
    }) as Response['send'];
    next();
  };
}
