import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { getDatabase } from '~/db/client.server'
import type { DatabaseConnection } from '~/db/connection'
import { withCachedPrepare } from '~/db/statement-cache'
import { getEnv } from '~/env.server'
import { DEFAULT_LANGUAGE, type Language } from '~/i18n/languages'
import { fixedT } from '~/i18n/translator'

/**
 * Rate limits (DESIGN §8, issues 10 and 18). Sign-in and eligibility matching count failures only,
 * so a shared office address is not locked out by its colleagues' successful sign-ins; search
 * counts every request. Failures count in three places (issue 18):
 * - per account *and* address: the lock a guesser meets, which does not touch the owner signing
 *   in from anywhere else;
 * - per address: one address spraying many accounts;
 * - per account, from all addresses together: guessing spread across many addresses. It is set
 *   above what one address can reach (the address limit), so one attacker cannot lock the owner out.
 * The counts live in the database (table rate_limits, ADR 0023, issue 24), so every app server on
 * one database — several processes on one SQLite file, or several machines on PostgreSQL — shares
 * them. If the store fails, each limiter falls back to a per-process memory limiter of the same
 * size (rate-limiter-flexible's insurance limiter): limits keep holding, per process, until it
 * is back.
 */
export const RATE_LIMITS = {
  /** Failed sign-ins in 15 minutes: 8 per e-mail from one address, 30 per address, 100 per e-mail from all addresses. */
  signIn: { pair: { points: 8, duration: 15 * 60 }, ip: { points: 30, duration: 15 * 60 }, account: { points: 100, duration: 15 * 60 } },
  /** Failed eligibility matches in an hour: 8 per roster identity from one address, 20 per address, 60 per identity from all. */
  signUp: { pair: { points: 8, duration: 60 * 60 }, ip: { points: 20, duration: 60 * 60 }, account: { points: 60, duration: 60 * 60 } },
  /** Searches in a minute: 60 per member and 600 per address. */
  search: { pair: null, ip: { points: 600, duration: 60 }, account: { points: 60, duration: 60 } },
} as const

export type RateLimitKind = keyof typeof RATE_LIMITS
type Scope = 'pair' | 'ip' | 'account'
export interface RateLimitKeys {
  /** The e-mail, roster identity or user id. */
  account: string
  /** The client address, when known. */
  ip: string | null
}

type Limiter = { limiter: RateLimiterAbstract; points: number }
type LimiterTable = Record<RateLimitKind, Partial<Record<Scope, Limiter>>>
/** The table the library reads and writes (migration 2026-12-09T1500). */
export const RATE_LIMIT_TABLE = 'rate_limits'

/** One limiter of the database's store, backed by a same-sized memory limiter if the store fails. */
function storeLimiter(connection: DatabaseConnection, keyPrefix: string, points: number, duration: number): RateLimiterAbstract {
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix, points, duration })
  const common = { keyPrefix, points, duration, tableName: RATE_LIMIT_TABLE, tableCreated: true, insuranceLimiter }
  const native = connection.native
  if (native.dialect === 'postgres') return new RateLimiterPostgres({ ...common, storeClient: native.pool, storeType: 'pool' })
  // Expired rows are cleared by the PostgreSQL limiters' timer; on SQLite that timer would use the
  // connection outside Kysely's lock, so expired counters simply stay until their key is used again.
  return new RateLimiterSQLite({ ...common, storeClient: withCachedPrepare(native.database), storeType: 'better-sqlite3', clearExpiredByTimeout: false })
}

/**
 * A set of limiters on one database, as one app server builds it; two sets on one database (two
 * servers) share every count. `store: 'memory'` keeps them in this process only.
 */
export function createRateLimiters(connection: DatabaseConnection | 'memory', scale = getEnv().RATE_LIMIT_SCALE) {
  const make = (kind: string, scope: string, limit: { points: number; duration: number }): Limiter => {
    const points = Math.max(1, Math.round(limit.points * scale))
    const keyPrefix = `${kind}:${scope}`
    const limiter = connection === 'memory' ? new RateLimiterMemory({ keyPrefix, points, duration: limit.duration }) : storeLimiter(connection, keyPrefix, points, limit.duration)
    return { limiter, points }
  }
  const limiters = Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([kind, limits]) => [
      kind,
      Object.fromEntries(Object.entries(limits).flatMap(([scope, limit]) => (limit ? [[scope, make(kind, scope, limit)]] : []))),
    ]),
  ) as LimiterTable
  /**
   * SQLite: the library uses the same better-sqlite3 connection as Kysely, synchronously. Holding
   * Kysely's connection while it does so means no other request's transaction is open on it, so
   * the counts are never part of (and never rolled back with) someone else's write.
   */
  const run = <T>(work: () => Promise<T>): Promise<T> =>
    connection !== 'memory' && connection.dialect === 'sqlite' ? connection.db.connection().execute(() => work()) : work()

  /** The limiters that apply to these keys, each with its key; the address scopes only when the address is known. */
  const scopes = (kind: RateLimitKind, keys: RateLimitKeys) => {
    const limits = limiters[kind]
    const account = keys.account.toLowerCase()
    const keyOf: Record<Scope, string | null> = { pair: keys.ip ? `${account} ${keys.ip}` : null, ip: keys.ip, account }
    return (Object.keys(keyOf) as Scope[]).flatMap((scope) => {
      const limit = limits[scope]
      const key = keyOf[scope]
      return limit && key !== null ? [{ scope, limiter: limit.limiter, key, points: limit.points }] : []
    })
  }

  // The scopes' keys are independent: each call asks them at once (on PostgreSQL, one round trip
  // of time instead of three; on SQLite the library's calls are synchronous anyway).
  return {
    /** Seconds to wait before another attempt (0: go ahead), for the failure-counted kinds. */
    secondsLocked: (kind: RateLimitKind, keys: RateLimitKeys) =>
      run(async () => {
        const waits = await Promise.all(
          scopes(kind, keys).map(async ({ limiter, key, points }) => {
            const state = await limiter.get(key)
            return state && state.consumedPoints >= points ? Math.ceil(state.msBeforeNext / 1000) : 0
          }),
        )
        return Math.max(0, ...waits)
      }),
    recordFailure: (kind: RateLimitKind, keys: RateLimitKeys) =>
      run(async () => {
        await Promise.all(scopes(kind, keys).map(({ limiter, key }) => limiter.penalty(key, 1)))
      }),
    /**
     * A success clears the account's failures from this address and from all addresses together (not
     * the address's own: other accounts may be guessed from it).
     */
    clearFailures: (kind: RateLimitKind, keys: RateLimitKeys) =>
      run(async () => {
        await Promise.all(scopes(kind, keys).flatMap(({ scope, limiter, key }) => (scope === 'ip' ? [] : [limiter.delete(key)])))
      }),
    /** Counts one request; the seconds to wait when it is over a limit (0: go ahead). */
    consumeAttempt: (kind: RateLimitKind, keys: RateLimitKeys) =>
      run(async () => {
        const waits = await Promise.all(
          scopes(kind, keys).map(({ limiter, key }) =>
            limiter.consume(key).then(
              () => 0,
              (rejection: unknown) => {
                if (!(rejection instanceof RateLimiterRes)) throw rejection
                return Math.ceil(rejection.msBeforeNext / 1000)
              },
            ),
          ),
        )
        return Math.max(0, ...waits)
      }),
  }
}

export type RateLimiters = ReturnType<typeof createRateLimiters>

/** The app's limiters, on its database; built on first use, each limit × RATE_LIMIT_SCALE (1 unless a benchmark or load test raises it). */
const appLimiters = new WeakMap<DatabaseConnection, RateLimiters>()
function limitersOf(): RateLimiters {
  const connection = getDatabase()
  let limiters = appLimiters.get(connection)
  if (!limiters) appLimiters.set(connection, (limiters = createRateLimiters(connection)))
  return limiters
}

/** Seconds to wait before another attempt (0: go ahead), for the failure-counted kinds. */
export const secondsLocked = (kind: RateLimitKind, keys: RateLimitKeys): Promise<number> => limitersOf().secondsLocked(kind, keys)
export const recordFailure = (kind: RateLimitKind, keys: RateLimitKeys): Promise<void> => limitersOf().recordFailure(kind, keys)
/** A success clears the account's failures from this address and from all addresses together. */
export const clearFailures = (kind: RateLimitKind, keys: RateLimitKeys): Promise<void> => limitersOf().clearFailures(kind, keys)
/** Counts one request; the seconds to wait when it is over a limit (0: go ahead). */
export const consumeAttempt = (kind: RateLimitKind, keys: RateLimitKeys): Promise<number> => limitersOf().consumeAttempt(kind, keys)

/** How long to wait: whole minutes from 90 seconds on, else seconds. */
function waitAmount(seconds: number): { unit: 'minutes' | 'seconds'; count: number } {
  return seconds >= 90 ? { unit: 'minutes', count: Math.ceil(seconds / 60) } : { unit: 'seconds', count: seconds }
}

/** "2 minutes" / "40 segundos", for the messages, in the page's language. */
export function waitText(seconds: number, language: Language = DEFAULT_LANGUAGE): string {
  const { unit, count } = waitAmount(seconds)
  return fixedT(language, 'auth')(`wait.${unit}`, { count })
}

/** A 429 for a page's error boundary, with Retry-After. */
export function tooManyRequests(message: string, seconds: number): Response {
  return new Response(message, { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': String(seconds) } })
}
