/** The SQLSTATE (or Node's network code) of an error from the driver, wrapped by TypeORM or not. */
export function errorCodeOf(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Postgres took the statement and refused a value in it (SQLSTATE class 22, data exception, or 23,
 * integrity constraint): running it again changes nothing, unlike a lost connection or a restart.
 */
export function isRefusedValue(error: unknown): boolean {
  return /^2[23][0-9A-Z]{3}$/.test(errorCodeOf(error) ?? '');
}
