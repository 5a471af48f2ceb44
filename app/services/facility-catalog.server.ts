import { getDb } from '~/db/client.server'
import { listFacilityFilterValues, searchFacilities } from '~/db/repositories/facility-search.server'
import { facilitySearchAlternatives } from '~/domain/search/facility-text'
import type { FacilitySearchQuery } from '~/forms/facility-search'

export const FACILITY_PAGE_SIZE = 50

/** The facility list: the matches of one page, or none when the search text cannot be searched (`query.qError`). */
export async function browseFacilities(query: FacilitySearchQuery) {
  const db = getDb()
  const [result, filters] = await Promise.all([
    query.qError
      ? { total: 0, rows: [] }
      : searchFacilities(db, {
          textKeys: query.q ? facilitySearchAlternatives(query.q) : [],
          state: query.state ?? null,
          facilityType: query.type ?? null,
          minStars: query.stars ?? null,
          listed: query.listed,
          page: query.page,
          pageSize: FACILITY_PAGE_SIZE,
        }),
    listFacilityFilterValues(db),
  ])
  return { ...result, filters, query, pageSize: FACILITY_PAGE_SIZE }
}
