import { ConfigurationError } from '@app/config';

/** A process that cannot start says why in words (configuration) or with the stack (anything else), then exits 1. */
export function exitOnStartupFailure(error: unknown): never {
  const text = error instanceof ConfigurationError ? error.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}
