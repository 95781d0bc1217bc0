/**
 * Opens the database (SQLite file by default, PostgreSQL when DATABASE_URL is set) and offers the
 * one way to write: writeTransaction(). SQLite allows one writer at a time and Sequelize gives each
 * transaction its own connection, so on SQLite writes are queued in this process; PostgreSQL runs
 * them concurrently and row locks keep them correct.
 */
import fs from 'node:fs';
import path from 'node:path';
import { QueryTypes, Sequelize, Transaction } from 'sequelize';
import type { Config } from '../config';
import { defineModels, Models } from '../../models';
import { openReader, sqliteDriver } from './sqliteDriver';
import { bindNamed, Replacements, StatementCache, statementName } from './read';

export type Dialect = 'sqlite' | 'postgres';

/** Lets a service join a caller's transaction. */
export interface WriteOptions {
  transaction?: Transaction;
}

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  models: Models;
  /**
   * Runs fn in a transaction; on SQLite, after every earlier write of this process has finished.
   * Given an outer transaction, fn joins it instead, so services compose into one atomic write.
   */
  writeTransaction<T>(fn: (transaction: Transaction) => Promise<T>, outer?: Transaction): Promise<T>;
  /**
   * A SELECT outside any transaction, as plain rows, with Sequelize's `:name` replacements
   * (server/db/read.ts): the read pages' path, without Sequelize's per-statement work and with
   * prepared statements reused. Inside a transaction, use sequelize.query with it.
   */
  read<T extends object = Record<string, unknown>>(sql: string, replacements?: Replacements): Promise<T[]>;
  /** Calls listener with every SQL statement until the returned function is called (tests, benchmark). */
  observeQueries(listener: (sql: string) => void): () => void;
  close(): Promise<void>;
  /** Calls listener with each statement's duration in seconds (metrics) until the returned function is called. */
  observeQueryDurations(listener: (seconds: number) => void): () => void;
  /** What the metrics gauges read: writes waiting for SQLite's one writer, and the connection pool. */
  stats(): DatabaseStats;
}

export interface DatabaseStats {
  /** SQLite writes queued in this process behind the one running (always 0 on PostgreSQL). */
  queuedWrites: number;
  /** PostgreSQL's connection pool; null on SQLite, which has no pool. */
  pool: { size: number; idle: number; inUse: number; waiting: number } | null;
}

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'sqlitePath' | 'logSql'>;

function openSequelize(config: DatabaseConfig): Sequelize {
  const logging = config.logSql ? (sql: string) => console.log(sql) : false;
  if (config.databaseUrl) {
    return new Sequelize(config.databaseUrl, {
      dialect: 'postgres',
      logging,
      pool: { max: 10, min: 0, idle: 10_000 },
    });
  }
  if (config.sqlitePath !== ':memory:') {
    fs.mkdirSync(path.dirname(config.sqlitePath), { recursive: true });
  }
  return new Sequelize({
    dialect: 'sqlite',
    dialectModule: sqliteDriver,
    storage: config.sqlitePath,
    logging,
  });
}

/** A promise chain that runs one task at a time, in the order they were queued; length counts tasks not yet done. */
function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  let length = 0;
  const enqueue = function enqueue<T>(task: () => Promise<T>): Promise<T> {
    length += 1;
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    const done = () => { length -= 1; };
    run.then(done, done);
    return run;
  };
  return Object.assign(enqueue, { pending: () => length });
}

/** Times statements with Sequelize's query hooks, installed on the first listener; db.read reports its own. */
function queryTimer(sequelize: Sequelize) {
  const listeners = new Set<(seconds: number) => void>();
  const started = new WeakMap<object, bigint>();
  let installed = false;
  const report = (seconds: number) => {
    for (const each of listeners) each(seconds);
  };
  const observe = (listener: (seconds: number) => void): (() => void) => {
    if (!installed) {
      installed = true;
      sequelize.addHook('beforeQuery', (_options, query) => { started.set(query, process.hrtime.bigint()); });
      sequelize.addHook('afterQuery', (_options, query) => {
        const start = started.get(query);
        if (start === undefined || listeners.size === 0) return;
        report(Number(process.hrtime.bigint() - start) / 1e9);
      });
    }
    listeners.add(listener);
    return () => { listeners.delete(listener); };
  };
  return { observe, report, listening: () => listeners.size > 0 };
}

interface PoolCounts { size: number; available: number; using: number; waiting: number }

function poolStats(sequelize: Sequelize): DatabaseStats['pool'] {
  const pool = (sequelize as unknown as { connectionManager: { pool?: { write?: PoolCounts } & Partial<PoolCounts> } }).connectionManager.pool;
  // Sequelize wraps the pool in read/write halves only when replication is configured.
  const counts = pool && typeof pool.size === 'number' ? (pool as PoolCounts) : pool?.write;
  return counts ? { size: counts.size, idle: counts.available, inUse: counts.using, waiting: counts.waiting } : null;
}

const SQLITE_READERS = 4;

/**
 * Sequelize sends every statement outside a transaction through one SQLite connection, which runs
 * them one at a time. SELECTs outside transactions go instead to a few read-only connections in
 * turn, so concurrent page views read in parallel (WAL); writes and transactions are untouched.
 * (A PRAGMA that writes, such as integrity_check over FTS5 tables, must not be typed SELECT.)
 */
function spreadSqliteReads(sequelize: Sequelize, filename: string) {
  const manager = (sequelize as unknown as {
    connectionManager: { getConnection: (options?: { type?: string; transaction?: unknown }) => Promise<unknown> };
  }).connectionManager;
  const getConnection = manager.getConnection.bind(manager);
  const readers: Array<Promise<Awaited<ReturnType<typeof openReader>>>> = [];
  const statements: Array<Promise<StatementCache>> = [];
  let next = 0;
  const reader = (slot: number) => (readers[slot] ??= openReader(filename));
  manager.getConnection = (options) => {
    if (!options || options.type !== 'SELECT' || options.transaction) return getConnection(options);
    return reader(next++ % SQLITE_READERS);
  };
  return {
    /** db.read's statements, on the same read-only connections in turn. */
    all(text: string, values: unknown[], prepare: boolean) {
      const slot = next++ % SQLITE_READERS;
      statements[slot] ??= reader(slot).then((connection) => new StatementCache(connection));
      return statements[slot].then((cache) => cache.all(text, values, prepare));
    },
    async close(): Promise<void> {
      // The slots are filled as used, so either list can have holes.
      const caches = await Promise.allSettled(statements.filter(Boolean));
      await Promise.all(caches.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])));
      const opened = await Promise.allSettled(readers.filter(Boolean));
      await Promise.all(
        opened.flatMap((result) => (result.status === 'fulfilled' ? [new Promise((done) => result.value.close(done))] : [])),
      );
    },
  };
}

interface PgClient {
  query(query: { name?: string; text: string; values: unknown[] }): Promise<{ rows: Record<string, unknown>[] }>;
}

/** db.read on PostgreSQL: a connection of Sequelize's pool, a named (prepared) statement per SQL text. */
function postgresReads(sequelize: Sequelize) {
  const manager = (sequelize as unknown as {
    connectionManager: { getConnection(options: { type: string }): Promise<PgClient>; releaseConnection(connection: PgClient): Promise<void> };
  }).connectionManager;
  return async (text: string, values: unknown[], prepare: boolean) => {
    const connection = await manager.getConnection({ type: 'SELECT' });
    try {
      return (await connection.query(prepare ? { name: statementName(text), text, values } : { text, values })).rows;
    } finally {
      await manager.releaseConnection(connection);
    }
  };
}

export function openDatabase(config: DatabaseConfig): Database {
  const sequelize = openSequelize(config);
  const dialect: Dialect = config.databaseUrl ? 'postgres' : 'sqlite';
  const sqliteReads = dialect === 'sqlite' && config.sqlitePath !== ':memory:' ? spreadSqliteReads(sequelize, config.sqlitePath) : null;
  const closeReaders = sqliteReads ? () => sqliteReads.close() : async () => undefined;
  const readDirect = dialect === 'postgres' ? postgresReads(sequelize) : sqliteReads ? sqliteReads.all : null;
  const models = defineModels(sequelize);
  const enqueueWrite = createSerialQueue();

  // Writes still running (e.g. a rate-limit update after the answer was sent) finish before close.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(write: Promise<T>): Promise<T> => {
    inFlight.add(write);
    const settle = () => inFlight.delete(write);
    write.then(settle, settle);
    return write;
  };

  const writeTransaction = <T>(fn: (transaction: Transaction) => Promise<T>, outer?: Transaction): Promise<T> => {
    if (outer) return fn(outer);
    if (dialect === 'postgres') return track(sequelize.transaction(fn));
    // IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way on upgrade.
    return track(enqueueWrite(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn)));
  };

  // Sequelize reads options.logging for every statement; it is swapped in only while observed.
  const options = (sequelize as unknown as { options: { logging: false | ((sql: string) => void) } }).options;
  const baseLogging = options.logging;
  const listeners = new Set<(sql: string) => void>();
  const observeQueries = (listener: (sql: string) => void): (() => void) => {
    listeners.add(listener);
    options.logging = (sql: string) => {
      if (baseLogging) baseLogging(sql);
      for (const each of listeners) each(sql);
    };
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) options.logging = baseLogging;
    };
  };

  const durations = queryTimer(sequelize);
  let closed = false;
  const read = async <T extends object>(sql: string, replacements: Replacements = {}): Promise<T[]> => {
    // The read connections open lazily: without this, a closed database would quietly open new ones.
    if (closed) throw new Error('The database connection is closed');
    // An in-memory SQLite database has no separate read connections: Sequelize's own path.
    if (!readDirect) return sequelize.query<T>(sql, { replacements, type: QueryTypes.SELECT });
    const { text, values, prepare } = bindNamed(sql, replacements, dialect);
    // Seen by observeQueries and the query-duration metric like any Sequelize statement.
    if (options.logging) options.logging(text);
    const started = durations.listening() ? process.hrtime.bigint() : null;
    const rows = await readDirect(text, values, prepare);
    if (started !== null) durations.report(Number(process.hrtime.bigint() - started) / 1e9);
    return rows as T[];
  };

  return {
    sequelize,
    dialect,
    models,
    writeTransaction,
    read,
    observeQueries,
    async close() {
      closed = true;
      await Promise.allSettled([...inFlight]);
      await closeReaders();
      await sequelize.close();
    },
    observeQueryDurations: durations.observe,
    stats: () => ({
      // The queue counts the running write too; only the ones behind it are waiting.
      queuedWrites: dialect === 'sqlite' ? Math.max(0, enqueueWrite.pending() - 1) : 0,
      pool: dialect === 'postgres' ? poolStats(sequelize) : null,
    }),
  };
}
