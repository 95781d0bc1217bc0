/**
 * A thread's live event stream (Server-Sent Events) for its open page: the posts published after
 * the one the page (or the stream, reconnecting with Last-Event-ID) last had, then each new post
 * as it arrives, and the member's unread count when a post notifies them. Bounded by the hub.
 */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { NotFoundError, HttpError } from '../errors';
import { Actor, canFollowLiveUpdates, viewerOf } from '../policies';
import { liveHubFor, LiveStream, releaseHeld } from '../live/hub';
import type { Lifecycle } from '../lifecycle/shutdown';
import { readPostsAfter } from '../read/livePosts';
import { readThread } from '../read/threadPage';
import { parsePathNumber } from './params';

/** Posts resent to a stream that missed them; a reader further behind reloads the page. */
const RESEND_LIMIT = 20;
const CURSOR = /^\d{1,10}$/;

class TooManyStreamsError extends HttpError {
  constructor(message: string) {
    super(429, message);
  }
}

function cursorOf(req: Request): number {
  const header = req.get('Last-Event-ID');
  const value = header !== undefined && header !== '' ? header : req.query.after;
  return typeof value === 'string' && CURSOR.test(value) ? Number(value) : 0;
}

export function createLiveController(db: Database, config: Config, lifecycle: Lifecycle) {
  const hub = liveHubFor(db, config);
  lifecycle.onShutdown('live-updates', () => hub.close());

  return {
    async events(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const { thread } = await readThread(db, parsePathNumber(req.params.threadId), actor.memberId);
      if (!canFollowLiveUpdates(actor, thread).allowed) throw new NotFoundError('There is no thread at this address.');
      const stream: LiveStream = {
        threadId: thread.id,
        actor,
        holder: actor.memberId !== null ? `member:${actor.memberId}` : `address:${req.ip}`,
        sink: { write: (chunk) => res.write(chunk), end: () => res.end() },
        lastNumber: cursorOf(req),
        held: [],
      };
      const admission = hub.open(stream);
      if (!admission.admitted) {
        res.setHeader('Retry-After', '30');
        throw new TooManyStreamsError(admission.reason);
      }
      req.on('close', admission.release);
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      // Proxies such as nginx would otherwise buffer the stream.
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      res.write('retry: 5000\n\n');
      // Subscribed before this read, so nothing falls between; posts arriving meanwhile wait, then
      // everything goes out in order, and lastNumber drops what would be sent twice.
      try {
        const missed = await readPostsAfter(db, thread.id, stream.lastNumber, viewerOf(actor), RESEND_LIMIT);
        releaseHeld(hub, stream, missed);
      } catch {
        // The headers are sent: end the stream (EventSource reconnects with its Last-Event-ID).
        res.end();
      }
    },
  };
}
