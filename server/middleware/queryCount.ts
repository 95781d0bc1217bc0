/**
 * For the benchmark only (BENCH_QUERY_COUNT=1): answers every request with the number of SQL
 * statements it ran, in an X-SQL-Queries header. AsyncLocalStorage keeps concurrent requests apart.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db';

export function countQueries(db: Database): RequestHandler {
  const storage = new AsyncLocalStorage<{ count: number }>();
  db.observeQueries(() => {
    const store = storage.getStore();
    if (store) store.count += 1;
  });
  return (_req: Request, res: Response, next: NextFunction) => {
    const store = { count: 0 };
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      res.setHeader('X-SQL-Queries', String(store.count));
      return writeHead(...args);
    }) as Response['writeHead'];
    storage.run(store, next);
  };
}
