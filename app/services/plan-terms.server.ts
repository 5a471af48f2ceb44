import type { Kysely } from 'kysely'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { listPriceFactorsWithPrefix } from '~/db/repositories/price-factors.server'
import type { Database, ProgramRules } from '~/db/schema'
import type { OutsideRule } from '~/domain/benefits/member-cost'
import type { TravelRules } from '~/domain/travel/travel-estimate'

/** Helpers shared by the services that price care for members: stored rules → domain inputs. */
export type StoredRules = ProgramRules
type Rules = ProgramRules


/** The IRS HDHP minimum deductibles of `year`, or of the latest year stored before it. */
export async function irsMinimumDeductibles(db: Kysely<Database>, year: number) {
  const rows = await listPriceFactorsWithPrefix(db, 'irs_hdhp_min_deductible_')
  const pick = (kind: 'self' | 'family') => {
    const byYear = rows
      .map((row) => ({ year: Number(row.key.slice(`irs_hdhp_min_deductible_${kind}_`.length)), value: row.value, key: row.key }))
      .filter((row) => row.key.startsWith(`irs_hdhp_min_deductible_${kind}_`) && row.year <= year)
      .sort((a, b) => b.year - a.year)
    return byYear[0]?.value ?? 0
  }
  return { selfCents: pick('self'), familyCents: pick('family') }
}

/** The typical local price per procedure code for a state: the state median, else the national price. */
export function localPrices(prices: Awaited<ReturnType<typeof listAreaMarketPrices>>, procedures: ReadonlyArray<{ id: string; code: string }>) {
  const national = new Map<string, number>()
  const byState = new Map<string, number>()
  for (const row of prices) {
    if (row.scope === 'national') national.set(row.procedureId, row.priceCents)
    else byState.set(`${row.procedureId}:${row.scopeKey}`, row.priceCents)
  }
  return {
    national: Object.fromEntries(procedures.flatMap((p) => (national.has(p.id) ? [[p.code, national.get(p.id)!]] : []))) as Record<string, number>,
    forState(state: string): Record<string, number> {
      const out: Record<string, number> = {}
      for (const p of procedures) {
        const price = byState.get(`${p.id}:${state}`) ?? national.get(p.id)
        if (price !== undefined) out[p.code] = price
      }
      return out
    },
  }
}

export function benefitOf(rules: Rules) {
  return { deductibleWaived: rules.deductibleWaived === 1, coinsuranceWaived: rules.coinsuranceWaived === 1, copayCents: rules.coeCopayCents }
}

export function outsideRuleOf(rules: Rules): OutsideRule {
  if (rules.outsideRule === 'higher_coinsurance') return { kind: 'higher_coinsurance', coinsuranceRate: rules.outsideCoinsuranceRate ?? 0 }
  return { kind: rules.outsideRule }
}

export function travelRulesOf(rules: Rules): TravelRules {
  return {
    minDistanceMiles: rules.minDistanceMiles, companionCovered: rules.companionCovered === 1, flyThresholdMiles: rules.flyThresholdMiles,
    mileageRateCents: rules.mileageRateCents, airfareAllowanceCents: rules.airfareAllowanceCents, lodgingNights: rules.lodgingNights,
    lodgingNightlyCapCents: rules.lodgingNightlyCapCents, mealsPerDiemCents: rules.mealsPerDiemCents, travelCapCents: rules.travelCapCents,
  }
}

