/**
 * The only reader of process.env. Order: built-in defaults < environment variables.
 * Everything else receives a Config object, so tests can build one without touching the environment.
 */
import path from 'node:path';

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  /** postgres://... when set; otherwise the embedded SQLite file below is used. */
  databaseUrl: string | null;
  sqlitePath: string;
  /** Log every SQL statement (noisy; for debugging). */
  logSql: boolean;
  /** Seed the rollout thread on start when the database is empty. */
  seedOnStart: boolean;
}

function parseEnvironment(value: string | undefined): Environment {
  if (value === 'production' || value === 'test') return value;
  return 'development';
}

function parsePort(value: string | undefined): number {
  const port = Number(value ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

/** Builds the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    env: parseEnvironment(env.NODE_ENV),
    port: parsePort(env.PORT),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    sqlitePath: env.SQLITE_PATH ?? path.join(projectRoot(), 'data', 'forum.sqlite'),
    logSql: env.LOG_SQL === '1',
    seedOnStart: env.SEED !== '0',
  };
}

/** The repository root, whether running from sources (ts-jest) or from dist/. */
export function projectRoot(): string {
  const here = __dirname;
  const parts = here.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  return distIndex >= 0 ? parts.slice(0, distIndex).join(path.sep) || path.sep : path.resolve(here, '..');
}
