/**
 * The lease and retry rules of the job queue (issue 24, ADR 0022): pure, so the timings are
 * tested without a clock. Times are ISO-8601 UTC text, compared as text (ADR 0004).
 */

/** The first retry waits this long; each further one doubles, up to RETRY_CAP_MS. */
export const RETRY_BASE_MS = 5_000
export const RETRY_CAP_MS = 10 * 60_000

/** When a lease taken (or renewed) at `nowMs` for `leaseMs` ends, as ISO text. */
export function leaseUntil(nowMs: number, leaseMs: number): string {
  return new Date(nowMs + leaseMs).toISOString()
}

/** How often a running worker renews its lease: three times per lease, so two missed beats still leave it held. */
export function heartbeatEveryMs(leaseMs: number): number {
  return Math.max(50, Math.floor(leaseMs / 3))
}

/** Wait before retry number `attempts` + 1 after `attempts` failed tries (≥ 1): 5 s, 10 s, 20 s … capped at 10 min. */
export function retryDelayMs(attempts: number): number {
  if (attempts < 1) return 0
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempts - 1, 20))
}

export type AfterFailure = { status: 'failed' } | { status: 'queued'; runAfter: string }

/**
 * What a job becomes when its try number `attempts` (counted at claim) fails: queued again after
 * the back-off while tries remain, else failed for good. `isPermanent`: the handler said a retry
 * cannot help (bad payload, the import already marked failed).
 */
export function afterFailure(attempts: number, maxAttempts: number, nowMs: number, isPermanent = false): AfterFailure {
  if (isPermanent || attempts >= maxAttempts) return { status: 'failed' }
  return { status: 'queued', runAfter: new Date(nowMs + retryDelayMs(attempts)).toISOString() }
}
