import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import * as fs from 'node:fs';
import * as path from 'node:path';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** `apply=2000,verify=500`: a number per step name (simulated executor settings). */
const STEP_MAP = /^\s*$|^\s*[a-z_]+\s*=\s*\d+(\.\d+)?\s*(,\s*[a-z_]+\s*=\s*\d+(\.\d+)?\s*)*$/;
const STEP_MAP_MESSAGE = 'must look like step=number,step=number (e.g. apply=2000,verify=500)';
function parseStepMap(value: string | undefined): Record<string, number> {
  const map: Record<string, number> = {};
  for (const pair of (value ?? '').split(',')) {
    const [step, number] = pair.split('=').map((s) => s.trim());
    if (step && number) map[step] = Number(number);
  }
  return map;
}

/** The environment as the service accepts it. Every variable is documented in README.md. */
class Environment {
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT?: number;
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// connection string' })
  DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(65535) EMBEDDED_PG_PORT?: number;
  @IsOptional() @IsString() @MinLength(1) EMBEDDED_PG_HOME?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(2) @Max(200) DB_POOL_SIZE?: number;
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;
  @IsOptional() @IsString() MAIL_FROM?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(86400) MAIL_DIGEST_WINDOW_SECONDS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() MAIL_SENDER_ENABLED?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(100000) MAIL_RATE_PER_SECOND?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(50) MAIL_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) MAIL_BATCH_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) MAIL_MAX_ATTEMPTS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400000) MAIL_RETRY_BASE_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60000) MAIL_POLL_MS?: number;
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(24, { message: 'must be at least 24 characters' })
  ADMIN_API_KEY?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() SCHEDULER_ENABLED?: boolean;
  @IsOptional() @IsIn(['simulated', 'http']) EXECUTOR?: 'simulated' | 'http';
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(600000) SIMULATED_STEP_MS?: number;
  @IsOptional() @Matches(STEP_MAP, { message: STEP_MAP_MESSAGE }) SIMULATED_STEP_DURATIONS?: string;
  @IsOptional() @Matches(STEP_MAP, { message: STEP_MAP_MESSAGE }) SIMULATED_FAILURE_RATES?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) SCHEDULER_CONCURRENCY?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  SCHEDULER_PLATFORM_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(1000) SCHEDULER_TICK_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) LEASE_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) MAX_ATTEMPTS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  SNAPSHOT_EXPIRY_INTERVAL_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600000) SHUTDOWN_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(600000) EXECUTOR_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(20) EXECUTOR_RETRIES?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(10000) EXECUTOR_MAX_IN_FLIGHT?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(3600000) EXECUTOR_POLL_MS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86400000)
  EXECUTOR_STEP_TIMEOUT_MS?: number;
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http:// or https:// URL' })
  EXECUTOR_CALLBACK_URL?: string;
  @IsOptional() @Transform(emptyToUndefined) @IsString() METRICS_TOKEN?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(1_000_000) RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: 'json' | 'pretty';
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(720) SESSION_TTL_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(43200) SESSION_IDLE_MINUTES?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() TRUST_PROXY?: boolean;
  @IsOptional() @Transform(emptyToUndefined) @IsString() CONSOLE_DIR?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(3600) METRICS_COUNTS_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(3600) DRY_RUN_COUNTS_SECONDS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() RETENTION_ENABLED?: boolean;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(36500) RETENTION_TASK_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(36500) RETENTION_SENT_EMAIL_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(36500) RETENTION_DEAD_EMAIL_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(36500) RETENTION_AUDIT_DAYS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36500)
  RETENTION_WEBHOOK_SUCCEEDED_DAYS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(36500)
  RETENTION_WEBHOOK_FAILED_DAYS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(10) @Max(100000) RETENTION_BATCH_SIZE?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(86400) RETENTION_INTERVAL_SECONDS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(60000) RETENTION_PAUSE_MS?: number;
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOK_SENDER_ENABLED?: boolean;
  @IsOptional() @Transform(toBool) @IsBoolean() WEBHOOK_ALLOW_PRIVATE?: boolean;
  @IsOptional()
  @Transform(emptyToUndefined)
  @Matches(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, {
    message: 'must be an http:// or https:// URL without query (e.g. https://updates.example.com)',
  })
  PUBLIC_URL?: string;
  @IsOptional()
  @Transform(emptyToUndefined)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  SELF_SERVICE_SECRET?: string;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  SELF_SERVICE_RATE_LIMIT_PER_MINUTE?: number;
  @IsOptional()
  @Matches(/^\s*\d+\s*(,\s*\d+\s*)*$/, {
    message: 'must be seconds between attempts, comma-separated (e.g. 5,300,1800)',
  })
  WEBHOOK_RETRY_SCHEDULE?: string;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(8760) WEBHOOK_DISABLE_AFTER_HOURS?: number;
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(8760)
  ROLLOUT_CONFIRMATION_EXPIRY_HOURS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120000) WEBHOOK_TIMEOUT_MS?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(1000) WEBHOOK_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(100) WEBHOOK_ENDPOINT_CONCURRENCY?: number;
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(60000) WEBHOOK_POLL_MS?: number;
}

/** console/dist of the checkout or image this code runs from (src/ under ts, dist/src/ when built). */
function defaultConsoleDir(): string {
  const marks = [path.join('console', 'package.json'), path.join('console', 'dist', 'index.html')];
  for (let dir = path.dirname(__dirname), i = 0; i < 3; dir = path.dirname(dir), i++) {
    if (marks.some((mark) => fs.existsSync(path.join(dir, mark)))) {
      return path.join(dir, 'console', 'dist');
    }
  }
  return path.resolve('console', 'dist');
}

export type ExecutorDriver = 'simulated' | 'http';

/** Validated, typed configuration. Built once at start by loadConfig; nothing else reads process.env. */
export class AppConfig {
  port!: number;
  /** Unset: the service starts an embedded PostgreSQL in dataDir/pg. */
  databaseUrl?: string;
  dataDir!: string;
  embeddedPgPort!: number;
  /**
   * As root: where the embedded PostgreSQL's binaries and cluster are kept when the postgres user
   * cannot reach the clone's folder.
   */
  embeddedPgHome!: string;
  dbPoolSize!: number;
  smtpUrl?: string;
  mailFrom!: string;
  /** Partner e-mails about starts and results wait this long so that a batch's go out as one digest. */
  mailDigestWindowSeconds!: number;
  /** Run the e-mail sender in this process (default: wherever the scheduler runs). */
  mailSenderEnabled!: boolean;
  /** At most this many e-mails a second to the SMTP server; 0: no limit. */
  mailRatePerSecond!: number;
  /** SMTP connections, and e-mails in flight, per process. */
  mailConcurrency!: number;
  /** E-mails claimed from the outbox at a time. */
  mailBatchSize!: number;
  /** Sending attempts before an e-mail is given up (status dead). */
  mailMaxAttempts!: number;
  /** First retry delay; it doubles with each attempt (with jitter, at most an hour). */
  mailRetryBaseMs!: number;
  /**
   * How often an idle sender looks for e-mails that became due without a commit waking it (retries,
   * partner digests whose window ended); new e-mails wake it at their commit.
   */
  mailPollMs!: number;
  adminApiKey?: string;
  schedulerEnabled!: boolean;
  executor!: ExecutorDriver;
  simulatedStepMs!: number;
  /** Per-step durations of the simulated executor (ms), overriding simulatedStepMs. */
  simulatedStepDurations!: Record<string, number>;
  /** Per-step probability (0..1) that the simulated executor fails the step. */
  simulatedFailureRates!: Record<string, number>;
  /** Updates run at once by this process. */
  schedulerConcurrency!: number;
  /** Updates running at once on one platform, across every process. */
  schedulerPlatformConcurrency!: number;
  /** The dispatcher looks for due work at least this often (ms). */
  schedulerTickMs!: number;
  /** How long a claimed task stays reserved without a renewal; renewed every third of it. */
  leaseSeconds!: number;
  /** Attempts (claims whose lease expired, plus the current one) before a task is failed. */
  maxAttempts!: number;
  /** How often each scheduler process deletes expired snapshots. */
  snapshotExpiryIntervalMs!: number;
  /** On SIGTERM, running updates get this long to finish before their leases are handed back. */
  shutdownTimeoutMs!: number;
  /** http executor: one request's timeout; transient errors are retried EXECUTOR_RETRIES times. */
  executorTimeoutMs!: number;
  executorRetries!: number;
  /**
   * http executor: requests in flight at once per process; more wait for a slot, and that wait is
   * not part of a request's timeout.
   */
  executorMaxInFlight!: number;
  /** http executor: how often a step the executor reports as running is polled. */
  executorPollMs!: number;
  /** http executor: a step still running after this long fails. */
  executorStepTimeoutMs!: number;
  /** This service's base URL as the executor reaches it; unset: no callbacks, polling only. */
  executorCallbackUrl?: string;
  /** This service's address as customers reach it (calendar feeds, self-service links in e-mails), no trailing slash. */
  publicUrl!: string;
  metricsToken?: string;
  /** Requests per minute per API key and process; 0 = no limit. */
  rateLimitPerMinute!: number;
  logLevel!: string;
  logFormat!: 'json' | 'pretty';
  /** A console session ends this long after sign-in, whatever happens. */
  sessionTtlHours!: number;
  /** A console session ends after this long without a request. */
  sessionIdleMinutes!: number;
  /** Behind a reverse proxy: trust X-Forwarded-Proto/-For (session cookies are Secure over HTTPS). */
  trustProxy!: boolean;
  /** The built console (console/dist), served at `/`. */
  consoleDir!: string;
  /** `/metrics` counts open tasks at most this often (every scrape in between gets the last count). */
  metricsCountsSeconds!: number;
  /** A dry run over 50,000 tenants or more may answer from a count this old (0: always counts). */
  dryRunCountsSeconds!: number;
  /** Run the retention job in this process (default: wherever the scheduler runs). */
  retentionEnabled!: boolean;
  /** Days a finished task (with its step log) is kept; its batch goes with its last task. 0: forever. */
  retentionTaskDays!: number;
  /** Days a sent e-mail is kept once nothing can follow it up (its task or batch finished). 0: forever. */
  retentionSentEmailDays!: number;
  /** Days an e-mail given up (dead) is kept, on the same condition. 0: forever. */
  retentionDeadEmailDays!: number;
  /** Days an audit row is kept. 0: forever. */
  retentionAuditDays!: number;
  /** Days a webhook delivery that succeeded is kept (from its delivery), attempts included. 0: forever. */
  retentionWebhookSucceededDays!: number;
  /** Days a webhook delivery that failed for good is kept (from its last attempt). 0: forever. */
  retentionWebhookFailedDays!: number;
  /** Rows looked at per statement; each statement is its own short transaction. */
  retentionBatchSize!: number;
  /** The retention job runs this often. */
  retentionIntervalSeconds!: number;
  /** The retention job waits this long between two delete statements (leaves the database to others). */
  retentionPauseMs!: number;
  /** Run the webhook sender in this process (default: wherever the scheduler runs). */
  webhookSenderEnabled!: boolean;
  /** Webhook URLs may be plain http and reach loopback, private and link-local addresses (tests). */
  webhookAllowPrivate!: boolean;
  /** Seconds between a webhook delivery's attempts; one more attempt than entries. */
  webhookRetrySchedule!: number[];
  /** An endpoint whose deliveries have failed for this long is disabled. */
  webhookDisableAfterHours!: number;
  /** A rollout awaiting confirmation this long after its creation is cancelled. */
  rolloutConfirmationExpiryHours!: number;
  /** One webhook request's timeout (connect to last byte of the response). */
  webhookTimeoutMs!: number;
  /** Webhook requests in flight at once per process. */
  webhookConcurrency!: number;
  /** Webhook requests in flight at once per process to one endpoint: a slow receiver holds no more. */
  webhookEndpointConcurrency!: number;
  /**
   * How often an idle webhook sender looks for deliveries that became due without a commit waking
   * it (retries, leases that lapsed); new deliveries wake it at their commit.
   */
  webhookPollMs!: number;
  /** Signs the self-service links; unset: a key generated once and kept in the database. */
  selfServiceSecret?: string;
  /** Requests per minute from self-service links, per client address (per process); 0: unlimited. */
  selfServiceRateLimitPerMinute!: number;
}

/** The Standard Webhooks retry schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_WEBHOOK_RETRY_SCHEDULE = '5,300,1800,7200,18000,36000,36000';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = plainToInstance(Environment, env, { excludeExtraneousValues: false });
  const errors = validateSync(parsed, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`),
    );
  }
  const dataDir = path.resolve(parsed.DATA_DIR ?? './data');
  return Object.assign(new AppConfig(), {
    port: parsed.PORT ?? 3000,
    databaseUrl: parsed.DATABASE_URL,
    dataDir,
    embeddedPgPort: parsed.EMBEDDED_PG_PORT ?? 54329,
    embeddedPgHome: path.resolve(parsed.EMBEDDED_PG_HOME ?? '/var/lib/tenant-update-scheduler'),
    dbPoolSize: parsed.DB_POOL_SIZE ?? 10,
    smtpUrl: parsed.SMTP_URL,
    mailFrom: parsed.MAIL_FROM ?? 'updates@localhost',
    mailDigestWindowSeconds: parsed.MAIL_DIGEST_WINDOW_SECONDS ?? 60,
    mailSenderEnabled: parsed.MAIL_SENDER_ENABLED ?? parsed.SCHEDULER_ENABLED ?? true,
    mailRatePerSecond: parsed.MAIL_RATE_PER_SECOND ?? 0,
    mailConcurrency: parsed.MAIL_CONCURRENCY ?? 5,
    mailBatchSize: parsed.MAIL_BATCH_SIZE ?? 100,
    mailMaxAttempts: parsed.MAIL_MAX_ATTEMPTS ?? 8,
    mailRetryBaseMs: parsed.MAIL_RETRY_BASE_MS ?? 30_000,
    mailPollMs: parsed.MAIL_POLL_MS ?? 1_000,
    adminApiKey: parsed.ADMIN_API_KEY,
    schedulerEnabled: parsed.SCHEDULER_ENABLED ?? true,
    executor: parsed.EXECUTOR ?? 'simulated',
    simulatedStepMs: parsed.SIMULATED_STEP_MS ?? 300,
    simulatedStepDurations: parseStepMap(parsed.SIMULATED_STEP_DURATIONS),
    simulatedFailureRates: parseStepMap(parsed.SIMULATED_FAILURE_RATES),
    schedulerConcurrency: parsed.SCHEDULER_CONCURRENCY ?? 20,
    schedulerPlatformConcurrency: parsed.SCHEDULER_PLATFORM_CONCURRENCY ?? 100,
    schedulerTickMs: parsed.SCHEDULER_TICK_MS ?? 1000,
    leaseSeconds: parsed.LEASE_SECONDS ?? 30,
    maxAttempts: parsed.MAX_ATTEMPTS ?? 3,
    snapshotExpiryIntervalMs: parsed.SNAPSHOT_EXPIRY_INTERVAL_MS ?? 60_000,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    executorTimeoutMs: parsed.EXECUTOR_TIMEOUT_MS ?? 10_000,
    executorRetries: parsed.EXECUTOR_RETRIES ?? 5,
    executorMaxInFlight: parsed.EXECUTOR_MAX_IN_FLIGHT ?? 64,
    executorPollMs: parsed.EXECUTOR_POLL_MS ?? 2_000,
    executorStepTimeoutMs: parsed.EXECUTOR_STEP_TIMEOUT_MS ?? 3_600_000,
    executorCallbackUrl: parsed.EXECUTOR_CALLBACK_URL?.replace(/\/+$/, ''),
    metricsToken: parsed.METRICS_TOKEN,
    rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE ?? 1200,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    logFormat: parsed.LOG_FORMAT ?? 'json',
    sessionTtlHours: parsed.SESSION_TTL_HOURS ?? 12,
    sessionIdleMinutes: parsed.SESSION_IDLE_MINUTES ?? 60,
    trustProxy: parsed.TRUST_PROXY ?? false,
    consoleDir: path.resolve(parsed.CONSOLE_DIR ?? defaultConsoleDir()),
    metricsCountsSeconds: parsed.METRICS_COUNTS_SECONDS ?? 30,
    dryRunCountsSeconds: parsed.DRY_RUN_COUNTS_SECONDS ?? 30,
    retentionEnabled: parsed.RETENTION_ENABLED ?? parsed.SCHEDULER_ENABLED ?? true,
    retentionTaskDays: parsed.RETENTION_TASK_DAYS ?? 180,
    retentionSentEmailDays: parsed.RETENTION_SENT_EMAIL_DAYS ?? 30,
    retentionDeadEmailDays: parsed.RETENTION_DEAD_EMAIL_DAYS ?? 90,
    retentionAuditDays: parsed.RETENTION_AUDIT_DAYS ?? 400,
    retentionWebhookSucceededDays: parsed.RETENTION_WEBHOOK_SUCCEEDED_DAYS ?? 30,
    retentionWebhookFailedDays: parsed.RETENTION_WEBHOOK_FAILED_DAYS ?? 90,
    retentionBatchSize: parsed.RETENTION_BATCH_SIZE ?? 1000,
    retentionIntervalSeconds: parsed.RETENTION_INTERVAL_SECONDS ?? 600,
    retentionPauseMs: parsed.RETENTION_PAUSE_MS ?? 100,
    webhookSenderEnabled: parsed.WEBHOOK_SENDER_ENABLED ?? parsed.SCHEDULER_ENABLED ?? true,
    webhookAllowPrivate: parsed.WEBHOOK_ALLOW_PRIVATE ?? false,
    webhookRetrySchedule: (parsed.WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE)
      .split(',')
      .map((s) => Number(s.trim())),
    webhookDisableAfterHours: parsed.WEBHOOK_DISABLE_AFTER_HOURS ?? 72,
    rolloutConfirmationExpiryHours: parsed.ROLLOUT_CONFIRMATION_EXPIRY_HOURS ?? 72,
    webhookTimeoutMs: parsed.WEBHOOK_TIMEOUT_MS ?? 10_000,
    webhookConcurrency: parsed.WEBHOOK_CONCURRENCY ?? 32,
    webhookEndpointConcurrency: parsed.WEBHOOK_ENDPOINT_CONCURRENCY ?? 4,
    webhookPollMs: parsed.WEBHOOK_POLL_MS ?? 1_000,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT ?? 3000}`).replace(/\/+$/, ''),
    selfServiceSecret: parsed.SELF_SERVICE_SECRET,
    selfServiceRateLimitPerMinute: parsed.SELF_SERVICE_RATE_LIMIT_PER_MINUTE ?? 30,
  });
}
