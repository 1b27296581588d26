import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './load-config';
import { keepLocalSetupToken, readLocalSetupToken } from './local-secrets';

const KEY = Buffer.alloc(32, 1).toString('base64');
const TOKEN = 'operator-token-with-enough-length';
const scratch = () => join(mkdtempSync(join(tmpdir(), 'mailroom-config-')), 'local.json');

describe('loadConfig', () => {
  it('starts in development with nothing set, generating and keeping the admin token and key', () => {
    const file = scratch();
    const first = loadConfig({ LOCAL_SECRETS_FILE: file });
    const second = loadConfig({ LOCAL_SECRETS_FILE: file });
    expect(first.PORT).toBe(3000);
    expect(first.PUBLIC_BASE_URL).toBe('http://localhost:3000');
    expect(first.SMTP_ALLOW_PRIVATE_HOSTS).toBe(true);
    expect(first.MAILROOM_ROLE).toBe('all');
    expect(second.PLATFORM_ADMIN_TOKEN).toBe(first.PLATFORM_ADMIN_TOKEN);
    expect(second.ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    expect(JSON.parse(readFileSync(file, 'utf8')).ENCRYPTION_KEY).toBe(first.ENCRYPTION_KEY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses production without ENCRYPTION_KEY, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PLATFORM_ADMIN_TOKEN: TOKEN })).toThrow(
      /ENCRYPTION_KEY is required when NODE_ENV=production/,
    );
  });

  it('refuses production without PLATFORM_ADMIN_TOKEN, naming it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY })).toThrow(
      /PLATFORM_ADMIN_TOKEN is required when NODE_ENV=production/,
    );
  });

  it('starts in production with both set, and refuses private SMTP hosts by default', () => {
    const config = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    expect(config.SMTP_ALLOW_PRIVATE_HOSTS).toBe(false);
  });

  it('lets webhooks reach private hosts and plain http in development only, retrying on the Standard Webhooks schedule', () => {
    const development = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    const production = loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    expect([development.WEBHOOK_ALLOW_PRIVATE_HOSTS, development.WEBHOOK_ALLOW_HTTP]).toEqual([true, true]);
    expect([production.WEBHOOK_ALLOW_PRIVATE_HOSTS, production.WEBHOOK_ALLOW_HTTP]).toEqual([false, false]);
    const minute = 60_000;
    const hour = 60 * minute;
    expect(production.WEBHOOK_RETRY_DELAYS_MS).toEqual([5000, 5 * minute, 30 * minute, 2 * hour, 5 * hour, 10 * hour, 10 * hour]);
    expect(production.WEBHOOK_REQUEST_TIMEOUT_MS).toBe(10_000);
    expect(production.WEBHOOK_DISABLE_AFTER_MS).toBe(5 * 24 * hour);
    expect(production.WEBHOOK_SECRET_GRACE_MS).toBe(24 * hour);
  });

  it('reads a webhook retry schedule of its own, and refuses one that is not milliseconds', () => {
    expect(
      loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, WEBHOOK_RETRY_DELAYS_MS: '10, 20,30' }).WEBHOOK_RETRY_DELAYS_MS,
    ).toEqual([10, 20, 30]);
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, WEBHOOK_RETRY_DELAYS_MS: '5s,5m' })).toThrow(
      /WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds/,
    );
  });

  it('explains each invalid value in words', () => {
    let error: ConfigurationError | undefined;
    try {
      loadConfig({
        ENCRYPTION_KEY: 'short',
        PLATFORM_ADMIN_TOKEN: TOKEN,
        PORT: 'eighty',
        MAILROOM_ROLE: 'both',
        MICROSOFT_AUTHORITY_HOST: 'http://login.example.com',
      });
    } catch (caught) {
      error = caught as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const text = error!.message;
    expect(text).toMatch(/ENCRYPTION_KEY must be 32 random bytes in base64/);
    expect(text).toMatch(/PORT must be an integer/);
    expect(text).toMatch(/MAILROOM_ROLE must be one of the following values: all, api, worker/);
    expect(text).toMatch(/MICROSOFT_AUTHORITY_HOST must be an https URL/);
  });

  it('accepts previous encryption keys for rotation', () => {
    const config = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, ENCRYPTION_PREVIOUS_KEYS: `${KEY},${KEY}` });
    expect(config.ENCRYPTION_PREVIOUS_KEYS).toEqual([KEY, KEY]);
  });

  it('trusts no proxy by default and limits each address to 30 failed authentications a minute', () => {
    const config = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.AUTH_FAILURES_PER_MINUTE).toBe(30);
  });

  it.each([
    ['off', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8, 192.168.1.1,loopback', ['10.0.0.0/8', '192.168.1.1', 'loopback']],
    ['2001:DB8::/32', ['2001:db8::/32']],
  ])('reads TRUST_PROXY=%s as %p', (value, expected) => {
    expect(loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it.each(['true', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1,', '-1'])('refuses TRUST_PROXY=%s, saying what it takes', (value) => {
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, TRUST_PROXY: value })).toThrow(
      /TRUST_PROXY must be off, a hop count/,
    );
  });

  it('talks to a single Redis unless cluster nodes are given', () => {
    expect(loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN }).REDIS_CLUSTER_NODES).toEqual([]);
  });

  it('reads the Redis Cluster seed nodes when the prefix is a hash tag', () => {
    const config = loadConfig({
      ENCRYPTION_KEY: KEY,
      PLATFORM_ADMIN_TOKEN: TOKEN,
      REDIS_CLUSTER_NODES: '10.0.0.1:7001, redis-b:7002',
      REDIS_PREFIX: '{mailroom}',
    });
    expect(config.REDIS_CLUSTER_NODES).toEqual(['10.0.0.1:7001', 'redis-b:7002']);
  });

  it('refuses cluster nodes that are not host:port', () => {
    expect(() =>
      loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, REDIS_CLUSTER_NODES: 'redis://10.0.0.1', REDIS_PREFIX: '{mailroom}' }),
    ).toThrow(/REDIS_CLUSTER_NODES must be a comma-separated list of host:port/);
  });

  it.each(['mailroom', '{}mailroom', 'mail{room', 'mailroom}{'])(
    'refuses Redis Cluster with the prefix %s, which is no hash tag, explaining why',
    (prefix) => {
      expect(() =>
        loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, REDIS_CLUSTER_NODES: '127.0.0.1:7001', REDIS_PREFIX: prefix }),
      ).toThrow(/REDIS_PREFIX must contain a hash tag such as \{mailroom\} when REDIS_CLUSTER_NODES is set/);
    },
  );

  it('accepts a hash tag anywhere in the prefix, as Redis hashes the first one', () => {
    expect(
      loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, REDIS_CLUSTER_NODES: '127.0.0.1:7001', REDIS_PREFIX: 'eu-{mailroom}' })
        .REDIS_PREFIX,
    ).toBe('eu-{mailroom}');
  });

  it('keeps sessions 12 hours idle and 7 days at most, and allows ten failed sign-ins per account and address in 15 minutes', () => {
    const config = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    expect(config.SESSION_IDLE_TIMEOUT_MS).toBe(12 * 3_600_000);
    expect(config.SESSION_MAX_AGE_MS).toBe(7 * 24 * 3_600_000);
    expect(config.LOGIN_FAILURES_PER_ACCOUNT).toBe(10);
    expect(config.LOGIN_FAILURES_PER_ADDRESS).toBe(100);
    expect(config.LOGIN_FAILURE_WINDOW_MS).toBe(15 * 60_000);
    expect(config.DASHBOARD_ORIGINS).toEqual([]);
  });

  it('reads DASHBOARD_ORIGINS as a list of origins', () => {
    const config = loadConfig({
      ENCRYPTION_KEY: KEY,
      PLATFORM_ADMIN_TOKEN: TOKEN,
      DASHBOARD_ORIGINS: 'https://admin.example.com, http://localhost:5173',
    });
    expect(config.DASHBOARD_ORIGINS).toEqual(['https://admin.example.com', 'http://localhost:5173']);
  });

  it('refuses a DASHBOARD_ORIGINS entry with a path, which no Origin header carries', () => {
    expect(() =>
      loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, DASHBOARD_ORIGINS: 'https://admin.example.com/app' }),
    ).toThrow(/DASHBOARD_ORIGINS must be a comma-separated list of origins/);
  });

  it('refuses MAILROOM_OPERATOR_EMAIL without MAILROOM_OPERATOR_PASSWORD', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, MAILROOM_OPERATOR_EMAIL: 'ops@example.com' })).toThrow(
      /MAILROOM_OPERATOR_EMAIL and MAILROOM_OPERATOR_PASSWORD go together/,
    );
  });

  it('refuses a MAILROOM_SYSTEM_INTEGRATION that is not a workspace id and an integration id', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, MAILROOM_SYSTEM_INTEGRATION: 'smtp-1' })).toThrow(
      /MAILROOM_SYSTEM_INTEGRATION must be \{workspaceId\}\/\{integrationId\}/,
    );
  });

  it('takes at most 20 attachments of 10 MiB in all per message, refuses executables and scripts, and bounds sends by bytes', () => {
    const config = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN });
    expect(config.MESSAGE_MAX_ATTACHMENTS).toBe(20);
    expect(config.MESSAGE_MAX_ATTACHMENT_BYTES).toBe(10_485_760);
    expect(config.ATTACHMENT_DENIED_EXTENSIONS).toEqual(expect.arrayContaining(['exe', 'js', 'bat', 'ps1', 'sh', 'msi', 'scr', 'jar']));
    expect(config.WORKER_BYTES_IN_FLIGHT).toBe(64 * 1024 * 1024);
    expect(config.RETENTION_PURGE_INTERVAL_MS).toBe(24 * 3_600_000);
  });

  it('reads ATTACHMENT_DENIED_EXTENSIONS as extensions without their dot, in lower case', () => {
    const config = loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, ATTACHMENT_DENIED_EXTENSIONS: 'EXE, .Msi,docm' });
    expect(config.ATTACHMENT_DENIED_EXTENSIONS).toEqual(['exe', 'msi', 'docm']);
  });

  it('refuses an ATTACHMENT_DENIED_EXTENSIONS entry that is no file extension', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, PLATFORM_ADMIN_TOKEN: TOKEN, ATTACHMENT_DENIED_EXTENSIONS: 'exe,*.bat' })).toThrow(
      /ATTACHMENT_DENIED_EXTENSIONS must be a comma-separated list of file extensions/,
    );
  });

  it('keeps the set-up token in the local file beside the generated secrets', () => {
    const file = scratch();
    const generated = loadConfig({ LOCAL_SECRETS_FILE: file });
    keepLocalSetupToken(file, 'setup-token-value');
    expect(readLocalSetupToken(file)).toBe('setup-token-value');
    expect(loadConfig({ LOCAL_SECRETS_FILE: file }).PLATFORM_ADMIN_TOKEN).toBe(generated.PLATFORM_ADMIN_TOKEN);
  });
});
