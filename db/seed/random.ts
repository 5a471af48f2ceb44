import { createHash } from 'node:crypto'

/** A small seeded PRNG (mulberry32): the same seed gives the same demo data on every run. */
export function createRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (probability: number) => next() < probability,
    /** Roughly normal (sum of uniforms), clamped. */
    normal: (mean: number, spread: number, min: number, max: number) => {
      const z = (next() + next() + next() + next() - 2) * 1.7
      return Math.min(max, Math.max(min, mean + z * spread))
    },
  }
}
export type Random = ReturnType<typeof createRandom>

/** A stable UUID-shaped id from a name, so seeded rows have the same ids on every run. */
export function seedId(...parts: Array<string | number>): string {
  const hex = createHash('sha1').update(parts.join(':')).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
