import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const DEFAULT_TOKEN_SECRET = 'tianfu-kpi-development-secret-change-me';

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  return value; // left as is so that @IsBoolean reports it
};
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Every environment variable the api reads, validated once at start-up (README lists them). */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test']) @IsOptional()
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(1) @Max(65535) @IsOptional()
  PORT = 3000;

  @IsString() @IsOptional()
  HOST = '0.0.0.0';

  // Worker processes serving HTTP (Node's cluster module); unset: one per CPU, 1 under NODE_ENV=test.
  @Transform(toInt) @IsInt() @Min(1) @Max(64) @IsOptional()
  WEB_CONCURRENCY?: number;

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) @IsOptional()
  DATABASE_URL?: string;

  // Streaming replicas for the heavy reads (panels, trend, rankings, exports): comma-separated postgres:// URLs.
  @Matches(/^(postgres(ql)?:\/\/[^,\s]+)(,\s*postgres(ql)?:\/\/[^,\s]+)*$/, { message: 'DATABASE_READ_URLS must be comma-separated postgres:// URLs' }) @IsOptional()
  DATABASE_READ_URLS?: string;

  // After a write, how long the same browser's reads stay on the primary (read your own write).
  @Transform(toInt) @IsInt() @Min(1) @Max(3600) @IsOptional()
  DATABASE_READ_PRIMARY_SECONDS = 10;

  @IsString() @IsOptional()
  DATA_DIR = '.data';

  @Transform(toInt) @IsInt() @Min(1024) @Max(65535) @IsOptional()
  EMBEDDED_PG_PORT = 54329;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  DEMO_DATA?: boolean;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  MIGRATIONS_RUN = true;

  @IsString() @MinLength(16, { message: 'AUTH_TOKEN_SECRET must be at least 16 characters' }) @IsOptional()
  AUTH_TOKEN_SECRET = DEFAULT_TOKEN_SECRET;

  @Transform(toInt) @IsInt() @Min(5) @Max(60 * 24 * 30) @IsOptional()
  AUTH_TOKEN_TTL_MINUTES = 12 * 60;

  // How long a checked session may be trusted without asking the database again; revocations and
  // user changes reach every instance at once through NOTIFY, this only bounds a missed notice. 0: off.
  @Transform(toInt) @IsInt() @Min(0) @Max(300) @IsOptional()
  AUTH_SESSION_CACHE_SECONDS = 30;

  @Transform(toInt) @IsInt() @Min(1) @Max(100) @IsOptional()
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60) @IsOptional()
  LOGIN_LOCK_MINUTES = 15;

  @IsString() @IsOptional()
  INITIAL_ADMIN_USERNAME?: string;

  @IsString() @IsOptional()
  INITIAL_ADMIN_PASSWORD?: string;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOBS_ENABLED = true;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_SESSION_CLEANUP_ENABLED = true;

  @IsString() @IsOptional()
  JOB_SESSION_CLEANUP_CRON = '30 3 * * *';

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_PLATFORM_SYNC_ENABLED = true;

  @IsString() @IsOptional()
  JOB_PLATFORM_SYNC_CRON = '0 * * * *';

  @IsString() @IsOptional()
  PLATFORM_INBOX_DIR?: string;

  @Matches(/^https?:\/\/\S+$/, { message: 'PLATFORM_FEED_URL must be an http:// or https:// URL' }) @IsOptional()
  PLATFORM_FEED_URL?: string;

  @IsString() @IsOptional()
  PLATFORM_FEED_TOKEN?: string;

  @Transform(toInt) @IsInt() @Min(0) @Max(24 * 60 * 60) @IsOptional()
  PLATFORM_INBOX_SETTLE_SECONDS = 10;

  @Transform(toInt) @IsInt() @Min(100) @Max(10 * 60 * 1000) @IsOptional()
  PLATFORM_FEED_TIMEOUT_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(1024) @Max(200 * 1024 * 1024) @IsOptional()
  IMPORT_MAX_BYTES = 20 * 1024 * 1024;

  // Files are streamed (memory stays flat), so this bounds the length of one transaction, not memory.
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000) @IsOptional()
  IMPORT_MAX_ROWS = 200_000;

  // Exports stream in constant memory; the limit bounds how long one download holds a connection.
  @Transform(toInt) @IsInt() @Min(1) @Max(5_000_000) @IsOptional()
  EXPORT_MAX_ROWS = 100_000;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_BUDGET_WATCH_ENABLED = true;

  @IsString() @IsOptional()
  JOB_BUDGET_WATCH_CRON = '0 7 * * *';

  @Transform(toInt) @IsNumber() @Min(-100) @Max(100) @IsOptional()
  BUDGET_PACE_YELLOW_BELOW = 0;

  @Transform(toInt) @IsNumber() @Min(-100) @Max(100) @IsOptional()
  BUDGET_PACE_RED_BELOW = -10;

  @Transform(toInt) @IsInt() @Min(1024) @Max(100 * 1024 * 1024) @IsOptional()
  EVENT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  @IsString() @IsOptional()
  EVENT_ATTACHMENT_DIR?: string;

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_ROLLUP_VERIFY_ENABLED = true;

  @IsString() @IsOptional()
  JOB_ROLLUP_VERIFY_CRON = '15 1 * * *';

  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_MONTHLY_CLOSE_ENABLED = true;

  @IsString() @IsOptional()
  JOB_MONTHLY_CLOSE_CRON = '0 2 1 * *';

  @Transform(toInt) @IsNumber() @Min(-100) @Max(100) @IsOptional()
  KPI_STATUS_YELLOW_BELOW = 0;

  @Transform(toInt) @IsNumber() @Min(-100) @Max(100) @IsOptional()
  KPI_STATUS_RED_BELOW = -10;

  // The monthly brief (issue 15): issued for the months the monthly close has closed.
  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_MONTHLY_BRIEF_ENABLED = true;

  @IsString() @IsOptional()
  JOB_MONTHLY_BRIEF_CRON = '0 8 3 * *';

  @IsString() @IsOptional()
  CHROME_PATH?: string;

  // Notices: the delivery job, retries, the robots' rate limit, digests, the SMTP server of users' own e-mail.
  @Transform(toBoolean) @IsBoolean() @IsOptional()
  JOB_NOTIFY_DELIVERY_ENABLED = true;

  @IsString() @IsOptional()
  JOB_NOTIFY_DELIVERY_CRON = '* * * * *';

  @Transform(toInt) @IsInt() @Min(1) @Max(60) @IsOptional()
  NOTIFY_EVENT_WAITING_DAYS = 7;

  @Transform(toInt) @IsInt() @Min(0) @Max(24 * 60 * 60) @IsOptional()
  NOTIFY_RETRY_BASE_SECONDS = 60;

  @Transform(toInt) @IsInt() @Min(1) @Max(20) @IsOptional()
  NOTIFY_MAX_ATTEMPTS = 6;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000) @IsOptional()
  NOTIFY_ROBOT_PER_MINUTE = 20;

  @Transform(toInt) @IsInt() @Min(0) @Max(23) @IsOptional()
  NOTIFY_DIGEST_HOUR = 8;

  @Transform(toInt) @IsInt() @Min(100) @Max(120_000) @IsOptional()
  NOTIFY_TIMEOUT_MS = 10_000;

  @Matches(/^smtps?:\/\/\S+$/, { message: 'NOTIFY_SMTP_URL must be an smtp:// or smtps:// URL' }) @IsOptional()
  NOTIFY_SMTP_URL?: string;

  @IsString() @IsOptional()
  NOTIFY_SMTP_FROM = 'Tianfu KPI <noreply@localhost>';

  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be an http:// or https:// URL' }) @IsOptional()
  PUBLIC_BASE_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) @IsOptional()
  LOG_LEVEL = 'info';

  @IsString() @IsOptional()
  CORS_ORIGINS = '';

  // Who may say which client a request is from (X-Forwarded-For): see parseTrustProxy.
  @IsString() @IsOptional()
  TRUST_PROXY = '';

  @IsString() @IsOptional()
  WEB_DIST_DIR = 'dist/apps/web';
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** HTTP worker processes (1: no cluster). */
  webConcurrency: number;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl?: string;
  /** Streaming replicas that take the heavy reads (empty: every query goes to the primary). */
  databaseReadUrls: string[];
  /** Seconds a browser's reads stay on the primary after its write. */
  readPrimarySecondsAfterWrite: number;
  dataDir: string;
  embeddedPgPort: number;
  demoData: boolean;
  migrationsRun: boolean;
  auth: {
    tokenSecret: string;
    tokenTtlMinutes: number;
    /** Seconds a checked session is cached (0: every request asks the database). */
    sessionCacheSeconds: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    initialAdmin?: { username: string; password: string };
  };
  jobs: {
    enabled: boolean;
    sessionCleanup: { enabled: boolean; cron: string };
    rollupVerify: { enabled: boolean; cron: string };
    monthlyClose: { enabled: boolean; cron: string };
    platformSync: { enabled: boolean; cron: string };
    budgetWatch: { enabled: boolean; cron: string };
    monthlyBrief: { enabled: boolean; cron: string };
    notifyDelivery: { enabled: boolean; cron: string };
  };
  briefs: {
    /** Chromium for the PDF (CHROME_PATH, else the usual system paths). */
    chromePath?: string;
  };
  notify: {
    eventWaitingDays: number;
    retryBaseSeconds: number;
    maxAttempts: number;
    robotPerMinute: number;
    digestHour: number;
    timeoutMs: number;
    smtpUrl?: string;
    smtpFrom: string;
    /** Links in messages leaving the app (robots, e-mail) start with it; none without it. */
    publicBaseUrl?: string;
  };
  platform: {
    /** Folder of back-office exports picked up by platform-sync. */
    inboxDir: string;
    feedUrl?: string;
    feedToken?: string;
    /** Inbox files modified less than this many seconds ago are left for the next run (still being copied). */
    inboxSettleSeconds: number;
    /** Abort a feed request (each page) after this many milliseconds. */
    feedTimeoutMs: number;
  };
  budget: {
    /** 序时进度 gap cut-offs in percentage points: yellow below `yellowBelow`, red below `redBelow`. */
    paceCutoffs: { yellowBelow: number; redBelow: number };
  };
  imports: {
    /** Largest accepted upload or inbox file, in bytes. */
    maxBytes: number;
    /** Most data rows in one uploaded or inbox file. */
    maxRows: number;
  };
  exports: {
    /** Most data rows in one exported file; a larger export is refused (422 EXPORT_TOO_LARGE). */
    maxRows: number;
  };
  events: {
    /** Largest accepted event attachment (photo, PDF), in bytes. */
    attachmentMaxBytes: number;
    /** Attachments stored as files here when set; in PostgreSQL (bytea) otherwise. */
    attachmentDir?: string;
  };
  kpi: {
    /** Panel status cut-offs on the gap to 序时进度, in percentage points. */
    statusYellowBelow: number;
    statusRedBelow: number;
  };
  logLevel: string;
  corsOrigins: string[];
  webDistDir: string;
  /** Proxies whose X-Forwarded-For is believed (the client address of sign-ins and the audit log): none by default. */
  trustProxy: TrustProxy;
}

/** false: nobody; true: any peer; a list: these addresses and ranges. */
export type TrustProxy = boolean | string[];

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: empty or `false` (default: the peer's address is the client's, a forged
 * X-Forwarded-For changes nothing), `true` (any peer: only when nothing but the proxy can reach the
 * api), or a comma list of addresses, CIDR ranges and the names `loopback`,
 * `linklocal`, `uniquelocal` (Docker networks are uniquelocal). Returns a problem to report instead.
 */
export function parseTrustProxy(value: string): TrustProxy | { problem: string } {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.has(entry)) return false;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || extra !== undefined) return true;
    return prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
  });
  if (bad.length > 0) return { problem: `TRUST_PROXY: not an address, a range or loopback/linklocal/uniquelocal: ${bad.join(', ')}` };
  return entries;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws ConfigError listing every problem (fail fast). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const env = plainToInstance(EnvironmentVariables, { ...source }, { excludeExtraneousValues: false });
  const problems = validateSync(env, { whitelist: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  const initialAdmin =
    env.INITIAL_ADMIN_USERNAME && env.INITIAL_ADMIN_PASSWORD
      ? { username: env.INITIAL_ADMIN_USERNAME, password: env.INITIAL_ADMIN_PASSWORD }
      : undefined;
  const demoData = env.DEMO_DATA ?? !env.DATABASE_URL;

  if (env.NODE_ENV === 'production') {
    if (env.AUTH_TOKEN_SECRET === DEFAULT_TOKEN_SECRET) problems.push('AUTH_TOKEN_SECRET: production needs its own secret, not the default');
    if (demoData) problems.push('DEMO_DATA: demo users (password demo1234) are refused in production');
    if (initialAdmin && initialAdmin.password.length < 12) problems.push('INITIAL_ADMIN_PASSWORD: at least 12 characters in production');
  }
  if ((env.INITIAL_ADMIN_USERNAME ? 1 : 0) + (env.INITIAL_ADMIN_PASSWORD ? 1 : 0) === 1) {
    problems.push('INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD go together');
  }
  if (env.BUDGET_PACE_RED_BELOW > env.BUDGET_PACE_YELLOW_BELOW) problems.push('BUDGET_PACE_RED_BELOW must not be above BUDGET_PACE_YELLOW_BELOW');
  if (env.KPI_STATUS_RED_BELOW > env.KPI_STATUS_YELLOW_BELOW) problems.push('KPI_STATUS_RED_BELOW must not be above KPI_STATUS_YELLOW_BELOW');
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) problems.push(trustProxy.problem);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    webConcurrency: env.WEB_CONCURRENCY ?? (env.NODE_ENV === 'test' ? 1 : availableParallelism()),
    databaseUrl: env.DATABASE_URL,
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean),
    readPrimarySecondsAfterWrite: env.DATABASE_READ_PRIMARY_SECONDS,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    demoData,
    migrationsRun: env.MIGRATIONS_RUN,
    auth: {
      tokenSecret: env.AUTH_TOKEN_SECRET,
      tokenTtlMinutes: env.AUTH_TOKEN_TTL_MINUTES,
      sessionCacheSeconds: env.AUTH_SESSION_CACHE_SECONDS,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginLockMinutes: env.LOGIN_LOCK_MINUTES,
      initialAdmin,
    },
    jobs: {
      enabled: env.JOBS_ENABLED,
      sessionCleanup: { enabled: env.JOB_SESSION_CLEANUP_ENABLED, cron: env.JOB_SESSION_CLEANUP_CRON },
      rollupVerify: { enabled: env.JOB_ROLLUP_VERIFY_ENABLED, cron: env.JOB_ROLLUP_VERIFY_CRON },
      monthlyClose: { enabled: env.JOB_MONTHLY_CLOSE_ENABLED, cron: env.JOB_MONTHLY_CLOSE_CRON },
      platformSync: { enabled: env.JOB_PLATFORM_SYNC_ENABLED, cron: env.JOB_PLATFORM_SYNC_CRON },
      budgetWatch: { enabled: env.JOB_BUDGET_WATCH_ENABLED, cron: env.JOB_BUDGET_WATCH_CRON },
      monthlyBrief: { enabled: env.JOB_MONTHLY_BRIEF_ENABLED, cron: env.JOB_MONTHLY_BRIEF_CRON },
      notifyDelivery: { enabled: env.JOB_NOTIFY_DELIVERY_ENABLED, cron: env.JOB_NOTIFY_DELIVERY_CRON },
    },
    briefs: { chromePath: env.CHROME_PATH || undefined },
    notify: {
      eventWaitingDays: env.NOTIFY_EVENT_WAITING_DAYS,
      retryBaseSeconds: env.NOTIFY_RETRY_BASE_SECONDS,
      maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
      robotPerMinute: env.NOTIFY_ROBOT_PER_MINUTE,
      digestHour: env.NOTIFY_DIGEST_HOUR,
      timeoutMs: env.NOTIFY_TIMEOUT_MS,
      smtpUrl: env.NOTIFY_SMTP_URL || undefined,
      smtpFrom: env.NOTIFY_SMTP_FROM,
      publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/+$/, '') || undefined,
    },
    platform: {
      inboxDir: env.PLATFORM_INBOX_DIR || `${env.DATA_DIR.replace(/\/+$/, '')}/inbox`,
      feedUrl: env.PLATFORM_FEED_URL || undefined,
      feedToken: env.PLATFORM_FEED_TOKEN || undefined,
      inboxSettleSeconds: env.PLATFORM_INBOX_SETTLE_SECONDS,
      feedTimeoutMs: env.PLATFORM_FEED_TIMEOUT_MS,
    },
    imports: { maxBytes: env.IMPORT_MAX_BYTES, maxRows: env.IMPORT_MAX_ROWS },
    exports: { maxRows: env.EXPORT_MAX_ROWS },
    budget: { paceCutoffs: { yellowBelow: env.BUDGET_PACE_YELLOW_BELOW, redBelow: env.BUDGET_PACE_RED_BELOW } },
    events: { attachmentMaxBytes: env.EVENT_ATTACHMENT_MAX_BYTES, attachmentDir: env.EVENT_ATTACHMENT_DIR || undefined },
    kpi: { statusYellowBelow: env.KPI_STATUS_YELLOW_BELOW, statusRedBelow: env.KPI_STATUS_RED_BELOW },
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    webDistDir: env.WEB_DIST_DIR,
    trustProxy: trustProxy as TrustProxy,
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
