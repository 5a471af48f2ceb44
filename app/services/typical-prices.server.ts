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
 * Also the national and per-state prices, for the other comparisons.
 */
export async function typicalLocalPrices(db: Kysely<Database>, scope: EmployerScope | null, procedures: ReadonlyArray<{ id: string; code: string }>, today: string) {
  const [groups, prices] = await Promise.all([scope === null ? Promise.resolve([]) : listCoveredMemberGroups(db, scope, today), listAreaMarketPrices(db, procedures.map((p) => p.id))])
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
