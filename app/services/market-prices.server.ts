import type { Kysely } from 'kysely'
import { newId } from '~/db/ids'
import {
  deleteMarketPrices,
  insertMarketPrices,
  listMarketPrices,
  listProceduresWithMedicareBase,
  unscopedListCostIndexes,
  updateMarketPrices,
  type MarketPriceInsert,
} from '~/db/repositories/market-prices.server'
import { findPriceFactor } from '~/db/repositories/price-factors.server'
import type { Database } from '~/db/schema'
import { computeMarketPrices } from '~/domain/pricing/market-price'

export const COMMERCIAL_MULTIPLIER_KEY = 'commercial_multiplier'

/**
 * Recomputes every market price from the stored factors (procedure Medicare bases, MSPB-1 per
 * facility, the commercial multiplier) and writes only what changed. Runs after a CMS import
 * and after a factor is edited; the caller supplies the transaction.
 */
export async function recomputeMarketPrices(db: Kysely<Database>, now: string) {
  const multiplier = await findPriceFactor(db, COMMERCIAL_MULTIPLIER_KEY)
  if (!multiplier) return { inserted: 0, updated: 0, deleted: 0, skipped: 'no commercial multiplier is configured' as const }
  const [procedures, indexes, existingRows] = await Promise.all([
    listProceduresWithMedicareBase(db),
    unscopedListCostIndexes(db),
    listMarketPrices(db),
  ])
  const existing = new Map(existingRows.map((row) => [`${row.procedureId}|${row.scope}|${row.scopeKey}`, row]))
  const facilities = indexes.map((row) => ({ facilityId: row.facilityId, state: row.state, costIndex: row.value! }))
  const period = indexes[0] ? `${indexes[0].periodStart ?? '?'} to ${indexes[0].periodEnd ?? '?'}` : ''
  const toInsert: MarketPriceInsert[] = []
  const seen = new Set<string>()
  const toUpdate: MarketPriceInsert[] = []
  for (const procedure of procedures) {
    const source = `Medicare base: ${procedure.medicareBaseSource ?? 'not set'}; cost index: CMS Medicare Spending per Beneficiary (MSPB-1), ${period}; multiplier: ${multiplier.source}`
    for (const row of computeMarketPrices(procedure.medicareBaseCents, multiplier.value, facilities)) {
      const key = `${procedure.id}|${row.scope}|${row.scopeKey}`
      seen.add(key)
      const values = { priceCents: row.priceCents, medicareBaseCents: procedure.medicareBaseCents!, costIndex: row.costIndex, commercialMultiplier: multiplier.value, source }
      const current = existing.get(key)
      if (!current) {
        toInsert.push({ id: newId(), procedureId: procedure.id, scope: row.scope, scopeKey: row.scopeKey, facilityId: row.facilityId, state: row.state, ...values, computedAt: now })
      } else if (
        current.priceCents !== values.priceCents || current.medicareBaseCents !== values.medicareBaseCents || current.costIndex !== values.costIndex ||
        current.commercialMultiplier !== values.commercialMultiplier || current.source !== values.source
      ) {
        toUpdate.push({ id: current.id, procedureId: procedure.id, scope: row.scope, scopeKey: row.scopeKey, facilityId: row.facilityId, state: row.state, ...values, computedAt: now })
      }
    }
  }
  const stale = existingRows.filter((row) => !seen.has(`${row.procedureId}|${row.scope}|${row.scopeKey}`)).map((row) => row.id)
  await insertMarketPrices(db, toInsert)
  await updateMarketPrices(db, toUpdate)
  await deleteMarketPrices(db, stale)
  return { inserted: toInsert.length, updated: toUpdate.length, deleted: stale.length }
}
