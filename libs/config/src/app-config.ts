import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { parseTrustProxy, TrustProxy } from './trust-proxy';

export type NodeEnv = 'development' | 'test' | 'production';
export type MailroomRole = 'all' | 'api' | 'worker';

const toBoolean = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;
const toIntegerList = ({ value }: { value: unknown }) => {
  const items = toList({ value });
  return Array.isArray(items) ? items.map((item: unknown) => toInteger({ value: item })) : items;
};

const toExtensions = ({ value }: { value: unknown }) => {
  const list = toList({ value });
  return Array.isArray(list)
    ? list.map((item: unknown) => (typeof item === 'string' ? item.replace(/^\./, '').toLowerCase() : item))
    : list;
};

const BASE64_32_BYTES = /^[A-Za-z0-9+/]{43}=$/;
const ORIGIN = /^https?:\/\/[^\s/?#]+$/;
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const SYSTEM_INTEGRATION = new RegExp(`^${UUID}/${UUID}$`);

/**
 * Every setting Mailroom reads, typed. Built only by `loadConfig`, which validates it at boot;
 * property names are the environment variable names (README, "Configuration").
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: NodeEnv;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  /** Prefix of every Redis key (queues, caches, rate limits). Use a hash tag like `{mailroom}` on Redis Cluster. */
  @IsString()
  @IsNotEmpty()
  REDIS_PREFIX: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    {
      message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://mail.example.com',
    },
  )
  PUBLIC_BASE_URL: string;

  @IsString()
  @Matches(/^.{24,}$/, { message: 'PLATFORM_ADMIN_TOKEN must be at least 24 characters' })
  PLATFORM_ADMIN_TOKEN: string;

  @Matches(BASE64_32_BYTES, { message: 'ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)' })
  ENCRYPTION_KEY: string;

  /** Keys that encrypted older secrets: still readable, never used to encrypt. Comma-separated base64. */
  @Transform(toList)
  @Matches(BASE64_32_BYTES, {
    each: true,
    message: 'ENCRYPTION_PREVIOUS_KEYS must be a comma-separated list of 32-byte base64 keys',
  })
  ENCRYPTION_PREVIOUS_KEYS: string[];

  @IsUrl(
    { require_tld: false, protocols: ['https'], require_protocol: true },
    {
      message: 'MICROSOFT_AUTHORITY_HOST must be an https URL (Microsoft identity refuses http)',
    },
  )
  MICROSOFT_AUTHORITY_HOST: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  GOOGLE_TOKEN_URL: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  GOOGLE_AUTH_URL: string;

  @Transform(toBoolean)
  @IsBoolean()
  SMTP_ALLOW_PRIVATE_HOSTS: boolean;

  @IsIn(['all', 'api', 'worker'])
  MAILROOM_ROLE: MailroomRole;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string;

  @IsOptional()
  @IsString()
  LOCAL_SECRETS_FILE?: string;

  /** Concurrent deliveries per worker process, per queue. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY_TRANSACTIONAL: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WORKER_CONCURRENCY_MARKETING: number;

  /** First retry delay after a transient failure; it doubles (with jitter) up to RETRY_MAX_DELAY_MS. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RETRY_BASE_DELAY_MS: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RETRY_MAX_DELAY_MS: number;

  /** A message still undelivered this long after acceptance fails for good. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  MESSAGE_MAX_AGE_MS: number;

  /** How long messages of an integration that needs reconnecting wait before looking again. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  RECONNECT_HOLD_MS: number;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  OUTBOX_RECONCILE_INTERVAL_MS: number;

  /** A message `sending` for longer than this is presumed orphaned by a dead worker and re-queued. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  SENDING_LEASE_MS: number;

  /** Consecutive transient failures that open an integration's circuit, and how long it stays open. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CIRCUIT_BREAKER_THRESHOLD: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  CIRCUIT_BREAKER_COOLDOWN_MS: number;

  /** Clicks this soon after delivery, or on every link within this window, are a scanner's, not a person's. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  TRACKING_MACHINE_CLICK_WINDOW_MS: number;

  /** Pooled SMTP connections of an integration unused this long are closed. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  TRANSPORT_IDLE_MS: number;

  /**
   * A delivery job that throws (Postgres or Redis away mid-delivery) runs again this many times,
   * backing off exponentially from DELIVERY_JOB_BACKOFF_MS; after the last, the outbox reconciler
   * enqueues the message again. This is apart from SMTP retries, which the message row records.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  DELIVERY_JOB_ATTEMPTS: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  DELIVERY_JOB_BACKOFF_MS: number;

  /** After the SMTP server accepted a message, its `sent` outcome is written again this often until Postgres takes it. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  OUTCOME_WRITE_RETRY_MS: number;

  /** A running job whose worker stops renewing its lock this long (died, lost Redis) is run again elsewhere. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  WORKER_LOCK_DURATION_MS: number;

  /** Data rows one CSV import takes; a file with more is refused whole (413) before anything is written. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CSV_IMPORT_MAX_ROWS: number;

  /**
   * Which proxies' X-Forwarded-For is believed, so per-address limits and tracking see the
   * client's address: off, a hop count, or proxy addresses/CIDRs (see parseTrustProxy).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? (parseTrustProxy(value) ?? value) : value))
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value !== 'string',
      defaultMessage: () =>
        'TRUST_PROXY must be off, a hop count (1 behind one load balancer) or comma-separated proxy addresses or CIDRs such as 10.0.0.0/8',
    },
  })
  TRUST_PROXY: TrustProxy;

  /** How long an invitation link to a workspace works. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(90)
  INVITATION_TTL_DAYS: number;

  /** Failed authentications (unknown key, wrong token) one client address may make per minute before it gets 429. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  AUTH_FAILURES_PER_MINUTE: number;

  /**
   * HTML bodies larger than this (UTF-8 bytes) are sent as written, without click tracking or the
   * open pixel, and the message says so (`tracking.skipped`). Rewriting is linear in the body; the
   * cap bounds each delivery's share of a worker's memory. Default 5 MB.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  TRACKING_MAX_HTML_BYTES: number;

  /** Most files one message may carry; more is a 413 naming this limit. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(1000)
  MESSAGE_MAX_ATTACHMENTS: number;

  /**
   * Most bytes (decoded) the attachments of one message may hold together; more is a 413 naming
   * this limit. The JSON body limit of the send endpoints grows with it (base64 is 4/3 of the bytes).
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100 * 1024 * 1024)
  MESSAGE_MAX_ATTACHMENT_BYTES: number;

  /**
   * File extensions (without the dot) refused as attachments with a 422: executables, scripts and
   * disk images, by their name or by the extension their declared content type stands for.
   */
  @Transform(toExtensions)
  @Matches(/^[a-z0-9_]{1,20}$/, {
    each: true,
    message: 'ATTACHMENT_DENIED_EXTENSIONS must be a comma-separated list of file extensions such as exe,bat,js',
  })
  ATTACHMENT_DENIED_EXTENSIONS: string[];

  /**
   * Bytes of messages (bodies and attachments) one worker process sends at once, besides the
   * concurrency's count: a delivery waits until its message fits. A message larger than this is
   * sent when it is the only one in flight.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1024 * 1024)
  WORKER_BYTES_IN_FLIGHT: number;

  /** How often the worker purges what each workspace's retention settings no longer keep (bodies, messages, events). */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  RETENTION_PURGE_INTERVAL_MS: number;

  /**
   * Bounce processing: one worker at a time holds each watched mailbox for this long and renews
   * the hold every third of it; a worker that dies loses its mailboxes after this long. Workers
   * also look for newly enabled mailboxes every third of it.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(300)
  BOUNCE_LEASE_MS: number;

  /** How often a watched mailbox is looked at again besides IMAP IDLE's news (a server without IDLE, a missed notice). */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  BOUNCE_POLL_INTERVAL_MS: number;

  /** Longest wait before reconnecting to a mailbox that failed; the wait doubles from a second up to this. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  BOUNCE_RECONNECT_MAX_MS: number;

  /**
   * How long a worker remembers that a workspace has no address suppressed for a bounce or
   * complaint, sparing transactional sends the look-up. A bounce is read back minutes after the
   * send it answers; seconds more before transactional mail notices it cost nothing.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  BOUNCED_ADDRESSES_CACHE_MS: number;

  /**
   * Seed nodes (`host:port`, comma-separated) of a Redis Cluster; empty for a single Redis at
   * REDIS_URL. When set, Mailroom discovers the cluster from them, REDIS_URL only lends its user,
   * password and `rediss:` (TLS) to every node, and REDIS_PREFIX must contain a hash tag.
   */
  @Transform(toList)
  @Matches(/^[^\s:/@]+:\d{1,5}$/, {
    each: true,
    message: 'REDIS_CLUSTER_NODES must be a comma-separated list of host:port, such as 10.0.0.1:6379,10.0.0.2:6379',
  })
  REDIS_CLUSTER_NODES: string[];

  /**
   * Origins besides PUBLIC_BASE_URL's whose pages may make cookie-authenticated changes (a
   * dashboard served elsewhere, a local dev server). Comma-separated `scheme://host[:port]`.
   */
  @Transform(toList)
  @Matches(ORIGIN, {
    each: true,
    message: 'DASHBOARD_ORIGINS must be a comma-separated list of origins such as https://admin.example.com (scheme, host and port only)',
  })
  DASHBOARD_ORIGINS: string[];

  /** The built dashboard (`npm run build` writes it), served at `/`; relative paths start at the working directory. */
  @IsString()
  @IsNotEmpty()
  DASHBOARD_DIR: string;

  /** How long the first-run set-up link works; a start after that prints a new one. */
  @Transform(toInteger)
  @IsInt()
  @Min(60_000)
  SETUP_TOKEN_TTL_MS: number;

  /** How long a password-reset link (mailed, or issued by an admin) works. */
  @Transform(toInteger)
  @IsInt()
  @Min(60_000)
  PASSWORD_RESET_TTL_MS: number;

  /** A session unused this long ends (idle expiry). */
  @Transform(toInteger)
  @IsInt()
  @Min(60_000)
  SESSION_IDLE_TIMEOUT_MS: number;

  /** A session ends this long after sign-in, however busy (absolute expiry). */
  @Transform(toInteger)
  @IsInt()
  @Min(60_000)
  SESSION_MAX_AGE_MS: number;

  /**
   * Failed sign-ins (wrong password or second factor) one account may have from one address per
   * LOGIN_FAILURE_WINDOW_MS, and, looser, one address across all accounts. Counting the pair keeps
   * a guesser elsewhere from locking the account's owner out.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  LOGIN_FAILURES_PER_ADDRESS: number;

  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  LOGIN_FAILURE_WINDOW_MS: number;

  /** Webhook URLs may reach private, loopback and link-local addresses (checked at save and at every connection). */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_HOSTS: boolean;

  /** Webhook URLs may be plain http; otherwise only https is accepted. */
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_HTTP: boolean;

  /**
   * Waits before each retry of a webhook delivery that did not get a 2xx, in order; after the
   * last one the delivery is `failed`. The default is the Standard Webhooks (Svix) schedule:
   * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, about 27 hours in all.
   */
  @Transform(toIntegerList)
  @ArrayNotEmpty({ message: 'WEBHOOK_RETRY_DELAYS_MS must list at least one delay' })
  @ArrayMaxSize(50)
  @IsInt({ each: true, message: 'WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds, such as 5000,300000,1800000' })
  @Min(0, { each: true })
  WEBHOOK_RETRY_DELAYS_MS: number[];

  /** A webhook request without a complete answer this long after it started is a failed attempt. */
  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(60_000)
  WEBHOOK_REQUEST_TIMEOUT_MS: number;

  /** An endpoint that has had no successful delivery for this long (while deliveries failed) is disabled. */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  WEBHOOK_DISABLE_AFTER_MS: number;

  /** After a secret rotation the previous secret stays valid, and signs alongside the new one, this long. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  WEBHOOK_SECRET_GRACE_MS: number;

  /** Requests in flight to one endpoint at once, across every worker: one slow endpoint holds no more than this. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_ENDPOINT_CONCURRENCY: number;

  /** Endpoints one worker process delivers to at once. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_WORKER_CONCURRENCY: number;

  /**
   * A worker owning an endpoint renews its hold every third of this; one that stops (it died) loses
   * the endpoint after this long, and the next owner sends what it had in flight again. Also how
   * long an attempt made from the API (test, retry) holds its delivery.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1000)
  WEBHOOK_LEASE_MS: number;

  /** Creates the first operator at start when none exists yet, instead of the set-up link (automated deployments). */
  @IsOptional()
  @IsEmail({}, { message: 'MAILROOM_OPERATOR_EMAIL must be an email address' })
  MAILROOM_OPERATOR_EMAIL?: string;

  @IsOptional()
  @IsString()
  MAILROOM_OPERATOR_PASSWORD?: string;

  /** `{workspaceId}/{integrationId}`: the integration that sends Mailroom's own mail (password resets, invitations). */
  @IsOptional()
  @Matches(SYSTEM_INTEGRATION, {
    message:
      'MAILROOM_SYSTEM_INTEGRATION must be {workspaceId}/{integrationId}, two UUIDs, such as the ids in /v1/workspaces/{ws}/integrations/{id}',
  })
  MAILROOM_SYSTEM_INTEGRATION?: string;
}
