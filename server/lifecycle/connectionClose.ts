/**
 * While the process stops, every answer it still sends, including those to requests already in
 * flight when the signal came, says "Connection: close", so a client does not send its next
 * request over a kept-alive connection that is about to be closed under it.
 */
import type { RequestHandler } from 'express';
import onHeaders from 'on-headers';
import type { Lifecycle } from './shutdown';

export function closeConnectionsWhileStopping(lifecycle: Lifecycle): RequestHandler {
  return (_req, res, next) => {
    onHeaders(res, () => {
      if (lifecycle.stopping) res.setHeader('Connection', 'close');
    });
    next();
  };
}
