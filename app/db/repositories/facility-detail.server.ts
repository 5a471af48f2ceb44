import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** The catalog is global data: any signed-in role with facility:read may see a facility. */
export function findFacility(db: Kysely<Database>, facilityId: string) {
  return db
    .selectFrom('facilities')
    .leftJoin('organizations', 'organizations.id', 'facilities.healthSystemId')
    .select([
      'facilities.id', 'facilities.ccn', 'facilities.name', 'facilities.address', 'facilities.city', 'facilities.state', 'facilities.zip',
      'facilities.county', 'facilities.phone', 'facilities.latitude', 'facilities.longitude', 'facilities.coordinateSource', 'facilities.facilityType',
      'facilities.ownership', 'facilities.hasEmergencyServices', 'facilities.starRating', 'facilities.inactiveSince', 'organizations.name as healthSystemName',
    ])
    .where('facilities.id', '=', facilityId)
    .executeTakeFirst()
}

export function listFacilityMeasures(db: Kysely<Database>, facilityId: string) {
  return db
    .selectFrom('qualityMeasures')
    .select(['measureCode', 'value', 'comparison', 'denominator', 'periodStart', 'periodEnd', 'source', 'footnote'])
    .where('facilityId', '=', facilityId)
    .orderBy('measureCode')
    .execute()
}

export function listFacilityOffers(db: Kysely<Database>, facilityId: string) {
  return db
    .selectFrom('offers')
    .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'offers.id', 'procedures.code as procedureCode', 'procedures.name as procedureName', 'offers.priceCents', 'offers.includesFacility',
      'offers.includesSurgeon', 'offers.includesAnesthesia', 'offers.includesImplant', 'offers.includesFollowUp', 'offers.warrantyDays',
      'offers.followUpVisits', 'offers.annualVolume', 'offers.accreditation', 'offers.appointmentWithinDays', 'offers.validFrom', 'offers.validTo',
      'offers.isDemo',
    ])
    .where('offers.facilityId', '=', facilityId)
    .where('offers.status', '=', 'active')
    .orderBy('procedures.name')
    .execute()
}
