import { getDb } from '~/db/client.server'
import {
  findPublishedVersionInForce,
  findVersionRules,
  listVersionNetwork,
  listVersionProcedures,
} from '~/db/repositories/programs.server'
import { findMemberWithPlan } from '~/db/repositories/care.server'
import { toIsoDate } from '~/domain/dates'
import type { Actor } from '~/domain/tenancy'

/** What a member sees first: their coverage and the programs in force for their employer. */
export async function getMemberHome(actor: Actor, now = new Date()) {
  const db = getDb()
  const scope = { employerId: actor.organizationId }
  const today = toIsoDate(now)
  const member = actor.rosterMemberId ? await findMemberWithPlan(db, scope, actor.rosterMemberId) : undefined
  const versions = await findPublishedVersionInForce(db, scope, today)
  const programs = await Promise.all(
    versions.map(async (version) => {
      const [procedures, network, rules] = await Promise.all([
        listVersionProcedures(db, version.id),
        listVersionNetwork(db, version.id),
        findVersionRules(db, version.id),
      ])
      return {
        name: version.name,
        version: version.version,
        effectiveFrom: version.effectiveFrom,
        procedures,
        centerCount: new Set(network.map((row) => row.facilityId)).size,
        deductibleWaived: rules?.deductibleWaived === 1,
        coinsuranceWaived: rules?.coinsuranceWaived === 1,
        copayCents: rules?.coeCopayCents ?? 0,
        completionIncentiveCents: rules?.completionIncentiveCents ?? 0,
        travelMinDistanceMiles: rules?.minDistanceMiles ?? null,
        companionCovered: rules?.companionCovered === 1,
      }
    }),
  )
  const isCovered = Boolean(member && member.coverageStart <= today && (!member.coverageEnd || member.coverageEnd >= today))
  return { member: member ?? null, isCovered, programs, employerName: actor.organizationName }
}
