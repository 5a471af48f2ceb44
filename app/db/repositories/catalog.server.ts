import type { Kysely } from 'kysely'
import { escapeLike, likePattern } from '~/db/like'
import type { Database, OrganizationKind } from '~/db/schema'

export function listProcedures(db: Kysely<Database>) {
  return db
    .selectFrom('procedures')
    .select([
      'id', 'code', 'name', 'description', 'drgCodes', 'typicalNights', 'nightsAway', 'incidencePerThousand', 'incidenceSource',
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

/** One page of organizations by kind, then name; `q` matches anywhere in the name or code, in any case. */
export async function searchOrganizations(db: Kysely<Database>, filter: { q?: string; kind?: OrganizationKind }, page: { limit: number; offset: number }) {
  let query = db.selectFrom('organizations')
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.q) {
    const pattern = likePattern(`%${escapeLike(filter.q.toLowerCase())}%`)
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['code']), 'like', pattern)]))
  }
  const [rows, total] = await Promise.all([
    query.select(['id', 'kind', 'name', 'code']).orderBy('kind').orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
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
      'facilities.inactiveSince',
      'offers.id as offerId',
      'offers.isDemo',
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

/**
 * A health system's demand: member searches for the procedures it offers and care requests at
 * its facilities, per procedure (counts only, never who).
 */
export async function countHealthSystemDemand(db: Kysely<Database>, healthSystemId: string, sinceIso: string) {
  const [searches, requests] = await Promise.all([
    db
      .selectFrom('searchEvents')
      .innerJoin('procedures', 'procedures.id', 'searchEvents.procedureId')
      .select(['procedures.code', 'procedures.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where('searchEvents.occurredAt', '>=', sinceIso)
      .where('searchEvents.procedureId', 'in', (eb) =>
        eb.selectFrom('offers').innerJoin('facilities', 'facilities.id', 'offers.facilityId').select('offers.procedureId').where('facilities.healthSystemId', '=', healthSystemId),
      )
      .groupBy(['procedures.code', 'procedures.name'])
      .execute(),
    db
      .selectFrom('cases')
      .innerJoin('facilities', 'facilities.id', 'cases.facilityId')
      .innerJoin('procedures', 'procedures.id', 'cases.procedureId')
      .select(['procedures.code', 'procedures.name', (eb) => eb.fn.countAll<number>().as('n')])
      .where('facilities.healthSystemId', '=', healthSystemId)
      .where('cases.requestedAt', '>=', sinceIso)
      .groupBy(['procedures.code', 'procedures.name'])
      .execute(),
  ])
  const rows = new Map<string, { code: string; name: string; searches: number; requests: number }>()
  for (const s of searches) rows.set(s.code, { code: s.code, name: s.name, searches: Number(s.n), requests: 0 })
  for (const r of requests) rows.set(r.code, { ...(rows.get(r.code) ?? { code: r.code, name: r.name, searches: 0 }), requests: Number(r.n) })
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))
}
