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
  /** How long an anonymous visitor's session (made only to hold a form's CSRF token) lives. */
  formSessionSeconds: number;
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
  /** Edit limits: saves per member per minute; revisions a member (not staff) may record on one post. */
  editLimits: { perMinute: number; revisionsPerPost: number };
  /** Reports one member may file (or change) per hour. */
  reportsPerHour: number;
  /** Kudos one member may give or take back per hour (server/services/kudos.ts). */
  kudosPerHour: number;
  /** Reports from distinct members in good standing that hide a post until staff review it. */
  autoHideReports: number;
  /** New members' first 2 posts with a link wait for a moderator (server/services/approvals.ts). */
  firstPostApproval: boolean;
  /** Seconds an anonymous reader's page may be served from the per-process page cache (0: off). */
  anonymousCacheSeconds: number;
  /** How long the rollout dashboard's figures are kept per range (services/questions/dashboardCache.ts); 0: computed on every view. */
  dashboardCacheSeconds: number;
  /** The most memory the anonymous page cache may hold, in bytes (least recently used pages go first). */
  anonymousCacheMaxBytes: number;
  /** How far the old generation may grow past what the last full collection kept, in percent (see lifecycle/heapGrowth.ts). */
  heapGrowthPercent: number;
  /** Benchmark instrumentation: an X-SQL-Queries header on every answer. */
  exposeQueryCount: boolean;
  /** Minutes a staff member's claim on a question ("I'm on it") holds before anyone may take it. */
  questionClaimMinutes: number;
  /** The staff desk's writes one staff member may make per 10 minutes (server/services/deskLimits.ts). */
  deskLimits: { questionActionsPer10Minutes: number; savedReplyWritesPer10Minutes: number };
  /**
   * Failed sign-ins allowed per window, per client address and per (account, address); going over
   * locks that key out for a window, doubling per consecutive lockout up to maxLockoutMs (24 h).
   */
  signInLimits: { windowMs: number; perAddress: number; perAccount: number; maxLockoutMs?: number };
  /** Registrations allowed per client address per window (each one costs a bcrypt hash). */
  registrationLimit: { windowMs: number; perAddress: number };
  /** Private messages (server/services/messages): participants per conversation and flood limits, stricter for new members. */
  messageLimits: MessageLimits;
  /** HMAC key of the verification service's signed event feed; null turns the feed off (every call 401). */
  verificationFeedSecret: string | null;

  // Operations (logs, metrics, shutdown): README "Operating the forum".
  /** pino level: fatal, error, warn, info, debug, trace or silent. Tests default to silent. */
  logLevel: LogLevel;
  /** Bearer token for GET /metrics; null turns metrics off (404). */
  metricsToken: string | null;
  /** How long a stopping process waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** Live thread updates (Server-Sent Events): open streams per process and per member (or address), heartbeat period. */
  live: { maxConnections: number; maxPerMember: number; heartbeatSeconds: number };
  /** Member tools (issue 23, README "Member tools"): windows for deleting and retitling, reminders, drafts. */
  memberTools: MemberToolsConfig;
  // Email: README "Email".
  /** The name in every email's sender and subject. */
  forumName: string;
  /** The sender address, e.g. "Rollout Forum <forum@example.com>". */
  emailFrom: string;
  /** smtp(s)://user:pass@host:port; null writes each email as an .eml file into mailDir instead. */
  smtpUrl: string | null;
  mailDir: string;
  /** How often each app process's email worker looks for due emails besides being woken by queued mail. */
  emailPollMs: number;
  /** How long a worker's claim on an email lasts: a claimer that died gives it up after this. */
  emailLeaseSeconds: number;
  /** Password reset requests per hour, per client address and per account. */
  passwordResetLimits: { windowMs: number; perAddress: number; perAccount: number };
}

export interface MessageLimits {
  maxParticipants: number;
  conversationsPerHour: number;
  messagesPerMinute: number;
  newMemberConversationsPerHour: number;
  newMemberMessagesPerMinute: number;
}

export interface MemberToolsConfig {
  /** How long after posting an author may delete their post (while no staff member replied to it). */
  deleteWindowMs: number;
  /** How long after starting a thread its starter may retitle it. */
  retitleWindowMs: number;
  /** How often the app process looks for bookmark reminders that are due (0: never, as in most tests). */
  reminderTickMs: number;
  /** Draft saves one member may make per 10 minutes (each autosave counts). */
  draftSavesPer10Minutes: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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

function parseLogLevel(environment: Environment, value: string | undefined): LogLevel {
  if (value === undefined || value === '') return environment === 'test' ? 'silent' : 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return value as LogLevel;
}

function metricsTokenFor(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  // A bearer token travels in a header: printable ASCII only, and long enough not to be guessed.
  if (value.length < 16 || !/^[\x21-\x7e]+$/.test(value)) throw new Error('METRICS_TOKEN must be at least 16 printable characters without spaces');
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
    formSessionSeconds: parsePositiveInteger('FORM_SESSION_MINUTES', env.FORM_SESSION_MINUTES, 120) * 60,
    passwordHashCost: parsePositiveInteger('BCRYPT_COST', env.BCRYPT_COST, environment === 'test' ? 4 : 12),
    devPassword: DEVELOPMENT_PASSWORD,
    publicUrl: env.PUBLIC_URL && /^https?:\/\/[^/]+$/.test(env.PUBLIC_URL.replace(/\/$/, '')) ? env.PUBLIC_URL.replace(/\/$/, '') : null,
    postsPerMinute: parsePositiveInteger('POSTS_PER_MINUTE', env.POSTS_PER_MINUTE, 5),
    editLimits: {
      perMinute: parsePositiveInteger('EDITS_PER_MINUTE', env.EDITS_PER_MINUTE, 10),
      revisionsPerPost: parsePositiveInteger('MEMBER_REVISIONS_PER_POST', env.MEMBER_REVISIONS_PER_POST, 50),
    },
    reportsPerHour: parsePositiveInteger('REPORTS_PER_HOUR', env.REPORTS_PER_HOUR, 20),
    kudosPerHour: parsePositiveInteger('KUDOS_PER_HOUR', env.KUDOS_PER_HOUR, 120),
    autoHideReports: parsePositiveInteger('AUTO_HIDE_REPORTS', env.AUTO_HIDE_REPORTS, 3),
    firstPostApproval: env.FIRST_POST_APPROVAL !== '0',
    exposeQueryCount: env.BENCH_QUERY_COUNT === '1',
    questionClaimMinutes: parsePositiveInteger('QUESTION_CLAIM_MINUTES', env.QUESTION_CLAIM_MINUTES, 30),
    deskLimits: {
      questionActionsPer10Minutes: parsePositiveInteger('QUESTION_ACTIONS_PER_10_MINUTES', env.QUESTION_ACTIONS_PER_10_MINUTES, 120),
      savedReplyWritesPer10Minutes: parsePositiveInteger('SAVED_REPLY_WRITES_PER_10_MINUTES', env.SAVED_REPLY_WRITES_PER_10_MINUTES, 60),
    },
    anonymousCacheSeconds:
      env.ANON_CACHE_SECONDS !== undefined && /^\d+$/.test(env.ANON_CACHE_SECONDS)
        ? Number(env.ANON_CACHE_SECONDS)
        : environment === 'production' ? 2 : 0,
    anonymousCacheMaxBytes: parsePositiveInteger('ANON_CACHE_MAX_MB', env.ANON_CACHE_MAX_MB, 32) * 1024 * 1024,
    dashboardCacheSeconds:
      env.DASHBOARD_CACHE_SECONDS !== undefined && /^\d+$/.test(env.DASHBOARD_CACHE_SECONDS)
        ? Number(env.DASHBOARD_CACHE_SECONDS)
        : environment === 'production' ? 30 : 0,
    heapGrowthPercent: parsePositiveInteger('HEAP_GROWTH_PERCENT', env.HEAP_GROWTH_PERCENT, 50),
    signInLimits: {
      windowMs: 15 * 60_000,
      perAddress: parsePositiveInteger('SIGNIN_LIMIT_PER_ADDRESS', env.SIGNIN_LIMIT_PER_ADDRESS, 30),
      perAccount: parsePositiveInteger('SIGNIN_LIMIT_PER_ACCOUNT', env.SIGNIN_LIMIT_PER_ACCOUNT, 5),
      maxLockoutMs: 24 * 3_600_000,
    },
    registrationLimit: {
      windowMs: 3_600_000,
      perAddress: parsePositiveInteger('REGISTRATIONS_PER_HOUR', env.REGISTRATIONS_PER_HOUR, 5),
    },
    messageLimits: {
      maxParticipants: parsePositiveInteger('MESSAGE_MAX_PARTICIPANTS', env.MESSAGE_MAX_PARTICIPANTS, 10),
      conversationsPerHour: parsePositiveInteger('CONVERSATIONS_PER_HOUR', env.CONVERSATIONS_PER_HOUR, 10),
      messagesPerMinute: parsePositiveInteger('MESSAGES_PER_MINUTE', env.MESSAGES_PER_MINUTE, 10),
      newMemberConversationsPerHour: parsePositiveInteger('NEW_MEMBER_CONVERSATIONS_PER_HOUR', env.NEW_MEMBER_CONVERSATIONS_PER_HOUR, 2),
      newMemberMessagesPerMinute: parsePositiveInteger('NEW_MEMBER_MESSAGES_PER_MINUTE', env.NEW_MEMBER_MESSAGES_PER_MINUTE, 3),
    },
    verificationFeedSecret: feedSecretFor(environment, env.VERIFICATION_FEED_SECRET),
    logLevel: parseLogLevel(environment, env.LOG_LEVEL),
    metricsToken: metricsTokenFor(env.METRICS_TOKEN),
    shutdownTimeoutMs: parsePositiveInteger('SHUTDOWN_TIMEOUT_MS', env.SHUTDOWN_TIMEOUT_MS, 10_000),
    live: {
      maxConnections: parsePositiveInteger('LIVE_MAX_CONNECTIONS', env.LIVE_MAX_CONNECTIONS, 5_000),
      maxPerMember: parsePositiveInteger('LIVE_MAX_PER_MEMBER', env.LIVE_MAX_PER_MEMBER, 6),
      heartbeatSeconds: parsePositiveInteger('LIVE_HEARTBEAT_SECONDS', env.LIVE_HEARTBEAT_SECONDS, 25),
    },
    memberTools: {
      deleteWindowMs: parsePositiveInteger('OWN_DELETE_MINUTES', env.OWN_DELETE_MINUTES, 24 * 60) * 60_000,
      retitleWindowMs: parsePositiveInteger('STARTER_RETITLE_MINUTES', env.STARTER_RETITLE_MINUTES, 60) * 60_000,
      reminderTickMs: environment === 'test' ? 0 : parsePositiveInteger('REMINDER_TICK_SECONDS', env.REMINDER_TICK_SECONDS, 60) * 1000,
      draftSavesPer10Minutes: parsePositiveInteger('DRAFT_SAVES_PER_10_MINUTES', env.DRAFT_SAVES_PER_10_MINUTES, 120),
    },
    forumName: 'Rollout Forum',
    emailFrom: env.EMAIL_FROM && env.EMAIL_FROM.trim() !== '' ? env.EMAIL_FROM : 'Rollout Forum <forum@localhost>',
    smtpUrl: env.SMTP_URL && /^smtps?:\/\//.test(env.SMTP_URL) ? env.SMTP_URL : null,
    mailDir: env.MAIL_DIR ?? path.join(projectRoot(), 'data', 'mail'),
    emailPollMs: parsePositiveInteger('EMAIL_POLL_MS', env.EMAIL_POLL_MS, 15_000),
    emailLeaseSeconds: parsePositiveInteger('EMAIL_LEASE_SECONDS', env.EMAIL_LEASE_SECONDS, 120),
    passwordResetLimits: {
      windowMs: 3_600_000,
      perAddress: parsePositiveInteger('RESETS_PER_HOUR_PER_ADDRESS', env.RESETS_PER_HOUR_PER_ADDRESS, 10),
      perAccount: parsePositiveInteger('RESETS_PER_HOUR_PER_ACCOUNT', env.RESETS_PER_HOUR_PER_ACCOUNT, 3),
    },
  };
}

/** The repository root, whether running from sources (ts-jest) or from dist/. */
export function projectRoot(): string {
  const here = __dirname;
  const parts = here.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  return distIndex >= 0 ? parts.slice(0, distIndex).join(path.sep) || path.sep : path.resolve(here, '..');
}
