/**
 * The process's logger (pino): one JSON object per line in production, for a log shipper to read;
 * readable colored lines in development (pino-pretty, a development dependency: without it the
 * lines stay JSON); silent in tests unless LOG_LEVEL says otherwise. Tests that check log lines
 * pass their own destination stream.
 */
import pino, { DestinationStream, Logger } from 'pino';
import type { Config } from '../config';

export type { Logger };

/** Anything that could carry a secret, wherever it appears in a logged object. */
const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*._csrf',
  '*.csrfToken',
];

function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

export function createLogger(config: Pick<Config, 'env' | 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
  };
  const stream = destination ?? (config.env === 'development' ? prettyStream() : undefined);
  if (stream) return pino(options, stream);
  // Asynchronous writes to standard output: a synchronous write per request line (pino's default)
  // was a tenth of a page's CPU under load. Lines written while one write is in flight go out
  // together; nothing waits for a buffer to fill, and sonic-boom flushes what is left when the
  // process exits (a SIGKILL can lose the last lines, never a request).
  return pino(options, pino.destination({ dest: 1, sync: false }));
}
