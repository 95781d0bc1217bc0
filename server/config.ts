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
  /** Signs the session cookie. Required in production; every app process must share it. */
  sessionSecret: string;
  /** Express "trust proxy": set when running behind a load balancer, so client addresses are real. */
  trustProxy: string | number | boolean;
  /** bcrypt cost factor: slow on purpose; tests lower it. */
  passwordHashCost: number;
  /** The password seeded members get outside production (documented in README). */
  devPassword: string;
  /** The site's public address for absolute links (feeds); by default, the address a request came to. */
  publicUrl: string | null;
  /** The flood limit: posts one member may publish per minute. */
  postsPerMinute: number;
  /** Reports one member may file (or change) per hour. */
  reportsPerHour: number;
  /** Reports from distinct members in good standing that hide a post until staff review it. */
  autoHideReports: number;
  /** New members' first 2 posts with a link wait for a moderator (server/services/approvals.ts). */
  firstPostApproval: boolean;
  /** Seconds an anonymous reader's page may be served from the per-process page cache (0: off). */
  anonymousCacheSeconds: number;
  /** Benchmark instrumentation: an X-SQL-Queries header on every answer. */
  exposeQueryCount: boolean;
  /** Failed sign-ins allowed per window, per client address and per account. */
  signInLimits: { windowMs: number; perAddress: number; perAccount: number };
  /** HMAC key of the verification service's signed event feed; null turns the feed off (every call 401). */
  verificationFeedSecret: string | null;
}

/** Known outside production only: documented in README so newcomers can try every role. */
export const DEVELOPMENT_PASSWORD = 'rollout-dev';

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

function parsePositiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return number;
}

function parseTrustProxy(value: string | undefined): string | number | boolean {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

function sessionSecretFor(environment: Environment, value: string | undefined): string {
  if (value && value.length >= 32) return value;
  if (environment === 'production') throw new Error('SESSION_SECRET must be set to at least 32 characters in production');
  return 'development-only-session-secret-not-for-production';
}

function feedSecretFor(environment: Environment, value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (environment === 'production' && value.length < 32) throw new Error('VERIFICATION_FEED_SECRET must be at least 32 characters in production');
  return value;
}

/** Builds the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const environment = parseEnvironment(env.NODE_ENV);
  return {
    env: environment,
    port: parsePort(env.PORT),
    databaseUrl: env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL : null,
    sqlitePath: env.SQLITE_PATH ?? path.join(projectRoot(), 'data', 'forum.sqlite'),
    logSql: env.LOG_SQL === '1',
    seedOnStart: env.SEED !== '0',
    sessionSecret: sessionSecretFor(environment, env.SESSION_SECRET),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    passwordHashCost: parsePositiveInteger('BCRYPT_COST', env.BCRYPT_COST, environment === 'test' ? 4 : 12),
    devPassword: DEVELOPMENT_PASSWORD,
    publicUrl: env.PUBLIC_URL && /^https?:\/\/[^/]+$/.test(env.PUBLIC_URL.replace(/\/$/, '')) ? env.PUBLIC_URL.replace(/\/$/, '') : null,
    postsPerMinute: parsePositiveInteger('POSTS_PER_MINUTE', env.POSTS_PER_MINUTE, 5),
    reportsPerHour: parsePositiveInteger('REPORTS_PER_HOUR', env.REPORTS_PER_HOUR, 20),
    autoHideReports: parsePositiveInteger('AUTO_HIDE_REPORTS', env.AUTO_HIDE_REPORTS, 3),
    firstPostApproval: env.FIRST_POST_APPROVAL !== '0',
    exposeQueryCount: env.BENCH_QUERY_COUNT === '1',
    anonymousCacheSeconds:
      env.ANON_CACHE_SECONDS !== undefined && /^\d+$/.test(env.ANON_CACHE_SECONDS)
        ? Number(env.ANON_CACHE_SECONDS)
        : environment === 'production' ? 2 : 0,
    signInLimits: {
      windowMs: 15 * 60_000,
      perAddress: parsePositiveInteger('SIGNIN_LIMIT_PER_ADDRESS', env.SIGNIN_LIMIT_PER_ADDRESS, 30),
      perAccount: parsePositiveInteger('SIGNIN_LIMIT_PER_ACCOUNT', env.SIGNIN_LIMIT_PER_ACCOUNT, 5),
    },
    verificationFeedSecret: feedSecretFor(environment, env.VERIFICATION_FEED_SECRET),
  };
}

/** The repository root, whether running from sources (ts-jest) or from dist/. */
export function projectRoot(): string {
  const here = __dirname;
  const parts = here.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  return distIndex >= 0 ? parts.slice(0, distIndex).join(path.sep) || path.sep : path.resolve(here, '..');
}
