import type { Kysely } from 'kysely'
import { escapeLike, likePattern } from '~/db/like'
import type { Database } from '~/db/schema'

export interface FacilitySearch {
  /** Search keys (domain/search/facility-text): a facility matches when its name or city key contains any of them; none, no text filter. */
  textKeys: readonly string[]
  state: string | null
  facilityType: string | null
  minStars: number | null
  listed: 'listed' | 'unlisted' | 'all'
  page: number
  pageSize: number
}

/** The platform admin's catalog search: name or city key contains a search key, filters, paged. */
export async function searchFacilities(db: Kysely<Database>, search: FacilitySearch) {
  let query = db.selectFrom('facilities')
  if (search.textKeys.length > 0) {
    const patterns = search.textKeys.map((key) => likePattern(`%${escapeLike(key)}%`))
    query = query.where((eb) => eb.or(patterns.flatMap((pattern) => [eb('facilities.nameKey', 'like', pattern), eb('facilities.cityKey', 'like', pattern)])))
  }
  if (search.state) query = query.where('facilities.state', '=', search.state)
  if (search.facilityType) query = query.where('facilities.facilityType', '=', search.facilityType)
  if (search.minStars) query = query.where('facilities.starRating', '>=', search.minStars)
  if (search.listed === 'listed') query = query.where('facilities.inactiveSince', 'is', null)
  if (search.listed === 'unlisted') query = query.where('facilities.inactiveSince', 'is not', null)
  const [total, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    query
      .leftJoin('qualityMeasures', (join) => join.onRef('qualityMeasures.facilityId', '=', 'facilities.id').on('qualityMeasures.measureCode', '=', 'COMP_HIP_KNEE'))
      .select([
        'facilities.id', 'facilities.name', 'facilities.city', 'facilities.state', 'facilities.facilityType', 'facilities.starRating', 'facilities.ccn', 'facilities.inactiveSince',
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
