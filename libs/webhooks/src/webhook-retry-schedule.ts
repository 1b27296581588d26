/**
 * How long a delivery waits after its `failedAttempts`-th failed attempt, or null when that was
 * the last one (`WEBHOOK_RETRY_DELAYS_MS`: the first attempt goes at once, then one retry per delay).
 */
export function delayBeforeRetry(failedAttempts: number, delaysMs: readonly number[]): number | null {
  return delaysMs[failedAttempts - 1] ?? null;
}
