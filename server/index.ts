/** The only file that connects and listens: bring the database up to date, serve, and stop gracefully. */
import type { Server } from 'node:http';
import { createApp } from './app';
import { startEmailWorker } from './email';
import { bootstrapDatabase } from './bootstrap';
import { Config, loadConfig } from './config';
import { openDatabase } from './db';
import { limitHeapGrowth } from './lifecycle/heapGrowth';
import { createLifecycle } from './lifecycle/shutdown';
import { stopGracefully } from './lifecycle/stopServer';
import { createLogger } from './observability/logger';

/** Serves the forum; `bootstrap: false` when a cluster's primary has already migrated and seeded. */
export async function startServer(config: Config, options: { bootstrap: boolean }): Promise<Server> {
  limitHeapGrowth(config.heapGrowthPercent);
  const logger = createLogger(config);
  const lifecycle = createLifecycle();
  const db = openDatabase(config);
  if (options.bootstrap) {
    const report = await bootstrapDatabase(db, config);
    if (report.migrations.length) logger.info(`Database migrated: ${report.migrations.join(', ')}`);
    const seed = report.seed;
    if (seed && seed.boardsCreated + seed.membersCreated + seed.threadsCreated > 0) {
      logger.info(`Seeded ${seed.boardsCreated} boards, ${seed.membersCreated} members, ${seed.threadsCreated} thread(s).`);
    }
  }
  const app = createApp({ db, config, logger, lifecycle });
  startEmailWorker({ db, config, logger, lifecycle });
  const server = app.listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.sqlitePath})`;
  // Plain text whatever LOG_LEVEL says: process managers and the process tests wait for this line.
  console.log(`Forum listening on http://localhost:${port} using ${where} (process ${process.pid})`);

  const shutdown = (signal: NodeJS.Signals): void => {
    if (lifecycle.stopping) return;
    logger.info(`${signal}: no new connections; finishing requests in flight (at most ${config.shutdownTimeoutMs} ms)`);
    stopGracefully({ server, lifecycle, db, logger }, config.shutdownTimeoutMs).then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return server;
}

if (require.main === module) {
  startServer(loadConfig(), { bootstrap: true }).catch((error: unknown) => {
    console.error('The forum could not start:', error);
    process.exit(1);
  });
}
