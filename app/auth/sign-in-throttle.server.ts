/**
 * Slows password guessing: at most MAX_FAILURES failed sign-ins per e-mail address in a
 * sliding WINDOW. Kept in process memory, which is right for the one-process SQLite
 * deployment; several app servers on PostgreSQL need a shared store (issue 10).
 */
const WINDOW_MS = 15 * 60 * 1000
const MAX_FAILURES = 8

const failures = new Map<string, number[]>()

function recent(key: string, nowMs: number): number[] {
  const list = (failures.get(key) ?? []).filter((at) => nowMs - at < WINDOW_MS)
  failures.set(key, list)
  return list
}

/** Minutes to wait before trying again, or 0 when sign-in may be attempted. */
export function signInLockedForMinutes(email: string, nowMs = Date.now()): number {
  const list = recent(email, nowMs)
  if (list.length < MAX_FAILURES) return 0
  const oldest = list[0] ?? nowMs
  return Math.max(1, Math.ceil((oldest + WINDOW_MS - nowMs) / 60_000))
}

export function recordSignInFailure(email: string, nowMs = Date.now()): void {
  recent(email, nowMs).push(nowMs)
}

export function clearSignInFailures(email: string): void {
  failures.delete(email)
}
