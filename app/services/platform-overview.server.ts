import { getDb } from '~/db/client.server'
import { countCatalog, listProcedures, searchOrganizations } from '~/db/repositories/catalog.server'
import { ORGANIZATIONS_PAGE_SIZE, type OrganizationSearch } from '~/forms/organization-search'

export async function getPlatformOverview() {
  const db = getDb()
  const [counts, procedures] = await Promise.all([countCatalog(db), listProcedures(db)])
  return { counts, procedureCount: procedures.length }
}

export async function getProcedureCatalog() {
  const rows = await listProcedures(getDb())
  return rows.map((row) => ({ ...row, drgCodes: JSON.parse(row.drgCodes) as string[] }))
}

/** One page of the platform's organizations (never all of them: 1,000 employers at national scale). */
export async function getOrganizations(search: OrganizationSearch) {
  if (search.qError) return { rows: [], total: 0, search, pageSize: ORGANIZATIONS_PAGE_SIZE }
  const found = await searchOrganizations(getDb(), search, { limit: ORGANIZATIONS_PAGE_SIZE, offset: (search.page - 1) * ORGANIZATIONS_PAGE_SIZE })
  return { ...found, search, pageSize: ORGANIZATIONS_PAGE_SIZE }
}
