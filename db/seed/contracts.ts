import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { findContractPeriod, listContractPeriods } from '../../app/db/repositories/contract-periods.server'
import { findPartyContract, insertContract, insertContractSignature, insertContractVersion, insertVersionFacilities } from '../../app/db/repositories/contracts.server'
import { insertContractCredit, insertWarrantyEvent } from '../../app/db/repositories/warranty.server'
import type { Database } from '../../app/db/schema'
import { ContractTermsSchema, type ContractTerms } from '../../app/domain/contracts/terms'
import type { Actor } from '../../app/domain/tenancy'
import { closePeriod, syncContractPeriods } from '../../app/services/contract-periods.server'
import { draftTermsFromProgram } from '../../app/services/contracts.server'
import { seedId } from './random'

/*
 * The demo's value-based contracts (issue 21): one per demo health system, drafted from the
 * employer's program network as the portal drafts them, signed by both admins in June 2025 for two
 * years from July 2025. Its first period (July 2025 to June 2026) is closed and reconciled as of
 * the seed's now, through the same close the pages use; the second is open. Summit's contract with
 * Acme has one warranty event: a readmission elsewhere, credited back by the center.
 */

export interface DemoContract {
  system: string
  systemName: string
  employer: string
  title: string
  /** The purchaser's admin and the health system's admin (user e-mails). */
  purchaserEmail: string
  centerEmail: string
  twoSided: boolean
}

const SIGNED_AT = '2025-06-20T15:00:00.000Z'
const PERIOD = { periodStart: '2025-07-01', periodEnd: '2027-06-30' }

function demoTerms(drafted: ContractTerms, twoSided: boolean): ContractTerms {
  return ContractTermsSchema.parse({
    ...drafted,
    attribution: { ...drafted.attribution, ...PERIOD },
    // A demo employer has tens of episodes a year with one system, not hundreds: the minimum is set for that.
    riskSharing: twoSided
      ? { ...drafted.riskSharing, model: 'two_sided', downsideRate: 0.3, stopLossShare: 0.05, minimumEpisodes: 3 }
      : { ...drafted.riskSharing, minimumEpisodes: 3 },
    reporting: { ...drafted.reporting, reviewDates: ['2025-12-15', '2026-06-15', '2026-12-15', '2027-06-15'] },
    recalibrationDate: '2026-07-01',
  })
}

/** What the seed needs of an actor: the admin's user and organization, for signatures and the audit log. */
export async function actorFor(db: Kysely<Database>, email: string): Promise<Actor> {
  const row = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['users.id', 'users.email', 'users.displayName', 'memberships.role', 'organizations.id as organizationId', 'organizations.kind', 'organizations.name'])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow()
  return {
    userId: row.id, email: row.email, displayName: row.displayName, role: row.role, organizationId: row.organizationId, organizationKind: row.kind, organizationName: row.name,
    rosterMemberId: null, clientEmployerIds: [], ip: null,
  }
}

export async function seedDemoContracts(db: Kysely<Database>, contracts: readonly DemoContract[], now: Date, log: (line: string) => void) {
  for (const demo of contracts) {
    const purchaser = await actorFor(db, demo.purchaserEmail)
    const center = await actorFor(db, demo.centerEmail)
    const scope = { employerId: purchaser.organizationId }
    const programId = seedId('program', demo.employer)
    const drafted = await draftTermsFromProgram(db, scope, { programId, healthSystemId: center.organizationId }, SIGNED_AT.slice(0, 10))
    if (!drafted.ok) throw new Error(`${demo.systemName} has no offers in ${demo.employer}'s program`)
    const terms = demoTerms(drafted.terms, demo.twoSided)
    const json = JSON.stringify(terms)
    const sha256 = createHash('sha256').update(json, 'utf8').digest('hex')
    const contractId = seedId('contract', demo.system, demo.employer)
    const versionId = seedId('contract-version', demo.system, demo.employer, 1)
    await db.transaction().execute(async (trx) => {
      await insertContract(trx, {
        id: contractId, purchaserOrganizationId: purchaser.organizationId, healthSystemOrganizationId: center.organizationId, title: demo.title, status: 'active',
        sourceProgramId: programId, pseudonymSecret: createHash('sha256').update(`demo-pseudonyms-${contractId}`).digest('hex'), firstSentAt: '2025-06-02T14:00:00.000Z',
        createdAt: '2025-06-02T13:00:00.000Z', createdByUserId: purchaser.userId, updatedAt: SIGNED_AT,
      })
      await insertContractVersion(trx, {
        id: versionId, contractId, version: 1, status: 'signed', terms: json, termsSha256: sha256, baseTerms: JSON.stringify(drafted.terms), roundStartTerms: json, sentTerms: json,
        basedOnVersionId: null, createdByUserId: purchaser.userId, createdAt: '2025-06-02T13:00:00.000Z', updatedAt: SIGNED_AT, editedByOrganizationId: purchaser.organizationId,
        sentAt: '2025-06-16T14:00:00.000Z', sentByOrganizationId: purchaser.organizationId, signedAt: SIGNED_AT,
      })
      for (const [actor, signedAt] of [[purchaser, '2025-06-18T16:00:00.000Z'], [center, SIGNED_AT]] as const) {
        await insertContractSignature(trx, { id: seedId('contract-signature', contractId, actor.organizationId), versionId, organizationId: actor.organizationId, userId: actor.userId, signedAt, termsSha256: sha256 })
      }
      await insertVersionFacilities(trx, versionId, terms.networkFacilityIds)
      await syncContractPeriods(trx, center, { id: contractId, purchaserOrganizationId: purchaser.organizationId }, { id: versionId, version: 1 }, terms, SIGNED_AT)
      if (demo.system === 'SUMMIT') await seedWarrantyEvent(trx, contractId, versionId, purchaser.organizationId, center.organizationId, terms)
    })
    const contract = await findPartyContract(db, { side: 'purchaser', organizationId: purchaser.organizationId }, contractId)
    const [listed] = await listContractPeriods(db, contractId)
    const first = await findContractPeriod(db, contractId, listed!.id)
    const closed = await closePeriod(db, purchaser, 'purchaser', contract!, first!, now)
    if (!closed.ok) throw new Error(`could not close ${demo.title}'s first period: ${closed.formError}`)
    const statement = await db.selectFrom('contractStatements').select(['episodeCount', 'settlementCents', 'outcome']).where('periodId', '=', first!.id).executeTakeFirstOrThrow()
    log(`Contract "${demo.title}": ${first!.periodStart} to ${first!.periodEnd} reconciled, ${statement.episodeCount} episodes, ${statement.outcome}, settlement ${(Number(statement.settlementCents) / 100).toFixed(2)} USD`)
  }
}

/** A readmission elsewhere, three weeks after one of the first period's Summit knee or hip replacements, credited back by Summit. */
async function seedWarrantyEvent(trx: Transaction<Database>, contractId: string, versionId: string, purchaserId: string, healthSystemId: string, terms: ContractTerms) {
  const found = await trx
    .selectFrom('cases')
    .select(['id', 'procedureDate'])
    .where('employerId', '=', purchaserId)
    .where('status', '=', 'completed')
    .where('facilityId', 'in', terms.networkFacilityIds)
    .where('procedureDate', '>=', PERIOD.periodStart)
    .where('procedureDate', '<=', '2026-05-31')
    .orderBy('procedureDate')
    .orderBy('id')
    .executeTakeFirst()
  if (!found) return
  const occurredOn = new Date(Date.parse(`${found.procedureDate}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10)
  const eventId = seedId('warranty-event', found.id)
  const costCents = 845_000
  await insertWarrantyEvent(trx, {
    id: eventId, caseId: found.id, contractId, contractVersionId: versionId, kind: 'readmission', occurredOn, place: 'elsewhere', providerName: 'Community hospital near the member’s home',
    description: 'Readmitted for a wound infection after the operation', costCents, creditedCents: costCents, recordedByUserId: null, recordedAt: `${occurredOn}T18:00:00.000Z`,
  })
  // Readmitted within 30 days: the case's 30-day check-in says so.
  await trx.updateTable('cases').set({ wasReadmitted: 1 }).where('id', '=', found.id).execute()
  await insertContractCredit(trx, {
    id: seedId('contract-credit', eventId), contractId, caseId: found.id, warrantyEventId: eventId, purchaserOrganizationId: purchaserId, healthSystemOrganizationId: healthSystemId,
    amountCents: costCents, description: `Warranty credit: readmission elsewhere on ${occurredOn}`, stripeCreditNoteId: null, createdAt: `${occurredOn}T18:00:00.000Z`,
  })
}
