import type { Kysely } from 'kysely'
import type { Database, NewFacility, NewQualityMeasure } from '~/db/schema'

const BATCH = 400

/** Every facility that has a CCN, keyed for the CMS importer's change detection. */
export function unscopedListFacilitiesWithCcn(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'id', 'ccn', 'name', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'coordinateSource',
      'facilityType', 'ownership', 'hasEmergencyServices', 'starRating', 'nameKey', 'cityKey',
    ])
    .where('ccn', 'is not', null)
    .execute()
}

export async function insertFacilities(db: Kysely<Database>, rows: NewFacility[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('facilities').values(rows.slice(i, i + BATCH)).execute()
}

export function updateFacility(db: Kysely<Database>, id: string, changes: Partial<NewFacility>) {
  return db.updateTable('facilities').set(changes).where('id', '=', id).execute()
}

export function listQualityMeasuresByCodes(db: Kysely<Database>, measureCodes: string[]) {
  return db
    .selectFrom('qualityMeasures')
    .select(['id', 'facilityId', 'measureCode', 'value', 'comparison', 'denominator', 'periodStart', 'periodEnd', 'source', 'footnote'])
    .where('measureCode', 'in', measureCodes)
    .execute()
}

export async function insertQualityMeasures(db: Kysely<Database>, rows: NewQualityMeasure[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('qualityMeasures').values(rows.slice(i, i + BATCH)).execute()
}

export function updateQualityMeasure(db: Kysely<Database>, id: string, changes: Partial<NewQualityMeasure>) {
  return db.updateTable('qualityMeasures').set(changes).where('id', '=', id).execute()
}
