import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

export function listProcedures(db: Kysely<Database>) {
  return db
    .selectFrom('procedures')
    .select([
      'id', 'code', 'name', 'description', 'drgCodes', 'typicalNights', 'incidencePerThousand', 'incidenceSource',
      'medicareBaseCents', 'medicareBaseSource', 'isActive',
    ])
    .orderBy('name')
    .execute()
}

export async function countCatalog(db: Kysely<Database>) {
  const [facilities, offers, organizations] = await Promise.all([
    db.selectFrom('facilities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('offers').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'active').executeTakeFirstOrThrow(),
    db
      .selectFrom('organizations')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('kind')
      .execute(),
  ])
  return {
    facilities: Number(facilities.n),
    activeOffers: Number(offers.n),
    organizationsByKind: organizations.map((row) => ({ kind: row.kind, count: Number(row.n) })),
  }
}

export function listOrganizations(db: Kysely<Database>) {
  return db.selectFrom('organizations').select(['id', 'kind', 'name', 'code']).orderBy('kind').orderBy('name').execute()
}

/** A health system's own facilities with their offers (a center admin's home). */
export function listHealthSystemOffers(db: Kysely<Database>, healthSystemId: string) {
  return db
    .selectFrom('facilities')
    .leftJoin('offers', 'offers.facilityId', 'facilities.id')
    .leftJoin('procedures', 'procedures.id', 'offers.procedureId')
    .select([
      'facilities.id as facilityId',
      'facilities.name as facilityName',
      'facilities.city',
      'facilities.state',
      'facilities.starRating',
      'offers.id as offerId',
      'offers.priceCents',
      'offers.validFrom',
      'offers.validTo',
      'offers.status',
      'offers.warrantyDays',
      'procedures.code as procedureCode',
      'procedures.name as procedureName',
    ])
    .where('facilities.healthSystemId', '=', healthSystemId)
    .orderBy('facilities.name')
    .orderBy('procedures.code')
    .execute()
}
