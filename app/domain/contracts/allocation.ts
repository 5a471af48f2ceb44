/*
 * Coalition allocation (DESIGN §12, ADR 0016 consequences): a coalition contract settles at
 * coalition level; the settlement is then allocated to the member employers in proportion to the
 * episodes attributed to each, to the cent, by the largest remainder method (Hamilton's method):
 * every employer first gets the whole cents of its exact share, then the cents left over go one
 * each to the largest fractional remainders. The allocations therefore always add up to the
 * settlement exactly, and no employer is ever more than one cent from its exact share.
 */

/** One member employer's attributed episodes in a period. */
export interface EmployerEpisodes {
  employerId: string
  episodes: number
}

/** One member employer's share of a coalition settlement (same sign as the settlement). */
export interface EmployerAllocation {
  employerId: string
  episodes: number
  /** Positive: the employer's part of what the coalition pays the center; negative: of what the center pays the coalition. */
  allocatedCents: number
}

/**
 * Allocates `settlementCents` (integer cents; positive = the purchaser pays the center, negative =
 * the center pays) over the employers in proportion to their episodes, by the largest remainder:
 * floor(|S| × eᵢ / E) each, then the leftover cents one each by descending remainder, ties broken
 * by employer id ascending; a negative settlement is allocated as its absolute value and negated.
 * Employers with 0 episodes get 0. Returned in the input's order; the amounts sum to the settlement.
 * Throws when an employer appears twice, a count is not a whole number ≥ 0, or a non-zero
 * settlement has no episode to allocate it to (a reconciliation never settles without episodes).
 */
export function allocateSettlement(settlementCents: number, employers: readonly EmployerEpisodes[]): EmployerAllocation[] {
  if (!Number.isSafeInteger(settlementCents)) throw new RangeError(`settlement must be whole cents, got ${settlementCents}`)
  const seen = new Set<string>()
  for (const employer of employers) {
    if (seen.has(employer.employerId)) throw new RangeError(`employer ${employer.employerId} appears twice`)
    seen.add(employer.employerId)
    if (!Number.isSafeInteger(employer.episodes) || employer.episodes < 0) throw new RangeError(`episodes must be a whole number ≥ 0, got ${employer.episodes}`)
  }
  const totalEpisodes = employers.reduce((total, employer) => total + employer.episodes, 0)
  if (totalEpisodes === 0) {
    if (settlementCents !== 0) throw new RangeError('a settlement without episodes cannot be allocated')
    return employers.map((employer) => ({ employerId: employer.employerId, episodes: employer.episodes, allocatedCents: 0 }))
  }
  const sign = settlementCents < 0 ? -1 : 1
  // BigInt: |S| × eᵢ can pass 2⁵³ for a large settlement and many episodes.
  const whole = BigInt(Math.abs(settlementCents))
  const total = BigInt(totalEpisodes)
  const shares = employers.map((employer) => {
    const product = whole * BigInt(employer.episodes)
    return { employerId: employer.employerId, episodes: employer.episodes, floor: product / total, remainder: product % total }
  })
  let leftover = Number(whole - shares.reduce((sum, share) => sum + share.floor, 0n))
  const byRemainder = shares
    .filter((share) => share.episodes > 0)
    .sort((a, b) => (a.remainder === b.remainder ? (a.employerId < b.employerId ? -1 : a.employerId > b.employerId ? 1 : 0) : a.remainder > b.remainder ? -1 : 1))
  const extra = new Set<string>()
  for (const share of byRemainder) {
    if (leftover === 0) break
    extra.add(share.employerId)
    leftover -= 1
  }
  return shares.map((share) => {
    const cents = Number(share.floor) + (extra.has(share.employerId) ? 1 : 0)
    return { employerId: share.employerId, episodes: share.episodes, allocatedCents: cents === 0 ? 0 : sign * cents }
  })
}
