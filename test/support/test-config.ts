import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@app/config';

/** Retry and reconcile timings short enough for tests to watch them happen. */
export const FAST_DELIVERY_ENV = {
  RETRY_BASE_DELAY_MS: '50',
  RETRY_MAX_DELAY_MS: '200',
  RECONNECT_HOLD_MS: '200',
  OUTBOX_RECONCILE_INTERVAL_MS: '300',
  CIRCUIT_BREAKER_THRESHOLD: '1000',
};

/** The configuration of one test file: a Redis key prefix of its own and fast delivery timings; `env` overrides any variable. */
export function testConfig(env: Record<string, string>): AppConfig {
  return loadConfig({ ...process.env, REDIS_PREFIX: `mr-test-${randomBytes(4).toString('hex')}`, ...FAST_DELIVERY_ENV, ...env });
}
