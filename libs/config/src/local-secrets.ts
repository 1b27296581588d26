import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface LocalSecrets {
  PLATFORM_ADMIN_TOKEN: string;
  ENCRYPTION_KEY: string;
}

/**
 * Development convenience: the first start generates the operator token and the encryption key,
 * prints them once on stderr and keeps them (mode 600) so later starts can read what was encrypted.
 */
export function readOrCreateLocalSecrets(file: string): LocalSecrets {
  const path = resolve(file);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets;

  const secrets: LocalSecrets = {
    PLATFORM_ADMIN_TOKEN: `mra_${randomBytes(24).toString('base64url')}`,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(path, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  process.stderr.write(
    `\nMailroom generated development secrets and saved them in ${path} (git-ignored):\n` +
      `  PLATFORM_ADMIN_TOKEN=${secrets.PLATFORM_ADMIN_TOKEN}\n` +
      `Keep this file: it holds the key that encrypts stored SMTP secrets.\n\n`,
  );
  return secrets;
}
