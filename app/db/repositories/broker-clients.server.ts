import type { Kysely } from 'kysely'
import type { Database } from '~/db/schema'

/** Employers that granted this broker firm access, with counts (never member rows). */
export function listBrokerClients(db: Kysely<Database>, brokerOrganizationId: string, asOfDate: string) {
  return db
    .selectFrom('brokerClients')
    .innerJoin('organizations', 'organizations.id', 'brokerClients.employerOrganizationId')
    .select((eb) => [
      'organizations.id',
      'organizations.name',
      'brokerClients.grantedAt',
      eb
        .selectFrom('rosterMembers')
        .select((r) => r.fn.countAll<number>().as('n'))
        .whereRef('rosterMembers.employerId', '=', 'organizations.id')
        .where((r) => r.or([r('rosterMembers.coverageEnd', 'is', null), r('rosterMembers.coverageEnd', '>=', asOfDate)]))
        .as('coveredMembers'),
      eb
        .selectFrom('programs')
        .select((p) => p.fn.countAll<number>().as('n'))
        .whereRef('programs.employerId', '=', 'organizations.id')
        .as('programCount'),
    ])
    .where('brokerClients.brokerOrganizationId', '=', brokerOrganizationId)
    .where('brokerClients.revokedAt', 'is', null)
    .orderBy('organizations.name')
    .execute()
}
