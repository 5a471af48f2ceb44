import { describe, expect, it } from 'vitest'
import { allocateSettlement } from '~/domain/contracts/allocation'

/*
 * A coalition settlement allocated to its member employers by their episodes, largest remainder
 * method, to the cent (DESIGN §12). Every expected amount is worked out by hand in the comments:
 * floor(|S| × eᵢ / E) with remainder (|S| × eᵢ) mod E, then the leftover cents by descending
 * remainder (ties: employer id ascending).
 */

const cases: Array<{ name: string; settlement: number; employers: Array<[string, number]>; expected: number[] }> = [
  {
    // E = 7. a, b: 100000 × 3 = 300000 = 7 × 42857 + 1 → 42857 r 1. c: 100000 = 7 × 14285 + 5 → 14285 r 5.
    // Σ floors = 99999, 1 cent left → the largest remainder, c (5 > 1): 42857 / 42857 / 14286.
    // (Giving the cent to a, as 42858 / 42857 / 14285, would not be the largest remainder.)
    name: '$1,000.00 over 3 / 3 / 1 episodes: the leftover cent goes to the largest remainder',
    settlement: 100000,
    employers: [['a', 3], ['b', 3], ['c', 1]],
    expected: [42857, 42857, 14286],
  },
  {
    name: 'a negative settlement (the center pays) is allocated symmetrically',
    settlement: -100000,
    employers: [['a', 3], ['b', 3], ['c', 1]],
    expected: [-42857, -42857, -14286],
  },
  {
    // E = 21. acme: 1234567 × 12 = 14814804 = 21 × 705466 + 18. bluewave: × 7 = 8641969 = 21 × 411522 + 7.
    // lakeside: × 2 = 2469134 = 21 × 117577 + 17. Σ floors = 1234565, 2 cents left → acme (18), lakeside (17).
    name: '$12,345.67 over 12 / 7 / 2 episodes: two leftover cents to the two largest remainders',
    settlement: 1234567,
    employers: [['acme', 12], ['bluewave', 7], ['lakeside', 2]],
    expected: [705467, 411522, 117578],
  },
  {
    // E = 3. Each 100 × 1 = 3 × 33 + 1: equal remainders, 1 cent left → the smallest id, a.
    name: 'equal remainders: the leftover cent goes to the smallest employer id, whatever the input order',
    settlement: 100,
    employers: [['c', 1], ['b', 1], ['a', 1]],
    expected: [33, 33, 34],
  },
  {
    // E = 3. Each 2 × 1 = 3 × 0 + 2; 2 cents left → a, b.
    name: 'two cents over three equal employers: the two smallest ids get one each',
    settlement: 2,
    employers: [['a', 1], ['b', 1], ['c', 1]],
    expected: [1, 1, 0],
  },
  {
    // E = 2. Each 1 × 1 = 2 × 0 + 1; 1 cent left → a; b gets 0 (not −0).
    name: 'minus one cent over two equal employers',
    settlement: -1,
    employers: [['b', 1], ['a', 1]],
    expected: [0, -1],
  },
  {
    // E = 3. a: 1000 × 2 = 2000 = 3 × 666 + 2. b: 1000 = 3 × 333 + 1. z: 0. 1 cent left → a.
    name: 'an employer with no episodes gets nothing',
    settlement: 1000,
    employers: [['a', 2], ['z', 0], ['b', 1]],
    expected: [667, 0, 333],
  },
  {
    // E = 3: 90000 × 1 / 3 = 30000, 90000 × 2 / 3 = 60000, no remainder.
    name: 'a settlement that divides exactly',
    settlement: 90000,
    employers: [['a', 1], ['b', 2]],
    expected: [30000, 60000],
  },
  {
    name: 'one employer takes the whole settlement',
    settlement: 12345,
    employers: [['a', 5]],
    expected: [12345],
  },
  {
    name: 'a $0 settlement allocates $0 to everyone',
    settlement: 0,
    employers: [['a', 3], ['b', 1]],
    expected: [0, 0],
  },
  {
    name: 'a $0 settlement with no episodes at all (below the minimum, nothing attributed)',
    settlement: 0,
    employers: [['a', 0]],
    expected: [0],
  },
]

describe('allocateSettlement', () => {
  it.each(cases)('$name', ({ settlement, employers, expected }) => {
    const allocations = allocateSettlement(
      settlement,
      employers.map(([employerId, episodes]) => ({ employerId, episodes })),
    )
    expect(allocations.map((allocation) => allocation.allocatedCents)).toEqual(expected)
    expect(allocations.map((allocation) => allocation.employerId)).toEqual(employers.map(([id]) => id))
    expect(allocations.reduce((total, allocation) => total + allocation.allocatedCents, 0)).toBe(settlement)
  })

  it('sums to the settlement and keeps every employer within one cent of its exact share, over many splits', () => {
    // 200 deterministic splits (no Math.random): settlements up to ±$12 billion, 1–6 employers.
    for (let round = 0; round < 200; round++) {
      const settlement = (round % 2 === 0 ? 1 : -1) * ((round * 7_919_993 + 1) * 1_511) % 1_234_567_890_123
      const employers = Array.from({ length: 1 + (round % 6) }, (_, i) => ({ employerId: `e${i}`, episodes: (round * (i + 3) + i * i) % 17 }))
      if (employers.every((employer) => employer.episodes === 0)) employers[0]!.episodes = 1
      const total = employers.reduce((sum, employer) => sum + employer.episodes, 0)
      const allocations = allocateSettlement(settlement, employers)
      expect(allocations.reduce((sum, allocation) => sum + allocation.allocatedCents, 0)).toBe(settlement)
      for (const allocation of allocations) {
        const exact = (settlement * allocation.episodes) / total
        expect(Math.abs(allocation.allocatedCents - exact)).toBeLessThan(1.000001)
        if (allocation.episodes === 0) expect(allocation.allocatedCents).toBe(0)
      }
    }
  })

  it('refuses what cannot be allocated', () => {
    expect(() => allocateSettlement(100, [{ employerId: 'a', episodes: 0 }])).toThrow('a settlement without episodes cannot be allocated')
    expect(() => allocateSettlement(100, [])).toThrow('a settlement without episodes cannot be allocated')
    expect(() => allocateSettlement(100, [{ employerId: 'a', episodes: 1 }, { employerId: 'a', episodes: 2 }])).toThrow('employer a appears twice')
    expect(() => allocateSettlement(100, [{ employerId: 'a', episodes: -1 }])).toThrow('episodes must be a whole number ≥ 0, got -1')
    expect(() => allocateSettlement(100.5, [{ employerId: 'a', episodes: 1 }])).toThrow('settlement must be whole cents, got 100.5')
  })
})
