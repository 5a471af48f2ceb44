import { sql, type Kysely } from 'kysely'
import { escapeLike, likePattern } from '~/db/like'
import type { Database } from '~/db/schema'

export interface FacilitySearch {
  text: string | null
  state: string | null
  facilityType: string | null
  minStars: number | null
  page: number
  pageSize: number
}

/** The platform admin's catalog search: name or city contains `text` (any case), filters, paged. */
export async function searchFacilities(db: Kysely<Database>, search: FacilitySearch) {
  let query = db.selectFrom('facilities')
  if (search.text) {
    const pattern = likePattern(`%${escapeLike(search.text.toLowerCase())}%`)
    query = query.where((eb) => eb.or([eb(sql`lower(facilities.name)`, 'like', pattern), eb(sql`lower(facilities.city)`, 'like', pattern)]))
  }
  if (search.state) query = query.where('facilities.state', '=', search.state)
  if (search.facilityType) query = query.where('facilities.facilityType', '=', search.facilityType)
  if (search.minStars) query = query.where('facilities.starRating', '>=', search.minStars)
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    query
      .leftJoin('qualityMeasures', (join) => join.onRef('qualityMeasures.facilityId', '=', 'facilities.id').on('qualityMeasures.measureCode', '=', 'COMP_HIP_KNEE'))
      .select([
        'facilities.id', 'facilities.name', 'facilities.city', 'facilities.state', 'facilities.facilityType', 'facilities.starRating', 'facilities.ccn',
        'qualityMeasures.value as complicationRate', 'qualityMeasures.comparison as complicationComparison',
      ])
      .orderBy('facilities.name')
      .orderBy('facilities.id')
      .limit(search.pageSize)
      .offset((search.page - 1) * search.pageSize)
      .execute(),
  ])
  return { total: Number(total.n), rows }
}

export async function listFacilityFilterValues(db: Kysely<Database>) {
  const [states, types] = await Promise.all([
    db.selectFrom('facilities').select('state').distinct().orderBy('state').execute(),
    db.selectFrom('facilities').select('facilityType').distinct().orderBy('facilityType').execute(),
  ])
  return { states: states.map((r) => r.state), types: types.map((r) => r.facilityType) }
}
