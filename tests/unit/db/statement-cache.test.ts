import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { withCachedPrepare, withStatementCache } from '~/db/statement-cache'

/*
 * Prepared statements are kept per SQL text for Kysely and for the rate limits' library (issue 24:
 * the library prepared its upsert on every count, two per search).
 */
describe('the statement cache', () => {
  it('prepares a SQL text once for the rate limits, and its transactions still commit and roll back', () => {
    const database = new Database(':memory:')
    database.exec('create table counts (key text primary key, points integer not null)')
    const prepare = vi.spyOn(database, 'prepare')
    const store = withCachedPrepare(database)
    const upsert = 'insert into counts (key, points) values (?, 1) on conflict(key) do update set points = points + 1 returning points'
    const count = (key: string) => store.transaction(() => store.prepare(upsert).get(key) as { points: number })()
    expect([count('a'), count('a'), count('b'), count('a')].map((row) => row.points)).toEqual([1, 2, 1, 3])
    expect(prepare).toHaveBeenCalledTimes(1)
    const failing = store.transaction(() => {
      store.prepare(upsert).get('a')
      throw new Error('rolled back')
    })
    expect(() => failing()).toThrow('rolled back')
    expect(count('a').points).toBe(4)
  })

  it('hands a statement still being iterated to no one else: another one is prepared meanwhile', () => {
    const database = new Database(':memory:')
    const prepare = vi.spyOn(database, 'prepare')
    const cached = withStatementCache(database)
    const sql = 'select value from json_each(?)'
    const outer = cached.prepare(sql) as unknown as Database.Statement
    const rows: unknown[] = []
    for (const row of outer.iterate('[1,2]') as Iterable<{ value: number }>) {
      const inner = (cached.prepare(sql) as unknown as Database.Statement).all('[3]') as Array<{ value: number }>
      rows.push(row.value, ...inner.map((r) => r.value))
    }
    expect(rows).toEqual([1, 3, 2, 3])
    // The outer one, then a fresh one for each inner query while the cached one is busy…
    expect(prepare).toHaveBeenCalledTimes(3)
    // …and the cached one again once its iteration is over.
    expect(cached.prepare(sql)).toBe(outer)
    expect(prepare).toHaveBeenCalledTimes(3)
  })
})
