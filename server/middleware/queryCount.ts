/**
 * For the benchmark only (BENCH_QUERY_COUNT=1): answers every request with the number of SQL
 * statements the process ran between its arrival and its headers, in an X-SQL-Queries header.
 *
 * A plain process-wide counter, not AsyncLocalStorage: turning async context tracking on for every
 * promise cost the measured pages about a tenth of their CPU, which the bench then reported as the
 * forum's. The count is exact for a request that runs alone, which is how the bench reads it (one
 * sequential probe before each load run); under concurrency it would include other requests' queries.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '../db';

export function countQueries(db: Database): RequestHandler {
  let total = 0;
  db.observeQueries(() => {
    total += 1;
  });
  return (_req: Request, res: Response, next: NextFunction) => {
    const atArrival = total;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      res.setHeader('X-SQL-Queries', String(total - atArrival));
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}
