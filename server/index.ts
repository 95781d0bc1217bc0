/** The only file that connects and listens: migrate, seed an empty forum, serve. */
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db';
import { migrateToLatest } from '../models/migrations';
import { seedDatabase } from '../seeds';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase(config);
  const migrations = await migrateToLatest(db.sequelize);
  if (migrations.length) console.log(`Database migrated: ${migrations.join(', ')}`);
  if (config.seedOnStart) {
    const report = await seedDatabase(db, { config });
    if (report.boardsCreated + report.membersCreated + report.threadsCreated > 0) {
      console.log(`Seeded ${report.boardsCreated} boards, ${report.membersCreated} members, ${report.threadsCreated} thread(s).`);
    }
  }
  const app = createApp({ db, config });
  const server = app.listen(config.port, () => {
    const where = config.databaseUrl ? 'PostgreSQL' : `SQLite (${config.sqlitePath})`;
    console.log(`Forum listening on http://localhost:${config.port} using ${where}`);
  });

  const shutdown = (): void => {
    server.close(() => {
      db.close().finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('The forum could not start:', error);
  process.exit(1);
});
