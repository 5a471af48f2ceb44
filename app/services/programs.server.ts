import { getDb } from '~/db/client.server'
import {
  findProgram,
  findVersionRules,
  listPrograms,
  listProgramVersions,
  listVersionNetwork,
  listVersionProcedures,
} from '~/db/repositories/programs.server'
import type { EmployerScope } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'

export function listEmployerPrograms(scope: EmployerScope) {
  return listPrograms(getDb(), scope)
}

/** A program of this employer with every version and the newest version's contents; 404 otherwise. */
export async function getProgramDetail(scope: EmployerScope, programId: string) {
  const db = getDb()
  const program = await findProgram(db, scope, programId)
  if (!program) throw notFound('Program')
  const versions = await listProgramVersions(db, program.id)
  const current = versions[0]
  if (!current) throw notFound('Program version')
  const [procedures, network, rules] = await Promise.all([
    listVersionProcedures(db, current.id),
    listVersionNetwork(db, current.id),
    findVersionRules(db, current.id),
  ])
  return { program, versions, current, procedures, network, rules: rules ?? null }
}
