import { getDb } from '~/db/client.server'
import { countCatalog, listOrganizations, listProcedures } from '~/db/repositories/catalog.server'

export async function getPlatformOverview() {
  const db = getDb()
  const [counts, procedures] = await Promise.all([countCatalog(db), listProcedures(db)])
  return { counts, procedureCount: procedures.length }
}

export async function getProcedureCatalog() {
  const rows = await listProcedures(getDb())
  return rows.map((row) => ({ ...row, drgCodes: JSON.parse(row.drgCodes) as string[] }))
}

export function getOrganizations() {
  return listOrganizations(getDb())
}
