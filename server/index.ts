/** The only file that connects and listens: bring the database up to date, then serve. */
import type { Server } from 'node:http';
import { createApp } from './app';
import { bootstrapDatabase } from './bootstrap';
import { Config, loadConfig } from './config';
import { openDatabase } from './db';

/** Serves the forum; `bootstrap: false` when a cluster's primary has already migrated and seeded. */
export async function startServer(config: Config, options: { bootstrap: boolean }): Promise<Server> {
  const db = openDatabase(config);
  if (options.bootstrap) {
    const report = await bootstrapDatabase(db, config);
    if (report.migrations.length) console.log(`Database migrated: ${report.migrations.join(', ')}`);
    const seed = report.seed;
    if (seed && seed.boardsCreated + seed.membersCreated + seed.threadsCreated > 0) {
      console.log(`Seeded ${seed.boardsCreated} boards, ${seed.membersCreated} members, ${seed.threadsCreated} thread(s).`);
    }
  }
  const app = createApp({ db, config });
  const server = app.listen(config.port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.sqlitePath})`;
  console.log(`Forum listening on http://localhost:${port} using ${where} (process ${process.pid})`);

  const shutdown = (): void => {
    server.close(() => {
      db.close().finally(() => process.exit(0));
    });
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
