import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  listCandidateOffers,
  insertProgram,
  insertProgramVersion,
  replaceVersionNetwork,
  replaceVersionProcedures,
  saveBenefitRules,
  saveTravelRules,
} from '~/db/repositories/programs.server'
import {
  findSharedProposal,
  grantBrokerAccess,
  listBrokerFirmsForEmployer,
  listSharedProposals,
  revokeBrokerGrant,
  updateProposal,
} from '~/db/repositories/scenarios.server'
import { addDays, toIsoDate } from '~/domain/dates'
import { readProposalSnapshot } from '~/domain/proposals/proposal'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { ScenarioDocumentSchema } from '~/forms/scenario'
import { notFound } from '~/http/responses.server'
import { proposalStatesPath } from './scenarios.server'

class AlreadyAdopted extends Error {}

/** Broker firms on the marketplace and whether this employer has granted each access. */
export function listBrokerFirms(scope: EmployerScope) {
  return listBrokerFirmsForEmployer(getDb(), scope)
}

/** Grants a broker firm access to this employer's counts, projections and scenarios (never member rows). */
export async function setBrokerAccess(actor: Actor, scope: EmployerScope, brokerOrganizationId: string, grant: boolean, now = new Date()) {
  const db = getDb()
  const firm = (await listBrokerFirmsForEmployer(db, scope)).find((f) => f.id === brokerOrganizationId)
  if (!firm) throw notFound('Broker firm')
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    if (grant && !firm.grantId) {
      await grantBrokerAccess(trx, {
        id: newId(),
        brokerOrganizationId,
        employerOrganizationId: scope.employerId,
        grantedByUserId: actor.userId,
        grantedAt: at,
        revokedAt: null,
      })
    } else if (!grant) {
      await revokeBrokerGrant(trx, scope, brokerOrganizationId, at)
    }
    await insertAuditEntry(trx, actor, {
      action: grant ? 'broker.granted' : 'broker.revoked',
      subjectType: 'organization',
      subjectId: brokerOrganizationId,
      employerId: scope.employerId,
      at,
    })
  })
}

export function listClientProposals(scope: EmployerScope) {
  return listSharedProposals(getDb(), scope)
}

/** A proposal shared with this employer; unshared or another employer's are 404. */
export async function getClientProposal(scope: EmployerScope, proposalId: string) {
  const found = await findSharedProposal(getDb(), scope, proposalId)
  if (!found) throw notFound('Proposal')
  return {
    id: found.id,
    sharedAt: found.sharedAt,
    adoptedAt: found.adoptedAt,
    adoptedProgramId: found.adoptedProgramId,
    snapshot: readProposalSnapshot(found.snapshot),
    statesPath: proposalStatesPath(),
  }
}

/**
 * The client's admin adopts a shared proposal: a new program whose draft version 1 carries the
 * recommended scenario's procedures, network (offers still active, at the proposed prices) and
 * rules, starting tomorrow; then it is edited and published as usual. Adopting twice is refused.
 */
export async function adoptProposal(actor: Actor, scope: EmployerScope, proposalId: string, now = new Date()) {
  const db = getDb()
  const found = await findSharedProposal(db, scope, proposalId)
  if (!found) throw notFound('Proposal')
  if (found.adoptedProgramId) return { ok: false as const, programId: found.adoptedProgramId }
  const doc = ScenarioDocumentSchema.parse(JSON.parse(found.recommendedDocument))
  const active = new Set((await listCandidateOffers(db, doc.procedureIds)).map((o) => o.offerId))
  const programId = newId()
  const versionId = newId()
  const at = now.toISOString()
  const recommended = readProposalSnapshot(found.snapshot).scenarios.find((s) => s.isRecommended)
  const adopted = await db
    .transaction()
    .execute(async (trx) => {
      await insertProgram(trx, {
        id: programId,
        employerId: scope.employerId,
        name: recommended?.name ?? found.title,
        createdAt: at,
        createdByUserId: actor.userId,
      })
      await insertProgramVersion(trx, {
        id: versionId,
        programId,
        version: 1,
        status: 'draft',
        effectiveFrom: addDays(toIsoDate(now), 1),
        effectiveTo: null,
        createdAt: at,
        createdByUserId: actor.userId,
        publishedAt: null,
        publishedByUserId: null,
      })
      await replaceVersionProcedures(trx, versionId, doc.procedureIds)
      await replaceVersionNetwork(
        trx,
        versionId,
        doc.network.filter((n) => active.has(n.offerId))
      )
      await saveBenefitRules(trx, { programVersionId: versionId, ...doc.benefit })
      await saveTravelRules(trx, { programVersionId: versionId, ...doc.travel })
      // Last, so a second adoption racing this one rolls the whole program back.
      if ((await updateProposal(trx, proposalId, { adoptedAt: at, adoptedProgramId: programId }, 'unadopted')) === 0) throw new AlreadyAdopted()
      await insertAuditEntry(trx, actor, { action: 'proposal.adopted', subjectType: 'proposal', subjectId: proposalId, employerId: scope.employerId, at })
      return true
    })
    .catch((error: unknown) => {
      if (error instanceof AlreadyAdopted) return false
      throw error
    })
  if (!adopted) {
    const again = await findSharedProposal(db, scope, proposalId)
    return { ok: false as const, programId: again?.adoptedProgramId ?? null }
  }
  return { ok: true as const, programId }
}
