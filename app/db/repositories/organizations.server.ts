import type { Kysely } from 'kysely'
import type { Database, NewOrganization } from '~/db/schema'

export function insertOrganization(db: Kysely<Database>, organization: NewOrganization) {
  return db.insertInto('organizations').values(organization).execute()
}

/** Employers that granted this broker firm access and have not revoked it. */
export async function listGrantedEmployerIds(db: Kysely<Database>, brokerOrganizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('brokerClients')
    .select('employerOrganizationId')
    .where('brokerOrganizationId', '=', brokerOrganizationId)
    .where('revokedAt', 'is', null)
    .execute()
  return rows.map((row) => row.employerOrganizationId)
}

export function findOrganization(db: Kysely<Database>, organizationId: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', organizationId).executeTakeFirst()
}
