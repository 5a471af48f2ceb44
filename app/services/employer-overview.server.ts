import { getDb } from '~/db/client.server'
import { countCasesByStatus } from '~/db/repositories/cases.server'
import { countContractsInForce, listCoalitionIdsOfEmployerOn } from '~/db/repositories/coalitions.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { listPrograms } from '~/db/repositories/programs.server'
import { countCoveredMembers } from '~/db/repositories/roster.server'
import { engagement } from '~/domain/coalitions/engagement'
import { toIsoDate } from '~/domain/dates'
import type { EmployerScope } from '~/domain/tenancy'

/** The employer admin's home: counts only (no member names), per DESIGN §8. */
export async function getEmployerOverview(scope: EmployerScope, now = new Date()) {
  const db = getDb()
  const today = toIsoDate(now)
  const [coveredMembers, plans, programs, casesByStatus, coalitionIds, ownContracts] = await Promise.all([
    countCoveredMembers(db, scope, today),
    listHealthPlans(db, scope),
    listPrograms(db, scope),
    countCasesByStatus(db, scope),
    listCoalitionIdsOfEmployerOn(db, scope.employerId, today),
    countContractsInForce(db, [scope.employerId]),
  ])
  const coalitionContracts = await countContractsInForce(db, coalitionIds)
  return {
    asOf: today,
    coveredMembers,
    planCount: plans.length,
    programs,
    casesByStatus,
    openCases: casesByStatus
      .filter((row) => !['completed', 'cancelled', 'denied'].includes(row.status))
      .reduce((sum, row) => sum + row.count, 0),
    // Where the employer stands on the engagement continuum (DESIGN §12) and the next step.
    engagement: engagement({
      hasPublishedProgram: programs.some((p) => p.status === 'published'),
      hasMembersUsingProgram: casesByStatus.some((row) => row.count > 0),
      hasOwnSignedContract: ownContracts > 0,
      isCoalitionMember: coalitionIds.length > 0,
      hasCoalitionSignedContract: coalitionContracts > 0,
    }),
  }
}
