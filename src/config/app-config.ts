import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const booleanFromEnvironment = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  if (['true', '1', 'yes'].includes(value.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(value.toLowerCase())) return false;
  return value;
};

const DEVELOPMENT_JWT_SECRET = 'matchday-development-secret-change-me-in-production';

export const DEFAULT_DATABASE_POOL_SIZE = 20;

/**
 * Everything the processes read from the environment, validated once at start.
 * No other file reads process.env.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(({ value }) => Number(value))
  PORT = 3000;

  /** How many reverse proxies stand in front of the api (their X-Forwarded-For gives the client address). */
  @IsInt()
  @Min(0)
  @Max(10)
  @Transform(({ value }) => Number(value))
  TRUST_PROXY_HOPS = 0;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/matchday';

  /** Connections each process keeps to PostgreSQL; replicas times this must stay under the server's max_connections. */
  @IsInt()
  @Min(1)
  @Max(500)
  @Transform(({ value }) => Number(value))
  DATABASE_POOL_SIZE = DEFAULT_DATABASE_POOL_SIZE;

  /** Create the database at start if it is missing (development convenience). */
  @IsBoolean()
  @Transform(booleanFromEnvironment)
  DATABASE_AUTO_CREATE = true;

  /** Run pending migrations at start (development convenience; production runs `npm run migration:run`). */
  @IsBoolean()
  @Transform(booleanFromEnvironment)
  DATABASE_MIGRATE_ON_START = true;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key and BullMQ queue, so several deployments (or test files) can share one Redis. */
  @IsString()
  @MinLength(1)
  REDIS_KEY_PREFIX = 'matchday';

  @IsString()
  @MinLength(32)
  JWT_ACCESS_SECRET = DEVELOPMENT_JWT_SECRET;

  @IsInt()
  @Min(30)
  @Max(3600)
  @Transform(({ value }) => Number(value))
  JWT_ACCESS_TTL_SECONDS = 900;

  @IsInt()
  @Min(1)
  @Max(365)
  @Transform(({ value }) => Number(value))
  REFRESH_TOKEN_TTL_DAYS = 30;

  @IsInt()
  @Min(1)
  @Max(90)
  @Transform(({ value }) => Number(value))
  INVITATION_TTL_DAYS = 14;

  /** Failed sign-ins allowed per email and address within LOGIN_FAILURE_WINDOW_SECONDS before 429. */
  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  LOGIN_FAILURE_LIMIT = 5;

  @IsInt()
  @Min(1)
  @Transform(({ value }) => Number(value))
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** SMTP server for outgoing mail; without it mails are written as files under MAIL_OUTBOX_DIRECTORY. */
  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string = undefined;

  @IsString()
  MAIL_OUTBOX_DIRECTORY = 'var/mail';

  @IsEmail({ require_tld: false })
  MAIL_FROM = 'matchday@localhost';

  /** Base of links put in emails (invitation links). */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Length of one "minute" of reminder offsets, in seconds: 60 in real use; tests set 1 so that a 60-minute reminder
   * comes 60 seconds before.
   */
  @IsInt()
  @Min(1)
  @Max(60)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_OFFSET_UNIT_SECONDS = 60;

  /** How often the worker's relay looks for outbox rows to move into BullMQ. */
  @IsInt()
  @Min(20)
  @Max(60_000)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_RELAY_POLL_MS = 500;

  /** Period of the reconciliation job (re-enqueues what Redis lost, creates time-derived notices). */
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_RECONCILE_EVERY_MS = 60_000;

  /** A send still `sending` after this long was interrupted (worker crash): marked failed, never sent again. */
  @IsInt()
  @Min(1)
  @Max(86_400)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_SEND_LEASE_SECONDS = 300;

  /** Tries of one delivery before it is marked failed. */
  @IsInt()
  @Min(1)
  @Max(20)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_DELIVERY_ATTEMPTS = 5;

  /** First retry delay of a failed delivery; doubles with each try. */
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_RETRY_DELAY_MS = 30_000;

  /** Deliveries one worker process runs at once. */
  @IsInt()
  @Min(1)
  @Max(200)
  @Transform(({ value }) => Number(value))
  NOTIFICATION_WORKER_CONCURRENCY = 20;

  /** On SIGTERM the worker finishes running jobs for at most this long, then exits anyway. */
  @IsInt()
  @Min(1)
  @Max(600)
  @Transform(({ value }) => Number(value))
  WORKER_SHUTDOWN_TIMEOUT_SECONDS = 30;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigValidationError extends Error {}

export function validateConfig(environment: Record<string, string | undefined>): AppConfig {
  const known = Object.keys(new AppConfig());
  const relevant = Object.fromEntries(
    Object.entries(environment).filter(([key, value]) => known.includes(key) && value !== undefined && value !== ''),
  );
  const config = plainToInstance(AppConfig, relevant);
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (config.isProduction && config.JWT_ACCESS_SECRET === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigValidationError('JWT_ACCESS_SECRET must be set in production');
  }
  if (errors.length > 0) {
    const details = errors
      .map((error) => `${error.property}: ${Object.values(error.constraints ?? {}).join(', ')}`)
      .join('; ');
    throw new ConfigValidationError(`Invalid configuration: ${details}`);
  }
  return config;
}

/** The one place that reads the process environment. */
export function loadConfig(overrides: Partial<Record<keyof AppConfig, string>> = {}): AppConfig {
  return validateConfig({ ...process.env, ...overrides });
}
