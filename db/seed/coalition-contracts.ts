import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { listCoalitionMembershipSpans } from '../../app/db/repositories/coalition-contracts.server'
import { findContractPeriod, listContractPeriods } from '../../app/db/repositories/contract-periods.server'
import { findPartyContract, insertContract, insertContractSignature, insertContractVersion, insertVersionFacilities, listHealthSystemActiveOffers } from '../../app/db/repositories/contracts.server'
import type { Database } from '../../app/db/schema'
import { draftContractTerms } from '../../app/domain/contracts/draft'
import { ContractTermsSchema } from '../../app/domain/contracts/terms'
import { inclusionsOf } from '../../app/services/contracts.server'
import { closePeriod, syncContractPeriods } from '../../app/services/contract-periods.server'
import { typicalLocalPrices } from '../../app/services/typical-prices.server'
import { actorFor } from './contracts'
import { seedId } from './random'

/*
 * The demo coalition's contract (issue 23): the Great Lakes Employers Coalition (GLEC, made by the
 * coalitions seed) and Summit Health Partners (demo), for knee and hip replacements, signed in
 * June 2025 by GLEC's admin and Summit's, attribution for two years from July 2025 (to June 2027, like the employer's own contract, so
 * the demo's contract is still in force when the clock passes the end of 2026): period 1
 * (July 2025 to June 2026) is closed and reconciled as of the seed's now, through the same close
 * the pages use, so its statement shows the allocation to the member employers; period 2 (July 2026
 * to June 2027) is open. Runs after the coalitions seed; without GLEC it does nothing.
 */

const SIGNED_AT = '2025-06-24T15:00:00.000Z'
const ATTRIBUTION = { periodStart: '2025-07-01', periodEnd: '2027-06-30' }

export async function seedCoalitionContract(db: Kysely<Database>, now: Date, log: (line: string) => void) {
  const glec = await db.selectFrom('organizations').select(['id', 'name']).where('code', '=', 'GLEC').where('kind', '=', 'coalition').executeTakeFirst()
  if (!glec) {
    log('No coalition GLEC in the demo data: no coalition contract seeded')
    return
  }
  const admin = await actorFor(db, 'admin@glec.example')
  const center = await actorFor(db, 'contracts@summit.example')
  const rows = await listHealthSystemActiveOffers(db, center.organizationId, ['TKA', 'THA'])
  if (rows.length === 0) throw new Error('Summit (demo) has no active knee or hip offers')
  const members = await listCoalitionMembershipSpans(db, glec.id)
  const procedures = [...new Map(rows.map((row) => [row.procedureId, { id: row.procedureId, code: row.procedureCode }])).values()]
  const { forMembers } = await typicalLocalPrices(db, [...new Set(members.map((member) => member.employerId))].map((employerId) => ({ employerId })), procedures, SIGNED_AT.slice(0, 10))
  const drafted = draftContractTerms({
    offers: rows.map((row) => ({
      offerId: row.offerId, facilityId: row.facilityId, procedureCode: row.procedureCode, bundleCents: row.bundlePriceCents, includes: inclusionsOf(row), warrantyDays: row.warrantyDays,
      appointmentWithinDays: row.appointmentWithinDays,
    })),
    benchmarkCents: forMembers,
    today: SIGNED_AT.slice(0, 10),
  })
  const terms = ContractTermsSchema.parse({
    ...drafted,
    attribution: { ...drafted.attribution, ...ATTRIBUTION },
    // A handful of member employers with tens of episodes: the minimum is set for that. Goals a
    // small pool can meet (the demo's case history has a few complications), so the period shares
    // savings and the allocation to the members is not $0.
    riskSharing: { ...drafted.riskSharing, minimumEpisodes: 3 },
    qualityGoals: [
      { measure: 'complication_rate_90d', direction: 'lower_is_better', target: 0.2, weight: 0.5 },
      { measure: 'readmission_rate_30d', direction: 'lower_is_better', target: 0.1, weight: 0.5 },
    ],
    reporting: { ...drafted.reporting, reviewDates: ['2025-09-15', '2025-12-15', '2026-03-16', '2026-06-15', '2026-09-15', '2026-12-15', '2027-03-15', '2027-06-15'] },
    recalibrationDate: '2026-07-01',
  })
  const json = JSON.stringify(terms)
  const sha256 = createHash('sha256').update(json, 'utf8').digest('hex')
  const contractId = seedId('contract', 'SUMMIT', 'GLEC')
  const versionId = seedId('contract-version', 'SUMMIT', 'GLEC', 1)
  const title = 'GLEC and Summit joint replacement bundle'
  await db.transaction().execute(async (trx) => {
    await insertContract(trx, {
      id: contractId, purchaserOrganizationId: glec.id, healthSystemOrganizationId: center.organizationId, title, status: 'active', sourceProgramId: null,
      pseudonymSecret: createHash('sha256').update(`demo-pseudonyms-${contractId}`).digest('hex'), firstSentAt: '2025-06-09T14:00:00.000Z', createdAt: '2025-06-09T13:00:00.000Z',
      createdByUserId: admin.userId, updatedAt: SIGNED_AT,
    })
    await insertContractVersion(trx, {
      id: versionId, contractId, version: 1, status: 'signed', terms: json, termsSha256: sha256, baseTerms: JSON.stringify(drafted), roundStartTerms: json, sentTerms: json,
      basedOnVersionId: null, createdByUserId: admin.userId, createdAt: '2025-06-09T13:00:00.000Z', updatedAt: SIGNED_AT, editedByOrganizationId: glec.id,
      sentAt: '2025-06-20T14:00:00.000Z', sentByOrganizationId: glec.id, signedAt: SIGNED_AT,
    })
    for (const [actor, signedAt] of [[admin, '2025-06-23T16:00:00.000Z'], [center, SIGNED_AT]] as const) {
      await insertContractSignature(trx, { id: seedId('contract-signature', contractId, actor.organizationId), versionId, organizationId: actor.organizationId, userId: actor.userId, signedAt, termsSha256: sha256 })
    }
    await insertVersionFacilities(trx, versionId, terms.networkFacilityIds)
    await syncContractPeriods(trx, center, { id: contractId, purchaserOrganizationId: glec.id }, { id: versionId, version: 1 }, terms, SIGNED_AT)
  })
  const contract = await findPartyContract(db, { side: 'purchaser', organizationId: glec.id }, contractId)
  const [listed] = await listContractPeriods(db, contractId)
  const first = await findContractPeriod(db, contractId, listed!.id)
  const closed = await closePeriod(db, admin, 'purchaser', contract!, first!, now)
  if (!closed.ok) throw new Error(`could not close ${title}'s first period: ${closed.formError}`)
  const statement = await db.selectFrom('contractStatements').select(['episodeCount', 'settlementCents', 'outcome']).where('periodId', '=', first!.id).executeTakeFirstOrThrow()
  log(
    `Coalition contract "${title}": ${first!.periodStart} to ${first!.periodEnd} reconciled, ${statement.episodeCount} episodes of GLEC's members, ${statement.outcome}, ` +
      `settlement ${(Number(statement.settlementCents) / 100).toFixed(2)} USD allocated to the members by episodes`,
  )
}
