/**
 * A graceful stop, in order: stop accepting connections (readiness turns 503 at once), run the
 * registered closers (event streams end, workers stop, timers clear), let requests in flight finish
 * for at most timeoutMs (then their connections are cut), and close the database last, so a
 * finishing request can still write.
 */
import type { Server } from 'node:http';
import type { Database } from '../db';
import type { Logger } from '../observability/logger';
import type { Lifecycle } from './shutdown';

// Keep-alive connections that turn idle while we wait are closed as soon as they do.
const IDLE_SWEEP_MS = 100;

export interface StopReport {
  /** Connections still busy when the timeout ran out, and cut. */
  cutConnections: boolean;
}

export async function stopGracefully(
  parts: { server: Server; lifecycle: Lifecycle; db: Database; logger: Logger },
  timeoutMs: number,
): Promise<StopReport> {
  const { server, lifecycle, db, logger } = parts;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);

  for (const failure of await lifecycle.closeAll()) {
    logger.error({ err: failure.error }, `could not close ${failure.name} on shutdown`);
  }

  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), timeoutMs); }),
  ]);
  clearTimeout(timer);
  clearInterval(sweep);
  if (timedOut) {
    logger.warn(`requests still running after ${timeoutMs} ms; closing their connections`);
    server.closeAllConnections();
    await closed;
  }
  await db.close();
  return { cutConnections: timedOut };
}
