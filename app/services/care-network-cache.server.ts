import { LRUCache } from 'lru-cache'

/**
 * Facts a member's search prices from, kept in this server's memory under the care-network stamp
 * (ADR 0031): the network of a program version for a procedure with its rules, prices and CMS
 * measures, the hospitals outside it near a ZIP, and which procedures an employer's programs in
 * force cover. Every write to those tables sets a new stamp in
 * its own transaction (database triggers), and a search reads the stamp first, so no server answers
 * from facts older than the last committed write. Entries of old stamps fall out of the LRU.
 * Values are shared between requests: callers must not change them.
 */
const caches = {
  /** An employer's programs in force on a day and the procedures they cover; the IRS minimums of a year. */
  coverage: new LRUCache<string, object>({ max: 2_000 }),
  network: new LRUCache<string, object>({ max: 200 }),
  nearby: new LRUCache<string, object>({ max: 2_000 }),
}

export type CareNetworkCacheName = keyof typeof caches

/** The cached value of `key` under `stamp`, loading it on a miss; with no stamp (null), always loads. */
export async function cachedUnderStamp<T extends object>(name: CareNetworkCacheName, stamp: string | null, key: string, load: () => Promise<T>): Promise<T> {
  if (stamp === null) return load()
  const cacheKey = `${stamp}\u0000${key}`
  const cache = caches[name]
  const hit = cache.get(cacheKey)
  if (hit) return hit as T
  const value = await load()
  cache.set(cacheKey, value)
  return value
}

/** Empties the caches (tests that compare a cached and an uncached answer). */
export function clearCareNetworkCaches(): void {
  for (const cache of Object.values(caches)) cache.clear()
}
