/**
 * PostgreSQL LISTEN for a process: one dedicated connection per database (not a pool connection,
 * which LISTEN would tie up), shared by every channel subscribed to, opened with the first
 * subscription and closed with the last. A dropped connection is opened again after a second and
 * LISTENs to its channels again; notifications sent meanwhile are lost, so a subscriber must have
 * a fallback (the email worker polls; live pages catch up on reconnect). Used by the live-update
 * hub (server/live/hub.ts) and the email worker (server/email/worker.ts).
 */
import { EventEmitter } from 'node:events';
import { Client } from 'pg';
import type { Database } from './index';

type Handler = (payload: string) => void;
type Logger = { warn: (object: object, message: string) => void };

export interface ChannelListener {
  /** Calls handler with each notification's payload on channel; resolves with the unsubscribe. */
  subscribe(channel: string, handler: Handler): Promise<() => Promise<void>>;
}

const listeners = new WeakMap<Database, ChannelListener>();
const localChannels = new WeakMap<Database, Map<string, EventEmitter>>();

/**
 * What a channel is on SQLite, where the forum is one process: an in-process emitter per
 * (database, channel). Subscribers are per process (a hub, a worker), not per browser; the
 * listener bound guards against a leak, not a real count.
 */
export function localChannel(db: Database, channel: string): EventEmitter {
  let byChannel = localChannels.get(db);
  if (!byChannel) {
    byChannel = new Map();
    localChannels.set(db, byChannel);
  }
  let emitter = byChannel.get(channel);
  if (!emitter) {
    emitter = new EventEmitter();
    emitter.setMaxListeners(16);
    byChannel.set(channel, emitter);
  }
  return emitter;
}

/** The process's listener for this (PostgreSQL) database, made on first use. */
export function channelListenerFor(db: Database, logger?: Logger): ChannelListener {
  let listener = listeners.get(db);
  if (!listener) {
    listener = createChannelListener(db, logger);
    listeners.set(db, listener);
  }
  return listener;
}

function createChannelListener(db: Database, logger?: Logger): ChannelListener {
  const handlers = new Map<string, Set<Handler>>();
  let client: Client | null = null;
  let connecting: Promise<Client> | null = null;

  async function connect(): Promise<Client> {
    // The same database the pool uses (tests open per-file databases that config does not name).
    const { host, port, username, password, database } = db.sequelize.config;
    const fresh = new Client({ host, port: port === undefined ? undefined : Number(port), user: username, password: password ?? undefined, database });
    fresh.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    fresh.on('error', (error) => {
      logger?.warn({ err: error }, 'the LISTEN connection failed; reconnecting');
      if (client === fresh) client = null;
      connecting = null;
      fresh.end().catch(() => undefined);
      setTimeout(() => { if (handlers.size > 0) connection().catch(() => undefined); }, 1_000).unref();
    });
    await fresh.connect();
    for (const channel of handlers.keys()) await fresh.query(`LISTEN ${channel}`);
    client = fresh;
    return fresh;
  }

  function connection(): Promise<Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().catch((error: unknown) => {
      connecting = null;
      throw error;
    });
    return connecting;
  }

  return {
    async subscribe(channel, handler) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
      const set = handlers.get(channel) ?? new Set<Handler>();
      const first = set.size === 0;
      set.add(handler);
      handlers.set(channel, set);
      const open = await connection();
      // A connection made just now LISTENed to every channel already.
      if (first) await open.query(`LISTEN ${channel}`);
      return async () => {
        set.delete(handler);
        if (set.size > 0) return;
        handlers.delete(channel);
        const current = client;
        if (!current) return;
        if (handlers.size === 0) {
          client = null;
          connecting = null;
          await current.end().catch(() => undefined);
        } else {
          await current.query(`UNLISTEN ${channel}`).catch(() => undefined);
        }
      };
    },
  };
}
