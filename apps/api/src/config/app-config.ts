import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

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

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) @IsOptional()
  DATABASE_URL?: string;

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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) @IsOptional()
  LOG_LEVEL = 'info';

  @IsString() @IsOptional()
  CORS_ORIGINS = '';

  @IsString() @IsOptional()
  WEB_DIST_DIR = 'dist/apps/web';
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  demoData: boolean;
  migrationsRun: boolean;
  auth: {
    tokenSecret: string;
    tokenTtlMinutes: number;
    loginMaxFailures: number;
    loginLockMinutes: number;
    initialAdmin?: { username: string; password: string };
  };
  jobs: {
    enabled: boolean;
    sessionCleanup: { enabled: boolean; cron: string };
  };
  logLevel: string;
  corsOrigins: string[];
  webDistDir: string;
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
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    demoData,
    migrationsRun: env.MIGRATIONS_RUN,
    auth: {
      tokenSecret: env.AUTH_TOKEN_SECRET,
      tokenTtlMinutes: env.AUTH_TOKEN_TTL_MINUTES,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginLockMinutes: env.LOGIN_LOCK_MINUTES,
      initialAdmin,
    },
    jobs: {
      enabled: env.JOBS_ENABLED,
      sessionCleanup: { enabled: env.JOB_SESSION_CLEANUP_ENABLED, cron: env.JOB_SESSION_CLEANUP_CRON },
    },
    logLevel: env.LOG_LEVEL,
    corsOrigins: env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
    webDistDir: env.WEB_DIST_DIR,
  };
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
