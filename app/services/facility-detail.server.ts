import { getDb } from '~/db/client.server'
import { findFacility, listFacilityMeasures, listFacilityOffers } from '~/db/repositories/facility-detail.server'
import { listMarketPricesForFacility } from '~/db/repositories/market-prices.server'
import { rateQuality, type NationalComparison } from '~/domain/quality'
import { drawStateMap } from '~/integrations/state-map.server'
import { findPriceFactor } from '~/db/repositories/price-factors.server'
import { findLatestCmsImportDate } from '~/db/repositories/facilities.server'
import { COMMERCIAL_MULTIPLIER_KEY } from './market-prices.server'
import { notFound } from '~/http/responses.server'

/** A facility's page: address, the CMS facts with comparison and period, typical local prices, offers. */
export async function getFacilityDetail(facilityId: string) {
  const db = getDb()
  const facility = await findFacility(db, facilityId)
  if (!facility) throw notFound('Facility')
  const [measures, offers, prices, multiplier, cmsImportedAt] = await Promise.all([
    listFacilityMeasures(db, facility.id),
    listFacilityOffers(db, facility.id),
    listMarketPricesForFacility(db, facility.id, facility.state),
    findPriceFactor(db, COMMERCIAL_MULTIPLIER_KEY),
    facility.ccn ? findLatestCmsImportDate(db) : undefined,
  ])
  const byCode = new Map(measures.map((m) => [m.measureCode, m]))
  const comparison = (code: string): NationalComparison => byCode.get(code)?.comparison ?? 'not_available'
  const hipKneeVolume = offers.filter((o) => o.procedureCode === 'TKA' || o.procedureCode === 'THA').map((o) => o.annualVolume ?? 0)
  // The tier for hip and knee replacement: the CMS measures imported are the hip/knee ones.
  const quality = rateQuality({
    starRating: facility.starRating,
    complication: comparison('COMP_HIP_KNEE'),
    readmission: comparison('READM_30_HIP_KNEE'),
    excessReadmissionRatio: byCode.get('READM_30_HIP_KNEE_HRRP')?.value ?? null,
    annualVolume: hipKneeVolume.length ? Math.max(...hipKneeVolume) : null,
  })
  const priceRows = new Map<
    string,
    { code: string; name: string; facilityCents: number | null; costIndex: number | null; stateCents: number | null; nationalCents: number | null; medicareBaseSource: string; commercialMultiplier: number }
  >()
  for (const price of prices) {
    const row = priceRows.get(price.code) ?? {
      code: price.code, name: price.name, facilityCents: null, costIndex: null, stateCents: null, nationalCents: null,
      medicareBaseSource: price.medicareBaseSource ?? 'not stated', commercialMultiplier: price.commercialMultiplier,
    }
    if (price.scope === 'facility') {
      row.facilityCents = price.priceCents
      row.costIndex = price.costIndex
    } else if (price.scope === 'state') row.stateCents = price.priceCents
    else row.nationalCents = price.priceCents
    priceRows.set(price.code, row)
  }
  const map = drawStateMap(facility.state, facility.latitude, facility.longitude)
  return { facility, measures, offers, marketPrices: [...priceRows.values()], quality, map, multiplierSource: multiplier?.source ?? null, cmsImportedAt: cmsImportedAt ?? null }
}
