/**
 * `npm run start:cluster`: N app processes (default one per CPU, WORKERS to change) sharing one
 * port, on PostgreSQL. Every shared thing (sessions, CSRF tokens, rate-limit counters,
 * notifications) lives in the database, so any process can serve any request. SQLite allows one
 * writing process, so the cluster refuses to run on it.
 */
import cluster from 'node:cluster';
import os from 'node:os';
import { openDatabase } from './db';
import { bootstrapDatabase } from './bootstrap';
import { loadConfig } from './config';
import { startServer } from './index';

const RESTART_DELAY_MS = 1_000;

function workerCount(): number {
  const requested = Number(process.env.WORKERS);
  return Number.isInteger(requested) && requested > 0 ? requested : Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
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
  const count = workerCount();
  console.log(`Starting ${count} app processes on port ${config.port}`);
  for (let i = 0; i < count; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    console.error(`App process ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => cluster.fork(), RESTART_DELAY_MS);
  });
}

if (cluster.isPrimary) {
  runPrimary().catch((error: unknown) => {
    console.error('The cluster could not start:', error);
    process.exit(1);
  });
} else {
  startServer(loadConfig(), { bootstrap: false }).catch((error: unknown) => {
    console.error('An app process could not start:', error);
    process.exit(1);
  });
}
