import type { Kysely } from 'kysely'
import type { CmsImportsTable, Database, NewFacility, NewQualityMeasure, QualityMeasureHistoryTable } from '~/db/schema'

const BATCH = 400

/** Every facility that has a CCN, keyed for the CMS importer's change detection. */
export function unscopedListFacilitiesWithCcn(db: Kysely<Database>) {
  return db
    .selectFrom('facilities')
    .select([
      'id', 'ccn', 'name', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'coordinateSource',
      'facilityType', 'ownership', 'hasEmergencyServices', 'starRating', 'nameKey', 'cityKey', 'inactiveSince',
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

/** Marks hospitals a CMS release no longer lists (issue 19): kept, out of searches and pickers. */
export async function markFacilitiesInactive(db: Kysely<Database>, ids: string[], since: string) {
  for (let i = 0; i < ids.length; i += BATCH) await db.updateTable('facilities').set({ inactiveSince: since, updatedAt: since }).where('id', 'in', ids.slice(i, i + BATCH)).execute()
}

export async function insertQualityMeasureHistory(db: Kysely<Database>, rows: QualityMeasureHistoryTable[]) {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('qualityMeasureHistory').values(rows.slice(i, i + BATCH)).execute()
}

export function insertCmsImport(db: Kysely<Database>, row: CmsImportsTable) {
  return db.insertInto('cmsImports').values(row).execute()
}

/** The latest CMS imports, newest first (the imports page's history). */
export function listCmsImports(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('cmsImports')
    .leftJoin('users', 'users.id', 'cmsImports.actorUserId')
    .select([
      'cmsImports.id', 'cmsImports.importedAt', 'cmsImports.actorLabel', 'users.email as actorEmail', 'cmsImports.folder', 'cmsImports.outcome', 'cmsImports.files',
      'cmsImports.missing', 'cmsImports.facilitiesAdded', 'cmsImports.facilitiesChanged', 'cmsImports.facilitiesInactivated', 'cmsImports.facilitiesReactivated',
      'cmsImports.measuresAdded', 'cmsImports.measuresChanged', 'cmsImports.measuresCleared', 'cmsImports.message',
    ])
    .orderBy('cmsImports.importedAt', 'desc')
    .orderBy('cmsImports.id', 'desc')
    .limit(limit)
    .execute()
}

/** When the catalog last took a CMS release (imported or found unchanged), or undefined before any. */
export async function findLatestCmsImportDate(db: Kysely<Database>) {
  const row = await db.selectFrom('cmsImports').select('importedAt').where('outcome', '!=', 'refused').orderBy('importedAt', 'desc').limit(1).executeTakeFirst()
  return row?.importedAt
}
