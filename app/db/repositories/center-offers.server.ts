import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** An offer of one of this health system's facilities, or undefined (another system's offer looks missing). */
export function findHealthSystemOffer(db: Kysely<Database>, healthSystemId: string, offerId: string) {
  return db
    .selectFrom('offers')
    .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
    .selectAll('offers')
    .where('offers.id', '=', offerId)
    .where('facilities.healthSystemId', '=', healthSystemId)
    .executeTakeFirst()
}

export function listHealthSystemFacilityOptions(db: Kysely<Database>, healthSystemId: string) {
  return db.selectFrom('facilities').select(['id', 'name', 'city', 'state']).where('healthSystemId', '=', healthSystemId).orderBy('name').execute()
}

export function listProcedureOptions(db: Kysely<Database>) {
  return db.selectFrom('procedures').select(['id', 'code', 'name']).where('isActive', '=', 1).orderBy('name').execute()
}

export function findOfferByKey(db: Kysely<Database>, facilityId: string, procedureId: string, validFrom: string) {
  return db
    .selectFrom('offers')
    .select('id')
    .where('facilityId', '=', facilityId)
    .where('procedureId', '=', procedureId)
    .where('validFrom', '=', validFrom)
    .executeTakeFirst()
}
