import type { Kysely } from 'kysely'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { listCoveredMemberGroups } from '~/db/repositories/roster.server'
import type { Database } from '~/db/schema'
import { memberWeightedPriceCents } from '~/domain/contracts/draft'
import type { EmployerScope } from '~/domain/tenancy'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import { localPrices } from './plan-terms.server'

/**
 * The typical local prices "where the members live" (issue 21): per procedure code, the mean of
 * each covered member's state price (its median; the national price where the state has none),
 * weighted by members and rounded half up; a procedure none of them has a price for falls back to
 * the national price. Members whose ZIP code the geodata does not know are left out and counted.
 * With several employers (a coalition's members), their covered members are pooled.
 * Also the national and per-state prices, for the other comparisons.
 */
export async function typicalLocalPrices(
  db: Kysely<Database>,
  scope: EmployerScope | readonly EmployerScope[] | null,
  procedures: ReadonlyArray<{ id: string; code: string }>,
  today: string,
) {
  // Several scopes: a coalition's member employers, whose members are pooled (issue 23).
  const scopes = scope === null ? [] : 'employerId' in scope ? [scope] : scope
  const [memberGroups, prices] = await Promise.all([Promise.all(scopes.map((one) => listCoveredMemberGroups(db, one, today))), listAreaMarketPrices(db, procedures.map((p) => p.id))])
  const groups = memberGroups.flat()
  const local = localPrices(prices, procedures)
  const placed = groups.map((group) => ({ members: Number(group.members), state: zipPlace(group.zip)?.state }))
  const members = placed.reduce((sum, group) => sum + group.members, 0)
  const placedMembers = placed.reduce((sum, group) => sum + (group.state === undefined ? 0 : group.members), 0)
  const forMembers: Record<string, number | undefined> = Object.fromEntries(
    procedures.map((procedure) => [
      procedure.code,
      memberWeightedPriceCents(placed.map((group) => ({ members: group.members, priceCents: group.state === undefined ? undefined : local.forState(group.state)[procedure.code] }))) ??
        local.national[procedure.code],
    ]),
  )
  return { forMembers, members, placedMembers, national: local.national, forState: local.forState }
}
