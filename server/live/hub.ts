/**
 * One live-update hub per app process: it holds the open event streams of thread pages, hears of
 * new posts once for the whole process (on PostgreSQL through the process's one LISTEN
 * connection, server/db/listener.ts, which the email worker shares; on SQLite the in-process
 * emitter), reads each new post once, and writes it to the streams of that thread whose viewer
 * may read it. It bounds streams per process and per member (or address), sends one heartbeat
 * comment to all of them on one timer, and ends them on shutdown.
 */
import type { Config } from '../config';
import type { Database } from '../db';
import { channelListenerFor } from '../db/listener';
import { Actor, canReadPost, seesEverything } from '../policies';
import { postAnchor, postUrl } from '../presenters/urls';
import { LivePostRow, readLivePost, readUnreadCountsAfterPost } from '../read/livePosts';
import { decodeSignal, localNewPosts, NEW_POST_CHANNEL, NewPostSignal } from './publish';

/** What a stream needs from the HTTP response: write and end (so tests and the bench can count them). */
export interface StreamSink {
  write(chunk: string): boolean;
  end(): void;
}

export interface LiveStream {
  threadId: number;
  actor: Actor;
  /** Who counts against the per-member bound: "member:12" or "address:1.2.3.4". */
  holder: string;
  sink: StreamSink;
  /** The highest post number sent (or shown on the page): nothing at or below it is sent again. */
  lastNumber: number;
  /** Posts that arrived while the stream's missed posts were still being read: sent after them, in order. */
  held?: LivePostRow[] | null;
}

/** Ends holding: sends the missed posts, then what arrived meanwhile, in post-number order. */
export function releaseHeld(hub: LiveHub, stream: LiveStream, missed: LivePostRow[]): void {
  const held = stream.held ?? [];
  stream.held = null;
  for (const post of [...missed, ...held].sort((a, b) => a.number - b.number)) hub.sendPost(stream, post);
}

export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: string };

export interface LiveHub {
  /** Admits a stream within the bounds, or says why not. */
  open(stream: LiveStream): Admission;
  /** Writes a post to a stream, as an SSE event with the post number as its id. */
  sendPost(stream: LiveStream, post: LivePostRow): void;
  stats(): { streams: number };
  close(): Promise<void>;
}

type Logger = { warn: (object: object, message: string) => void };

const hubs = new WeakMap<Database, LiveHub>();

/** The process's hub for this database, made on first use. */
export function liveHubFor(db: Database, config: Config, logger?: Logger): LiveHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = createLiveHub(db, config, logger);
    hubs.set(db, hub);
  }
  return hub;
}

export function createLiveHub(db: Database, config: Config, logger?: Logger): LiveHub {
  const { maxConnections, maxPerMember, heartbeatSeconds } = config.live;
  const byThread = new Map<number, Set<LiveStream>>();
  const perHolder = new Map<string, number>();
  let streams = 0;
  let closed = false;
  let heartbeat: NodeJS.Timeout | null = null;
  let unsubscribe: (() => Promise<void>) | null = null;
  let listening: Promise<void> | null = null;

  const sendPost = (stream: LiveStream, post: LivePostRow): void => {
    if (stream.held) {
      stream.held.push(post);
      return;
    }
    if (post.number <= stream.lastNumber) return;
    stream.lastNumber = post.number;
    const data = JSON.stringify({ number: post.number, url: `${postUrl({ id: post.threadId, slug: post.slug }, post.number)}#${postAnchor(post.number)}` });
    stream.sink.write(`id: ${post.number}\nevent: post\ndata: ${data}\n\n`);
  };

  async function deliver(signal: NewPostSignal): Promise<void> {
    const audience = byThread.get(signal.threadId);
    const members = new Map<number, LiveStream[]>();
    for (const set of byThread.values()) {
      for (const stream of set) {
        if (stream.actor.memberId !== null) members.set(stream.actor.memberId, [...(members.get(stream.actor.memberId) ?? []), stream]);
      }
    }
    if (!audience?.size && members.size === 0) return;
    // Read at delivery: a post hidden (or a thread hidden) before now is not sent to those who may not read it.
    const post = audience?.size ? await readLivePost(db, signal.postId) : null;
    if (post) {
      for (const stream of audience ?? []) {
        if (canReadPost(stream.actor, post, post.thread).allowed) sendPost(stream, post);
      }
    }
    // The header's unread count, for members with an open stream whom this post notified.
    const counts = await readUnreadCountsAfterPost(db, signal.postId, [...members.keys()]);
    for (const [memberId, count] of counts) {
      for (const stream of members.get(memberId) ?? []) {
        stream.sink.write(`event: unread\ndata: ${JSON.stringify({ count: seesEverything(stream.actor) ? count.staff : count.member })}\n\n`);
      }
    }
  }

  const onSignal = (signal: NewPostSignal | null): void => {
    if (!signal || closed) return;
    deliver(signal).catch((error: unknown) => logger?.warn({ err: error }, 'live update not delivered'));
  };

  const onLocal = (signal: NewPostSignal) => onSignal(signal);

  /** Started with the first stream, so a process nobody watches live holds no extra connection. */
  function startListening(): void {
    if (listening || closed) return;
    if (db.dialect === 'postgres') {
      listening = channelListenerFor(db, logger)
        .subscribe(NEW_POST_CHANNEL, (payload) => onSignal(decodeSignal(payload)))
        .then((off) => {
          unsubscribe = off;
        })
        .catch((error: unknown) => {
          logger?.warn({ err: error }, 'live updates: could not LISTEN');
          listening = null;
        });
    } else {
      localNewPosts(db).on('post', onLocal);
      listening = Promise.resolve();
    }
    heartbeat ??= setInterval(() => {
      // A comment line: proxies see traffic and keep the connection; EventSource ignores it.
      for (const set of byThread.values()) for (const stream of set) stream.sink.write(': heartbeat\n\n');
    }, heartbeatSeconds * 1000);
    heartbeat.unref();
  }

  return {
    open(stream) {
      if (closed) return { admitted: false, reason: 'The server is stopping.' };
      if (streams >= maxConnections) return { admitted: false, reason: 'Too many live connections on this server; try again soon.' };
      const held = perHolder.get(stream.holder) ?? 0;
      if (held >= maxPerMember) return { admitted: false, reason: 'Too many live connections from you; close some tabs.' };
      perHolder.set(stream.holder, held + 1);
      streams += 1;
      const set = byThread.get(stream.threadId) ?? new Set<LiveStream>();
      set.add(stream);
      byThread.set(stream.threadId, set);
      startListening();
      let released = false;
      return {
        admitted: true,
        release: () => {
          if (released) return;
          released = true;
          streams -= 1;
          const left = (perHolder.get(stream.holder) ?? 1) - 1;
          if (left > 0) perHolder.set(stream.holder, left);
          else perHolder.delete(stream.holder);
          set.delete(stream);
          if (set.size === 0 && byThread.get(stream.threadId) === set) byThread.delete(stream.threadId);
        },
      };
    },
    sendPost,
    stats: () => ({ streams }),
    async close() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      localNewPosts(db).off('post', onLocal);
      for (const set of byThread.values()) for (const stream of set) stream.sink.end();
      byThread.clear();
      await listening;
      await unsubscribe?.();
    },
  };
}
