import type { Kysely } from 'kysely'
import type { Database, NewOffer } from '~/db/schema'

export async function mapFacilityIdsByCcn(db: Kysely<Database>, ccns: string[]) {
  const map = new Map<string, string>()
  for (let i = 0; i < ccns.length; i += 500) {
    const rows = await db.selectFrom('facilities').select(['id', 'ccn']).where('ccn', 'in', ccns.slice(i, i + 500)).execute()
    for (const row of rows) map.set(row.ccn!, row.id)
  }
  return map
}

export async function mapProcedureIdsByCode(db: Kysely<Database>) {
  const rows = await db.selectFrom('procedures').select(['id', 'code']).execute()
  return new Map(rows.map((row) => [row.code, row.id]))
}

const OFFER_COLUMNS = [
  'id', 'facilityId', 'procedureId', 'priceCents', 'includesFacility', 'includesSurgeon', 'includesAnesthesia', 'includesImplant', 'includesFollowUp',
  'warrantyDays', 'followUpVisits', 'annualVolume', 'accreditation', 'appointmentWithinDays', 'validFrom', 'validTo', 'status', 'tin', 'npi',
] as const

export function listOffersOfFacilities(db: Kysely<Database>, facilityIds: string[]) {
  if (facilityIds.length === 0) return Promise.resolve([])
  return db.selectFrom('offers').select(OFFER_COLUMNS).where('facilityId', 'in', facilityIds).execute()
}

export function insertOffer(db: Kysely<Database>, offer: NewOffer) {
  return db.insertInto('offers').values(offer).execute()
}

export function updateOffer(db: Kysely<Database>, offerId: string, changes: Partial<NewOffer>) {
  return db.updateTable('offers').set(changes).where('id', '=', offerId).execute()
}
