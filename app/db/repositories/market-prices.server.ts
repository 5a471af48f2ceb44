import type { Kysely } from 'kysely'
import type { Insertable } from 'kysely'
import type { Database, MarketPricesTable } from '~/db/schema'

const BATCH = 400

export function listProceduresWithMedicareBase(db: Kysely<Database>) {
  return db.selectFrom('procedures').select(['id', 'code', 'medicareBaseCents', 'medicareBaseSource']).execute()
}

/** Every facility's MSPB-1 cost index with its state and period. */
export function unscopedListCostIndexes(db: Kysely<Database>) {
  return db
    .selectFrom('qualityMeasures')
    .innerJoin('facilities', 'facilities.id', 'qualityMeasures.facilityId')
    .select(['facilities.id as facilityId', 'facilities.state', 'qualityMeasures.value', 'qualityMeasures.periodStart', 'qualityMeasures.periodEnd'])
    .where('qualityMeasures.measureCode', '=', 'MSPB_1')
    .where('qualityMeasures.value', 'is not', null)
    .orderBy('facilities.id')
    .execute()
}

export function listMarketPrices(db: Kysely<Database>) {
  return db.selectFrom('marketPrices').select(['id', 'procedureId', 'scope', 'scopeKey', 'priceCents', 'medicareBaseCents', 'costIndex', 'commercialMultiplier', 'source']).execute()
}

export type MarketPriceInsert = Insertable<MarketPricesTable>

export async function insertMarketPrices(db: Kysely<Database>, rows: MarketPriceInsert[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('marketPrices').values(rows.slice(i, i + BATCH)).execute()
}

/**
 * Writes changed prices in batches: a row of the same procedure, scope and scope key keeps its id
 * and takes the new figures (one statement per batch, not one per row: the real CMS facilities make
 * thousands of rows, which one by one took longer than a page may on PostgreSQL).
 */
export async function updateMarketPrices(db: Kysely<Database>, rows: MarketPriceInsert[]) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('marketPrices')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(['procedureId', 'scope', 'scopeKey']).doUpdateSet((eb) => ({
          priceCents: eb.ref('excluded.priceCents'),
          medicareBaseCents: eb.ref('excluded.medicareBaseCents'),
          costIndex: eb.ref('excluded.costIndex'),
          commercialMultiplier: eb.ref('excluded.commercialMultiplier'),
          source: eb.ref('excluded.source'),
          computedAt: eb.ref('excluded.computedAt'),
        })),
      )
      .execute()
  }
}

export async function deleteMarketPrices(db: Kysely<Database>, ids: string[]) {
  for (let i = 0; i < ids.length; i += BATCH) await db.deleteFrom('marketPrices').where('id', 'in', ids.slice(i, i + BATCH)).execute()
}

/** The typical local price of a procedure for a facility, its state and the nation. */
export function listMarketPricesForFacility(db: Kysely<Database>, facilityId: string, state: string) {
  return db
    .selectFrom('marketPrices')
    .innerJoin('procedures', 'procedures.id', 'marketPrices.procedureId')
    .select([
      'procedures.code', 'procedures.name', 'procedures.medicareBaseSource', 'marketPrices.scope', 'marketPrices.priceCents', 'marketPrices.costIndex',
      'marketPrices.commercialMultiplier', 'marketPrices.medicareBaseCents',
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb('marketPrices.scope', '=', 'facility'), eb('marketPrices.scopeKey', '=', facilityId)]),
        eb.and([eb('marketPrices.scope', '=', 'state'), eb('marketPrices.scopeKey', '=', state)]),
        eb('marketPrices.scope', '=', 'national'),
      ]),
    )
    .orderBy('procedures.name')
    .execute()
}

/** Sets the Medicare episode base of the procedures with these codes; returns how many changed. */
export async function updateMedicareBase(db: Kysely<Database>, codes: string[], cents: number, source: string): Promise<number> {
  const result = await db
    .updateTable('procedures')
    .set({ medicareBaseCents: cents, medicareBaseSource: source })
    .where('code', 'in', codes)
    .where((eb) => eb.or([eb('medicareBaseCents', 'is', null), eb('medicareBaseCents', '!=', cents), eb('medicareBaseSource', 'is', null), eb('medicareBaseSource', '!=', source)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** State medians and national prices of these procedures: the "typical local price" outside a COE. */
export function listAreaMarketPrices(db: Kysely<Database>, procedureIds: readonly string[]) {
  if (procedureIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('marketPrices')
    .select(['procedureId', 'scope', 'scopeKey', 'priceCents'])
    .where('procedureId', 'in', procedureIds)
    .where('scope', 'in', ['state', 'national'])
    .execute()
}
