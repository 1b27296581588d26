import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, NodeEnv } from './app-config';
import { DEFAULT_LOCAL_SECRETS_FILE, readOrCreateLocalSecrets } from './local-secrets';

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Mailroom cannot start, its configuration is invalid:\n  - ${problems.join('\n  - ')}`);
  }
}

type Environment = Record<string, string | undefined>;

const REQUIRED_IN_PRODUCTION = ['PLATFORM_ADMIN_TOKEN', 'ENCRYPTION_KEY'] as const;

// Redis Cluster hashes only the part between a key's first `{` and the next `}`, if not empty.
// Every key starts with the prefix, so a tag there puts all of them (queues, caches, limits)
// in one slot, as BullMQ's scripts and Mailroom's MULTIs need.
const STARTS_WITH_HASH_TAG = /^[^{]*\{[^}]+\}/;

// Gmail's list of file types it refuses to carry (support.google.com/mail/answer/6590), with the
// scripts of Unix shells, ELF binaries and macOS applications besides. Written as the variable takes it.
const DENIED_EXTENSIONS =
  'ade,adp,apk,appx,appxbundle,bat,cab,chm,cmd,com,cpl,diagcab,diagcfg,diagpack,dll,dmg,elf,ex,ex_,exe,hta,img,ins,iso,isp,jar,jnlp,js,jse,lib,lnk,mde,mjs,msc,msi,msix,msixbundle,msp,mst,nsh,pif,ps1,scr,sct,shb,sys,vb,vbe,vbs,vhd,vxd,wsc,wsf,wsh,xll,app,bash,command,csh,ksh,psm1,reg,sh,zsh';

function defaultsFor(env: Environment, nodeEnv: NodeEnv): Record<string, string> {
  const port = env.PORT ?? '3000';
  return {
    PORT: port,
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/mailroom',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'mailroom',
    PUBLIC_BASE_URL: `http://localhost:${port}`,
    ENCRYPTION_PREVIOUS_KEYS: '',
    MICROSOFT_AUTHORITY_HOST: 'https://login.microsoftonline.com',
    GOOGLE_TOKEN_URL: 'https://oauth2.googleapis.com/token',
    GOOGLE_AUTH_URL: 'https://accounts.google.com/o/oauth2/v2/auth',
    SMTP_ALLOW_PRIVATE_HOSTS: nodeEnv === 'production' ? 'false' : 'true',
    MAILROOM_ROLE: 'all',
    LOG_LEVEL: nodeEnv === 'test' ? 'silent' : 'info',
    WORKER_CONCURRENCY_TRANSACTIONAL: '50',
    WORKER_CONCURRENCY_MARKETING: '20',
    RETRY_BASE_DELAY_MS: '30000',
    RETRY_MAX_DELAY_MS: String(60 * 60_000),
    MESSAGE_MAX_AGE_MS: String(24 * 60 * 60_000),
    RECONNECT_HOLD_MS: String(5 * 60_000),
    OUTBOX_RECONCILE_INTERVAL_MS: '30000',
    SENDING_LEASE_MS: String(5 * 60_000),
    CIRCUIT_BREAKER_THRESHOLD: '10',
    CIRCUIT_BREAKER_COOLDOWN_MS: '60000',
    TRANSPORT_IDLE_MS: '300000',
    TRACKING_MACHINE_CLICK_WINDOW_MS: '10000',
    DELIVERY_JOB_ATTEMPTS: '10',
    DELIVERY_JOB_BACKOFF_MS: '1000',
    OUTCOME_WRITE_RETRY_MS: '1000',
    WORKER_LOCK_DURATION_MS: '30000',
    CSV_IMPORT_MAX_ROWS: '100000',
    TRUST_PROXY: 'off',
    AUTH_FAILURES_PER_MINUTE: '30',
    INVITATION_TTL_DAYS: '7',
    TRACKING_MAX_HTML_BYTES: String(5 * 1024 * 1024),
    MESSAGE_MAX_ATTACHMENTS: '20',
    MESSAGE_MAX_ATTACHMENT_BYTES: String(10 * 1024 * 1024),
    ATTACHMENT_DENIED_EXTENSIONS: DENIED_EXTENSIONS,
    WORKER_BYTES_IN_FLIGHT: String(64 * 1024 * 1024),
    RETENTION_PURGE_INTERVAL_MS: String(24 * 60 * 60_000),
    BOUNCE_LEASE_MS: '60000',
    BOUNCE_POLL_INTERVAL_MS: String(5 * 60_000),
    BOUNCE_RECONNECT_MAX_MS: String(5 * 60_000),
    BOUNCED_ADDRESSES_CACHE_MS: '10000',
    REDIS_CLUSTER_NODES: '',
    DASHBOARD_ORIGINS: '',
    DASHBOARD_DIR: 'dist/dashboard',
    SETUP_TOKEN_TTL_MS: String(24 * 60 * 60_000),
    PASSWORD_RESET_TTL_MS: String(60 * 60_000),
    SESSION_IDLE_TIMEOUT_MS: String(12 * 60 * 60_000),
    SESSION_MAX_AGE_MS: String(7 * 24 * 60 * 60_000),
    LOGIN_FAILURES_PER_ACCOUNT: '10',
    LOGIN_FAILURES_PER_ADDRESS: '100',
    LOGIN_FAILURE_WINDOW_MS: String(15 * 60_000),
    WEBHOOK_ALLOW_PRIVATE_HOSTS: nodeEnv === 'production' ? 'false' : 'true',
    WEBHOOK_ALLOW_HTTP: nodeEnv === 'production' ? 'false' : 'true',
    WEBHOOK_RETRY_DELAYS_MS: [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000].join(','),
    WEBHOOK_REQUEST_TIMEOUT_MS: '10000',
    WEBHOOK_DISABLE_AFTER_MS: String(5 * 24 * 3600_000),
    WEBHOOK_SECRET_GRACE_MS: String(24 * 3600_000),
    WEBHOOK_ENDPOINT_CONCURRENCY: '10',
    WEBHOOK_WORKER_CONCURRENCY: '20',
    WEBHOOK_LEASE_MS: '60000',
  };
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

/**
 * Reads and validates the environment once. Outside production, a missing admin token or
 * encryption key is generated and kept in a git-ignored local file so `npm start` needs nothing set.
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const nodeEnv = (env.NODE_ENV ?? 'development') as NodeEnv;
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const raw: Record<string, string | undefined> = { ...defaultsFor(env, nodeEnv), ...present, NODE_ENV: nodeEnv };

  if (nodeEnv === 'production') {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => !raw[name]);
    if (missing.length > 0) {
      throw new ConfigurationError(missing.map((name) => `${name} is required when NODE_ENV=production`));
    }
  } else if (!raw.PLATFORM_ADMIN_TOKEN || !raw.ENCRYPTION_KEY) {
    const local = readOrCreateLocalSecrets(raw.LOCAL_SECRETS_FILE ?? DEFAULT_LOCAL_SECRETS_FILE);
    raw.PLATFORM_ADMIN_TOKEN ??= local.PLATFORM_ADMIN_TOKEN;
    raw.ENCRYPTION_KEY ??= local.ENCRYPTION_KEY;
  }

  const config = plainToInstance(AppConfig, raw);
  const problems = describe(validateSync(config, { whitelist: true }));
  if (config.REDIS_CLUSTER_NODES.length > 0 && !STARTS_WITH_HASH_TAG.test(config.REDIS_PREFIX)) {
    problems.push(
      `REDIS_PREFIX must contain a hash tag such as {mailroom} when REDIS_CLUSTER_NODES is set: Redis Cluster ` +
        `keeps keys in one slot only by their tag, and BullMQ and the caches use several keys at once (got "${config.REDIS_PREFIX}")`,
    );
  }
  if (Boolean(config.MAILROOM_OPERATOR_EMAIL) !== Boolean(config.MAILROOM_OPERATOR_PASSWORD)) {
    problems.push(
      'MAILROOM_OPERATOR_EMAIL and MAILROOM_OPERATOR_PASSWORD go together: set both to create the first operator at start, or neither',
    );
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}
