import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRateLimiters, RATE_LIMITS, type RateLimiters } from '~/auth/rate-limits.server'
import { openDatabase, type DatabaseConnection } from '~/db/connection'

/**
 * Issue 24 (ADR 0023): two app servers on one database share every rate-limit count. Each
 * "server" here is what one process builds: its own connection (its own pg pool, or its own
 * SQLite connection to the same file) and its own limiter set on it.
 */
const open = () => openDatabase({ url: process.env.DATABASE_URL!, schema: process.env.DATABASE_SCHEMA })
let connections: DatabaseConnection[] = []
let serverA: RateLimiters
let serverB: RateLimiters

beforeAll(() => {
  connections = [open(), open()]
  serverA = createRateLimiters(connections[0]!, 1)
  serverB = createRateLimiters(connections[1]!, 1)
})
afterAll(async () => {
  for (const connection of connections) await connection.db.destroy().catch(() => undefined)
})

const pairLimit = RATE_LIMITS.signIn.pair.points

describe('rate limits shared by two servers on one database', () => {
  it(`locks an account+address after ${pairLimit} failures spread over both servers, on both, and not one failure earlier`, async () => {
    const keys = { account: 'Shared-Guess@Example.com', ip: '198.51.100.90' }
    for (let i = 0; i < pairLimit - 1; i++) await (i % 2 === 0 ? serverA : serverB).recordFailure('signIn', keys)
    expect(await serverA.secondsLocked('signIn', keys)).toBe(0)
    expect(await serverB.secondsLocked('signIn', keys)).toBe(0)
    await serverB.recordFailure('signIn', keys)
    const lockedA = await serverA.secondsLocked('signIn', keys)
    expect(lockedA).toBeGreaterThan(14 * 60)
    expect(lockedA).toBeLessThanOrEqual(15 * 60)
    expect(await serverB.secondsLocked('signIn', { account: 'shared-guess@example.com', ip: '198.51.100.90' })).toBeGreaterThan(14 * 60)
    // The owner from another address is not locked, on either server.
    expect(await serverA.secondsLocked('signIn', { account: keys.account, ip: '203.0.113.5' })).toBe(0)
    expect(await serverB.secondsLocked('signIn', { account: keys.account, ip: '203.0.113.5' })).toBe(0)
  })

  it('a success through one server clears the failures counted through the other', async () => {
    const keys = { account: 'cleared@example.com', ip: '198.51.100.91' }
    for (let i = 0; i < pairLimit; i++) await serverA.recordFailure('signIn', keys)
    expect(await serverB.secondsLocked('signIn', keys)).toBeGreaterThan(0)
    await serverB.clearFailures('signIn', keys)
    expect(await serverA.secondsLocked('signIn', keys)).toBe(0)
    expect(await serverB.secondsLocked('signIn', keys)).toBe(0)
  })

  it(`refuses on server B the ${RATE_LIMITS.search.account.points + 1}th search of a minute when the first ${RATE_LIMITS.search.account.points} went through server A`, async () => {
    const keys = { account: 'user-shared-search', ip: '198.51.100.92' }
    for (let i = 0; i < RATE_LIMITS.search.account.points; i++) expect(await serverA.consumeAttempt('search', keys)).toBe(0)
    const wait = await serverB.consumeAttempt('search', keys)
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await serverA.consumeAttempt('search', keys)).toBeGreaterThan(0)
  })

  it('counts concurrent failures from both servers exactly (no lost update)', async () => {
    const keys = { account: 'race@example.com', ip: null }
    const limit = RATE_LIMITS.signIn.account.points
    await Promise.all(Array.from({ length: limit - 1 }, (_, i) => (i % 2 === 0 ? serverA : serverB).recordFailure('signIn', keys)))
    expect(await serverA.secondsLocked('signIn', keys)).toBe(0)
    await serverA.recordFailure('signIn', keys)
    expect(await serverB.secondsLocked('signIn', keys)).toBeGreaterThan(0)
  })

  it('keeps limiting in the process when the store fails (the insurance limiter), and the other server still counts in the database', async () => {
    const broken = open()
    connections.push(broken)
    const serverC = createRateLimiters(broken, 1)
    if (broken.native.dialect === 'postgres') await broken.native.pool.end()
    else broken.native.database.close()
    const keys = { account: 'store-down@example.com', ip: '198.51.100.93' }
    for (let i = 0; i < pairLimit - 1; i++) await serverC.recordFailure('signIn', keys)
    expect(await serverC.secondsLocked('signIn', keys)).toBe(0)
    await serverC.recordFailure('signIn', keys)
    expect(await serverC.secondsLocked('signIn', keys)).toBeGreaterThan(14 * 60)
    // Those failures were counted in server C's memory only.
    expect(await serverA.secondsLocked('signIn', keys)).toBe(0)
  })

  it('stores the counts in the rate_limits table made by the migration', async () => {
    const rows = await connections[0]!.db.selectFrom('rateLimits').select(['key', 'points', 'expire']).where('key', '=', 'signIn:pair:shared-guess@example.com 198.51.100.90').execute()
    expect(rows).toEqual([{ key: 'signIn:pair:shared-guess@example.com 198.51.100.90', points: pairLimit, expire: expect.any(Number) }])
    expect(rows[0]!.expire!).toBeGreaterThan(Date.now())
  })
})
