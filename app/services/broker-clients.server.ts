import { getDb } from '~/db/client.server'
import { listBrokerClients } from '~/db/repositories/broker-clients.server'
import { listPrograms } from '~/db/repositories/programs.server'
import { countCoveredMembers } from '~/db/repositories/roster.server'
import { findOrganization } from '~/db/repositories/organizations.server'
import { toIsoDate } from '~/domain/dates'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'

export async function listClientsForBroker(actor: Actor, now = new Date()) {
  const rows = await listBrokerClients(getDb(), actor.organizationId, toIsoDate(now))
  return rows.map((row) => ({ ...row, coveredMembers: Number(row.coveredMembers ?? 0), programCount: Number(row.programCount ?? 0) }))
}

/** A granted client's summary: counts and programs, never member rows (DESIGN §8). */
export async function getClientSummary(scope: EmployerScope, now = new Date()) {
  const db = getDb()
  const employer = await findOrganization(db, scope.employerId)
  if (!employer || employer.kind !== 'employer') throw notFound('Client')
  const [coveredMembers, programs] = await Promise.all([countCoveredMembers(db, scope, toIsoDate(now)), listPrograms(db, scope)])
  return { employer: { id: employer.id, name: employer.name }, coveredMembers, programs }
}
