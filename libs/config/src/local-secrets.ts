import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const DEFAULT_LOCAL_SECRETS_FILE = '.mailroom.local.json';

export interface LocalSecrets {
  PLATFORM_ADMIN_TOKEN: string;
  ENCRYPTION_KEY: string;
  /** The first-run set-up link's token, so every start prints the same link until it expires. */
  SETUP_TOKEN?: string;
}

function read(path: string): Partial<LocalSecrets> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<LocalSecrets>) : {};
}

function write(path: string, secrets: Partial<LocalSecrets>): void {
  writeFileSync(path, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
}

/**
 * Development convenience: the first start generates the operator token and the encryption key,
 * prints them once on stderr and keeps them (mode 600) so later starts can read what was encrypted.
 */
export function readOrCreateLocalSecrets(file: string): LocalSecrets {
  const path = resolve(file);
  const kept = read(path);
  if (kept.PLATFORM_ADMIN_TOKEN && kept.ENCRYPTION_KEY) return kept as LocalSecrets;

  const secrets: LocalSecrets = {
    ...kept,
    PLATFORM_ADMIN_TOKEN: kept.PLATFORM_ADMIN_TOKEN ?? `mra_${randomBytes(24).toString('base64url')}`,
    ENCRYPTION_KEY: kept.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  };
  write(path, secrets);
  process.stderr.write(
    `\nMailroom generated development secrets and saved them in ${path} (git-ignored):\n` +
      `  PLATFORM_ADMIN_TOKEN=${secrets.PLATFORM_ADMIN_TOKEN}\n` +
      `Keep this file: it holds the key that encrypts stored SMTP secrets.\n\n`,
  );
  return secrets;
}

export function readLocalSetupToken(file: string): string | undefined {
  return read(resolve(file)).SETUP_TOKEN;
}

/** Keeps the set-up token beside the other development secrets, leaving those as they are. */
export function keepLocalSetupToken(file: string, token: string): void {
  const path = resolve(file);
  write(path, { ...read(path), SETUP_TOKEN: token });
}
