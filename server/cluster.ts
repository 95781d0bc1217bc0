/**
 * `npm run start:cluster`: N app processes (default one per CPU, WORKERS to change) sharing one
 * port, on PostgreSQL. Every shared thing (sessions, CSRF tokens, rate-limit counters,
 * notifications) lives in the database, so any process can serve any request. SQLite allows one
 * writing process, so the cluster refuses to run on it.
 *
 * Signals to the primary: SIGHUP restarts the workers one at a time (a new one listens before an
 * old one stops gracefully), so the port keeps answering while new code is picked up; SIGTERM or
 * SIGINT stops every worker gracefully, then the primary. A worker that dies on its own is
 * replaced. GET /metrics on any worker answers for all of them (observability/clusterMetrics.ts).
 */
import cluster, { Worker } from 'node:cluster';
import os from 'node:os';
import { openDatabase } from './db';
import { bootstrapDatabase } from './bootstrap';
import { loadConfig } from './config';
import { startServer } from './index';
import { serveClusterMetrics } from './observability/clusterMetrics';

const RESTART_DELAY_MS = 1_000;
const LISTEN_TIMEOUT_MS = 60_000;

function workerCount(): number {
  const requested = Number(process.env.WORKERS);
  return Number.isInteger(requested) && requested > 0 ? requested : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/** Workers the primary stopped on purpose: their exit is not a crash to replace. */
const retiring = new Set<Worker>();
let stopping = false;
let rolling = false;

function stopWorker(worker: Worker): Promise<void> {
  retiring.add(worker);
  return new Promise((resolve) => {
    if (worker.isDead()) return resolve();
    worker.once('exit', () => resolve());
    worker.process.kill('SIGTERM');
  });
}

/** Forks a worker and resolves once it listens; rejects if it exits first. */
function startWorker(): Promise<Worker> {
  const worker = cluster.fork();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('exit', onExit);
      reject(new Error(`the new app process ${worker.process.pid} did not listen within ${LISTEN_TIMEOUT_MS / 1000} s`));
      void stopWorker(worker);
    }, LISTEN_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`the new app process exited (${signal ?? code}) before listening`));
    };
    worker.once('exit', onExit);
    worker.once('listening', () => {
      clearTimeout(timer);
      worker.off('exit', onExit);
      resolve(worker);
    });
  });
}

async function rollingRestart(): Promise<void> {
  if (rolling || stopping) return;
  rolling = true;
  const old = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => Boolean(worker) && !retiring.has(worker!));
  console.log(`Rolling restart of ${old.length} app processes`);
  try {
    for (const worker of old) {
      if (stopping) break;
      const replacement = await startWorker();
      console.log(`App process ${replacement.process.pid} listens; stopping ${worker.process.pid}`);
      await stopWorker(worker);
    }
    console.log('Rolling restart finished');
  } catch (error) {
    // The old processes that were not stopped keep serving.
    console.error('Rolling restart stopped:', error instanceof Error ? error.message : error);
  } finally {
    rolling = false;
  }
}

async function stopCluster(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping every app process gracefully`);
  await Promise.all(Object.values(cluster.workers ?? {}).flatMap((worker) => (worker ? [stopWorker(worker)] : [])));
  process.exit(0);
}

async function runPrimary(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error(
      'start:cluster needs PostgreSQL (set DATABASE_URL). SQLite allows only one writing process; use `npm start` for the embedded database.',
    );
    process.exit(2);
  }
  const db = openDatabase(config);
  await bootstrapDatabase(db, config);
  await db.close();
  serveClusterMetrics();
  const count = workerCount();
  console.log(`Starting ${count} app processes on port ${config.port} (primary ${process.pid}; SIGHUP restarts them one by one)`);
  for (let i = 0; i < count; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (retiring.delete(worker) || stopping) return;
    console.error(`App process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
  process.on('SIGHUP', () => void rollingRestart());
  process.on('SIGTERM', () => void stopCluster('SIGTERM'));
  process.on('SIGINT', () => void stopCluster('SIGINT'));
}

if (cluster.isPrimary) {
  runPrimary().catch((error: unknown) => {
    console.error('The cluster could not start:', error);
    process.exit(1);
  });
} else {
  // The primary decides when a worker stops; a SIGHUP meant for the primary (a closing terminal) is ignored.
  process.on('SIGHUP', () => undefined);
  startServer(loadConfig(), { bootstrap: false }).catch((error: unknown) => {
    console.error('An app process could not start:', error);
    process.exit(1);
  });
}
