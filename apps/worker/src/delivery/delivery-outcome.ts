/**
 * null: the job is done (delivered, failed for good, or nothing to do); otherwise look again
 * later. `shared`: the wait holds for every message of the integration or broadcast (a rate
 * limit, an open circuit, a pause), not for this message alone.
 */
export type DeliveryOutcome = { retryInMs: number; shared?: boolean } | null;
