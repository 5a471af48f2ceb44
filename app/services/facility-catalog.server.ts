import { getDb } from '~/db/client.server'
import { listFacilityFilterValues, searchFacilities } from '~/db/repositories/facility-search.server'
import type { parseFacilitySearch } from '~/forms/facility-search'

export const FACILITY_PAGE_SIZE = 50

export async function browseFacilities(query: ReturnType<typeof parseFacilitySearch>) {
  const db = getDb()
  const [result, filters] = await Promise.all([
    searchFacilities(db, {
      text: query.q ?? null,
      state: query.state ?? null,
      facilityType: query.type ?? null,
      minStars: query.stars ?? null,
      page: query.page,
      pageSize: FACILITY_PAGE_SIZE,
    }),
    listFacilityFilterValues(db),
  ])
  return { ...result, filters, query, pageSize: FACILITY_PAGE_SIZE }
}
