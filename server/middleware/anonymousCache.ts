/**
 * A short-lived cache of whole pages for anonymous readers (a rollout thread can have a hundred
 * thousand of them an hour). Only requests that carry no session cookie are served from it or
 * stored in it, and only plain 200 answers that set no cookie and print no CSRF token, so no
 * member's page ever reaches anyone else. Each process keeps its own copy for a few seconds; nothing
 * depends on it being shared, and staleness is bounded by the TTL.
 *
 * It runs after the JSON negotiation (server/middleware/json.ts) and keys each page on the
 * representation the app decided to answer with, so an "Accept: application/*" request that gets
 * JSON can never be replayed to a browser asking for HTML. The store is lru-cache, bounded in
 * bytes (least recently used pages go first) with expired pages swept on a timer, so a flood of
 * distinct URLs (?v=1, ?v=2 ...) costs at most the byte bound and is given back once it stops.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { LRUCache } from 'lru-cache';
import { SESSION_COOKIE } from '../auth/session';
import { wantsJson } from './json';

interface Entry {
  body: Buffer;
  contentType: string;
  vary: string | null;
}

export interface AnonymousCacheOptions {
  ttlSeconds: number;
  /** The most the stored pages (bodies, keys and bookkeeping) may take, in bytes. */
  maxBytes: number;
}

export interface AnonymousCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
}

/** The cache middleware; stats() is for tests and diagnostics. */
export type AnonymousCache = RequestHandler & { stats(): AnonymousCacheStats };

const MAX_BODY_BYTES = 512 * 1024;
/** A generous estimate of an entry's own objects and the key's characters, beyond the body. */
const ENTRY_OVERHEAD_BYTES = 256;

/** Only the representation this key stands for may be stored under it. */
const CONTENT_TYPE_OF = { json: /^application\/json\b/i, html: /^text\/html\b/i } as const;

export function anonymousPageCache({ ttlSeconds, maxBytes }: AnonymousCacheOptions): AnonymousCache {
  const ttlMs = ttlSeconds * 1000;
  const pages =
    ttlMs > 0
      ? new LRUCache<string, Entry>({
          maxSize: maxBytes,
          maxEntrySize: Math.min(MAX_BODY_BYTES + ENTRY_OVERHEAD_BYTES, maxBytes),
          sizeCalculation: (entry, key) => entry.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES,
          ttl: ttlMs,
          // A stale page is never served; it is dropped when read or by the sweep below.
          allowStale: false,
        })
      : null;
  if (pages) {
    // Expired pages are freed even if no one asks for them again (lru-cache only drops a stale
    // entry on access otherwise). unref: the timer never keeps a process or a test alive.
    setInterval(() => pages.purgeStale(), Math.max(1_000, ttlMs)).unref();
  }

  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    const cacheable =
      pages !== null && (req.method === 'GET' || req.method === 'HEAD') && !(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    if (!cacheable) {
      next();
      return;
    }
    const representation = wantsJson(res) ? 'json' : 'html';
    const key = `${representation} ${req.originalUrl}`;
    const hit = pages.get(key);
    if (hit) {
      res.setHeader('Content-Type', hit.contentType);
      if (hit.vary) res.setHeader('Vary', hit.vary);
      res.setHeader('X-Anonymous-Cache', 'hit');
      res.end(req.method === 'HEAD' ? undefined : hit.body);
      return;
    }
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      // res.send sets text/html itself for a string body when nothing was set before.
      const contentType = String(res.getHeader('Content-Type') ?? (typeof body === 'string' ? 'text/html; charset=utf-8' : ''));
      const cacheControl = String(res.getHeader('Cache-Control') ?? '');
      const storable =
        res.statusCode === 200 &&
        !res.getHeader('Set-Cookie') &&
        res.locals.personal !== true &&
        !/no-store|private/i.test(cacheControl) &&
        (typeof body === 'string' || Buffer.isBuffer(body)) &&
        CONTENT_TYPE_OF[representation].test(contentType);
      if (storable) {
        const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body as string);
        const vary = res.getHeader('Vary');
        // Too large a page is refused by maxEntrySize rather than stored.
        pages.set(key, { body: buffer, contentType, vary: vary === undefined ? null : String(vary) });
      }
      return send(body as never);
    }) as Response['send'];
    next();
  };

  return Object.assign(middleware, {
    stats: (): AnonymousCacheStats => ({ entries: pages?.size ?? 0, bytes: pages?.calculatedSize ?? 0, maxBytes }),
  });
}
