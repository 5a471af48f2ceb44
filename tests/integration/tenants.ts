import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { hashPassword } from '~/auth/password.server'
import { newId } from '~/db/ids'
import { rosterKeys } from '~/domain/roster/names'
import type { CaseStatus, Database, Role } from '~/db/schema'
import { createContractDraft, sendContractVersion } from '~/services/contracts.server'
import { startNewVersion } from '~/services/programs.server'
import { createProposal, createScenario, shareProposal } from '~/services/scenarios.server'
import { facilitySearchKeys } from '~/domain/search/facility-text'
import { closeFirstPeriod, periodFromQuarterStart, signAndCloseFirstPeriod, signContract } from './contract-fixtures'
import { actorOf } from './support'

export const TEST_PASSWORD = 'correct horse battery staple'

export interface TenantIds {
  employerId: string
  planId: string
  programId: string
  versionId: string
  rosterMemberId: string
}
export interface TwoTenants {
  a: TenantIds
  b: TenantIds
  users: Record<'adminA' | 'adminB' | 'employeeA' | 'broker' | 'coordinator' | 'center' | 'platform' | 'coalition', string>
  /** A coalition (issue 23) with employer A an active member since 2026-01-01 and B not a member. */
  coalitionId: string
  /** A's membership row in the coalition. */
  coalitionMembershipId: string
}

/**
 * Two employers (A, B) with a plan, a one-member roster and a published program each; a broker
 * firm granted by A only; a health system with one facility and offer; the platform; a coalition
 * with A as its active member (B is not); and one user per role. Minimal rows so access tests read clearly.
 */
export async function createTwoTenants(db: Kysely<Database>): Promise<TwoTenants> {
  const now = new Date().toISOString()
  const tag = newId().slice(-8) // the random end of a UUIDv7 (its start is the time)
  const passwordHash = await hashPassword(TEST_PASSWORD)
  const org = async (kind: 'employer' | 'broker' | 'health_system' | 'platform' | 'coalition', name: string) => {
    const id = newId()
    await db.insertInto('organizations').values({ id, kind, name, code: `${name.replace(/\W/g, '').toUpperCase()}-${tag.toUpperCase()}`, createdAt: now }).execute()
    return id
  }
  const user = async (role: Role, organizationId: string, rosterMemberId: string | null = null) => {
    const id = newId()
    await db.insertInto('users').values({ id, email: `${role}-${id}@example.com`, passwordHash, displayName: `${role} user`, createdAt: now, lastLoginAt: null }).execute()
    await db.insertInto('memberships').values({ id: newId(), userId: id, organizationId, role, rosterMemberId, createdAt: now, isOrganizationAdmin: role === 'employee' ? 0 : 1 }).execute()
    return id
  }

  const healthSystemId = await org('health_system', 'Test Health')
  const procedureId = newId()
  await db
    .insertInto('procedures')
    .values({
      id: procedureId, code: `TKA-${tag}`, name: 'Total knee replacement', description: 'Knee', drgCodes: '["470"]', typicalNights: 1,
      nightsSource: 'test', nightsAway: 5, nightsAwaySource: 'test', incidencePerThousand: 1.6, incidenceSource: 'test', medicareBaseCents: 2_253_000, medicareBaseSource: 'test',
      defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  const facilityId = newId()
  await db
    .insertInto('facilities')
    .values({
      id: facilityId, ccn: null, name: 'Test Medical Center', address: '1 Main St', city: 'Columbus', state: 'OH', zip: '43215', county: null,
      ...facilitySearchKeys({ name: 'Test Medical Center', city: 'Columbus' }),
      phone: null, latitude: 39.96, longitude: -83.0, coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null,
      hasEmergencyServices: 1, starRating: 4, healthSystemId, createdAt: now, updatedAt: now,
    })
    .execute()
  const offerId = newId()
  await db
    .insertInto('offers')
    .values({
      id: offerId, facilityId, procedureId, priceCents: 2_800_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1,
      includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 400, accreditation: null, appointmentWithinDays: 14,
      validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: now, updatedAt: now,
    })
    .execute()

  const tenant = async (label: 'A' | 'B', firstName: string): Promise<TenantIds> => {
    const employerId = await org('employer', `Employer ${label}`)
    const planId = newId()
    await db
      .insertInto('healthPlans')
      .values({
        id: planId, employerId, name: `${label} PPO`, planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000,
        deductibleFamilyCents: 300_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: now, updatedAt: now,
      })
      .execute()
    const rosterMemberId = newId()
    await db
      .insertInto('rosterMembers')
      .values({
        id: rosterMemberId, employerId, employeeId: `${label}0001`, firstName, lastName: 'Tester', ...rosterKeys({ employeeId: `${label}0001`, firstName, lastName: 'Tester' }), dateOfBirth: '1980-05-01', zip: '43215',
        healthPlanId: planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0,
        deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
      })
      .execute()
    const programId = newId()
    const versionId = newId()
    await db.insertInto('programs').values({ id: programId, employerId, name: `${label} Joint Program`, createdAt: now, createdByUserId: null }).execute()
    await db
      .insertInto('programVersions')
      .values({
        id: versionId, programId, version: 1, status: 'published', effectiveFrom: '2026-01-01', effectiveTo: null, createdAt: now,
        createdByUserId: null, publishedAt: now, publishedByUserId: null,
      })
      .execute()
    await db.insertInto('programProcedures').values({ programVersionId: versionId, procedureId }).execute()
    await db.insertInto('programNetwork').values({ programVersionId: versionId, offerId, bundlePriceCents: 2_800_000 }).execute()
    await db
      .insertInto('programBenefitRules')
      .values({ programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null })
      .execute()
    await db
      .insertInto('programTravelRules')
      .values({
        programVersionId: versionId, minDistanceMiles: 50, companionCovered: 1, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000,
        lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000,
      })
      .execute()
    return { employerId, planId, programId, versionId, rosterMemberId }
  }

  const a = await tenant('A', 'Ada')
  const b = await tenant('B', 'Bea')
  const brokerId = await org('broker', 'Test Brokers')
  await db
    .insertInto('brokerClients')
    .values({ id: newId(), brokerOrganizationId: brokerId, employerOrganizationId: a.employerId, grantedByUserId: null, grantedAt: now, revokedAt: null })
    .execute()
  const platformId = await org('platform', 'Test Platform')
  const coalitionId = await org('coalition', 'Test Coalition')
  const coalitionMembershipId = newId()
  await db
    .insertInto('coalitionMemberships')
    .values({
      id: coalitionMembershipId, coalitionOrganizationId: coalitionId, employerOrganizationId: a.employerId, status: 'active', invitedAt: now, invitedByUserId: null,
      joinedOn: '2026-01-01', leftOn: null, respondedByUserId: null, respondedAt: now, endedByUserId: null, createdAt: now,
    })
    .execute()

  return {
    a,
    b,
    coalitionId,
    coalitionMembershipId,
    users: {
      adminA: await user('employer_admin', a.employerId),
      adminB: await user('employer_admin', b.employerId),
      employeeA: await user('employee', a.employerId, a.rosterMemberId),
      broker: await user('broker', brokerId),
      coordinator: await user('care_coordinator', platformId),
      center: await user('center_admin', healthSystemId),
      platform: await user('platform_admin', platformId),
      coalition: await user('coalition_admin', coalitionId),
    },
  }
}

/** The ids the URL of a route takes, for one side of the access matrix (tests/integration/access-matrix.ts). */
export interface SideIds {
  employerId: string
  planId: string
  programId: string
  proposalId: string
  scenarioId: string
  /** A second scenario, for the compare page's `?s=…&s=…`. */
  otherScenarioId: string
  caseId: string
  offerId: string
  /** An applied 834 import of the employer (with its 999) and a member of its roster. */
  importId: string
  memberId: string
  /** A contract of the employer with a health system, sent (so both sides see it); own: signed by both, its period from this quarter (extracts exist). */
  contractId: string
  /** The contract's first reconciliation period: closed and reconciled ($0: no episodes). */
  periodId: string
  /** A health system: own, the center user's (Test Health); foreign: Other Health. */
  healthSystemId: string
  /** A document (plain text) on the side's case (issue 22). */
  documentId: string
}

export interface AccessFixtures {
  /** The actor's own data: employer A, the broker's own scenarios and proposal for A, Ada's case, the health system's offer (in A's network). */
  own: SideIds
  /** Another organization's: employer B, another firm's scenarios and proposal for B, B's member's case, another health system's offer (in B's network only). */
  foreign: SideIds
  /** Own organization in the URL, someone else's object in it: another firm's scenario and proposal for A, another A member's case. */
  crossed: SideIds
  brokerOrganizationId: string
  otherBrokerOrganizationId: string
  otherHealthSystemId: string
  /** The health system of the center user (Test Health), whose offer is in A's network. */
  healthSystemId: string
  procedureId: string
  facilityId: string
  /** Employer A's active membership of the test coalition (issue 23). */
  coalitionMembershipId: string
}

/**
 * Adds, on top of `createTwoTenants`, what the access matrix needs an id of: a draft version 2 of
 * both programs (the network page edits a draft), a second firm (Other Brokers) granted by A and B,
 * scenarios and shared proposals of both firms (made through the services, as a broker would), a
 * second health system whose offer is in B's network only, a second member of A, and one open case
 * each for Ada, that second member and Bea. Kept apart so the other tests' counts stay as they are.
 */
export async function createAccessFixtures(db: Kysely<Database>, t: TwoTenants): Promise<AccessFixtures> {
  const now = new Date().toISOString()
  const tag = newId().slice(-8)
  const membership = (userId: string) => db.selectFrom('memberships').select('organizationId').where('userId', '=', userId).executeTakeFirstOrThrow()
  const brokerOrganizationId = (await membership(t.users.broker)).organizationId
  const offer = await firstNetworkOffer(db, t.a.versionId)

  // Another health system with one facility whose offer is in B's published network only.
  const otherHealthSystemId = newId()
  await db.insertInto('organizations').values({ id: otherHealthSystemId, kind: 'health_system', name: 'Other Health', code: `OTHERHEALTH-${tag.toUpperCase()}`, createdAt: now }).execute()
  const otherFacilityId = newId()
  await db
    .insertInto('facilities')
    .values({
      id: otherFacilityId, ccn: null, name: 'Other Medical Center', address: '2 Main St', city: 'Columbus', state: 'OH', zip: '43215', county: null,
      ...facilitySearchKeys({ name: 'Other Medical Center', city: 'Columbus' }),
      phone: null, latitude: 39.96, longitude: -83.0, coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null,
      hasEmergencyServices: 1, starRating: 3, healthSystemId: otherHealthSystemId, createdAt: now, updatedAt: now,
    })
    .execute()
  const otherOfferId = newId()
  await db
    .insertInto('offers')
    .values({
      id: otherOfferId, facilityId: otherFacilityId, procedureId: offer.procedureId, priceCents: 2_900_000, includesFacility: 1, includesSurgeon: 1,
      includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: 300, accreditation: null,
      appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: null, status: 'active', createdAt: now, updatedAt: now,
    })
    .execute()
  await db.insertInto('programNetwork').values({ programVersionId: t.b.versionId, offerId: otherOfferId, bundlePriceCents: 2_900_000 }).execute()

  // A second member of A, and one open case each for Ada, that member and Bea.
  const secondMemberId = newId()
  await db
    .insertInto('rosterMembers')
    .values({
      id: secondMemberId, employerId: t.a.employerId, employeeId: 'A0002', firstName: 'Cy', lastName: 'Tester', ...rosterKeys({ employeeId: 'A0002', firstName: 'Cy', lastName: 'Tester' }), dateOfBirth: '1975-02-03', zip: '43215',
      healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0,
      deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
    })
    .execute()
  const openCase = async (employerId: string, rosterMemberId: string, programVersionId: string, c: { id: string; facilityId: string }) => {
    const id = newId()
    await db
      .insertInto('cases')
      .values({
        id, employerId, rosterMemberId, programVersionId, procedureId: offer.procedureId, offerId: c.id, facilityId: c.facilityId, status: 'requested',
        statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: null, hasCompanion: 0, contactPreference: 'email',
        memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, hadComplication: null,
        wasReadmitted: null, satisfaction: null, requestedAt: now, completedAt: null, updatedAt: now, statusChangedAt: now,
      })
      .execute()
    await db.insertInto('caseEvents').values({ id: newId(), caseId: id, actorUserId: null, fromStatus: null, toStatus: 'requested', note: null, createdAt: now }).execute()
    return id
  }
  const ownCaseId = await openCase(t.a.employerId, t.a.rosterMemberId, t.a.versionId, offer)
  const crossedCaseId = await openCase(t.a.employerId, secondMemberId, t.a.versionId, offer)
  const foreignCaseId = await openCase(t.b.employerId, t.b.rosterMemberId, t.b.versionId, { id: otherOfferId, facilityId: otherFacilityId })
  const documentOf = async (caseId: string) => {
    const id = newId()
    const content = Buffer.from('Flight UA 123 on Tuesday\n')
    await db.insertInto('caseDocuments').values({
      id, caseId, kind: 'travel_itinerary', fileName: 'itinerary.txt', contentType: 'text/plain; charset=utf-8', sizeBytes: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'), content, uploadedByUserId: null, uploadedAt: now,
    }).execute()
    return id
  }
  const [ownDocumentId, crossedDocumentId, foreignDocumentId] = [await documentOf(ownCaseId), await documentOf(crossedCaseId), await documentOf(foreignCaseId)]

  // Another broker firm, granted by both employers, with a user.
  const otherBrokerOrganizationId = newId()
  await db.insertInto('organizations').values({ id: otherBrokerOrganizationId, kind: 'broker', name: 'Other Brokers', code: `OTHERBROKERS-${tag.toUpperCase()}`, createdAt: now }).execute()
  for (const employerOrganizationId of [t.a.employerId, t.b.employerId]) {
    await db
      .insertInto('brokerClients')
      .values({ id: newId(), brokerOrganizationId: otherBrokerOrganizationId, employerOrganizationId, grantedByUserId: null, grantedAt: now, revokedAt: null })
      .execute()
  }
  const otherBrokerUserId = newId()
  await db.insertInto('users').values({ id: otherBrokerUserId, email: `other-broker-${otherBrokerUserId}@example.com`, passwordHash: 'unused', displayName: 'Other broker', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherBrokerUserId, organizationId: otherBrokerOrganizationId, role: 'broker', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()

  // Two scenarios and a shared proposal of a firm for a client, through the services.
  const brokerWork = async (brokerUserId: string, employerId: string, label: string) => {
    const actor = await actorOf(brokerUserId)
    const scope = { employerId }
    const ids: string[] = []
    for (const name of [`${label} current`, `${label} richer`]) {
      const made = await createScenario(actor, scope, { name, source: 'program' })
      if (!made.ok) throw new Error(`could not create scenario ${name}`)
      ids.push(made.scenarioId)
    }
    const proposalId = await createProposal(actor, scope, { title: `${label} proposal`, scenarioIds: ids, recommendedId: ids[1]! })
    await shareProposal(actor, scope, proposalId)
    return { scenarioId: ids[0]!, otherScenarioId: ids[1]!, proposalId }
  }
  const ownWork = await brokerWork(t.users.broker, t.a.employerId, 'Own firm for A')
  const crossedWork = await brokerWork(otherBrokerUserId, t.a.employerId, 'Other firm for A')
  const foreignWork = await brokerWork(otherBrokerUserId, t.b.employerId, 'Other firm for B')

  // Drafts (version 2) of both programs (after the scenarios, which start from the published version).
  for (const [user, side] of [[t.users.adminA, t.a], [t.users.adminB, t.b]] as const) {
    const saved = await startNewVersion(await actorOf(user), { employerId: side.employerId }, side.programId)
    if (!saved.ok) throw new Error('could not start a draft version')
  }

  // An applied 834 import per employer, with its 999 and one difference row.
  const importOf = async (side: TenantIds) => {
    const id = newId()
    await db
      .insertInto('imports')
      .values({
        id, organizationId: side.employerId, kind: 'x12_834', fileName: 'enrollment.834', fileSha256: '0'.repeat(64), fileBytes: 100, status: 'applied', fullFile: 0, allOrNothing: 0,
        reviewFirst: 0, confirmTerminations: 0, createdByLabel: 'fixture', createdAt: now, finishedAt: now, acknowledgment: 'ISA*00*~', counts: '{"rowsRead":1,"changed":1}', report: '{"rejected":[{"line":3,"column":"loop 2000, INS03","reason":"x"}],"notes":[],"termination":null}',
      })
      .execute()
    await db
      .insertInto('rosterImportChanges')
      .values({ importId: id, seq: 1, kind: 'changed', employeeId: 'X', rosterMemberId: side.rosterMemberId, sourceLine: 3, fields: 'zip', previous: '{"zip":"43215"}', next: '{"zip":"43220"}', hasOpenCase: 0 })
      .execute()
    return id
  }
  // A contract per employer: A with this health system (signed by both from this quarter, so it has extracts), B with the other one (sent, then signed below).
  const healthSystemId = (await membership(t.users.center)).organizationId
  const contractOf = async (adminId: string, employerId: string, programId: string, systemId: string, isSigned = false) => {
    const actor = await actorOf(adminId)
    const made = await createContractDraft(actor, { employerId }, { programId, healthSystemId: systemId, title: 'Matrix contract' })
    if (!made.ok) throw new Error('could not draft a contract')
    if (isSigned) await signContract(db, made.contractId, { purchaser: adminId, center: t.users.center }, (terms) => ({ ...terms, ...periodFromQuarterStart(now.slice(0, 10)) }))
    else await sendContractVersion(actor, { side: 'purchaser', organizationId: employerId }, made.contractId)
    return made.contractId
  }
  const ownContractId = await contractOf(t.users.adminA, t.a.employerId, t.a.programId, healthSystemId, true)
  const foreignContractId = await contractOf(t.users.adminB, t.b.employerId, t.b.programId, otherHealthSystemId)
  // Both contracts' first period closed (the other health system's admin signs B's first).
  const otherCenterUserId = newId()
  await db.insertInto('users').values({ id: otherCenterUserId, email: `other-center-${otherCenterUserId}@example.com`, passwordHash: 'unused', displayName: 'Other center', createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: otherCenterUserId, organizationId: otherHealthSystemId, role: 'center_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
  const periodOf = async (contractId: string, purchaserUserId: string, employerId: string, centerUserId: string, systemId: string) =>
    signAndCloseFirstPeriod(
      contractId,
      { actor: await actorOf(purchaserUserId), party: { side: 'purchaser', organizationId: employerId } },
      { actor: await actorOf(centerUserId), party: { side: 'center', organizationId: systemId } },
    )
  const ownPeriodId = await closeFirstPeriod(ownContractId, { actor: await actorOf(t.users.adminA), party: { side: 'purchaser', organizationId: t.a.employerId } })
  const foreignPeriodId = await periodOf(foreignContractId, t.users.adminB, t.b.employerId, otherCenterUserId, otherHealthSystemId)

  const own: SideIds = {
    employerId: t.a.employerId, planId: t.a.planId, programId: t.a.programId, ...ownWork, caseId: ownCaseId, offerId: offer.id, importId: await importOf(t.a), memberId: t.a.rosterMemberId, contractId: ownContractId,
    periodId: ownPeriodId, healthSystemId, documentId: ownDocumentId,
  }
  const foreign: SideIds = {
    employerId: t.b.employerId, planId: t.b.planId, programId: t.b.programId, ...foreignWork, caseId: foreignCaseId, offerId: otherOfferId, importId: await importOf(t.b), memberId: t.b.rosterMemberId, contractId: foreignContractId,
    periodId: foreignPeriodId, healthSystemId: otherHealthSystemId, documentId: foreignDocumentId,
  }
  const crossed: SideIds = {
    ...own,
    scenarioId: crossedWork.scenarioId,
    otherScenarioId: ownWork.otherScenarioId, // compare: one of the firm's own scenarios beside another firm's
    proposalId: crossedWork.proposalId,
    caseId: crossedCaseId,
    documentId: crossedDocumentId,
    offerId: otherOfferId,
    periodId: foreignPeriodId, // another contract's period under the own contract
  }
  return {
    own, foreign, crossed, brokerOrganizationId, otherBrokerOrganizationId, otherHealthSystemId, healthSystemId, procedureId: offer.procedureId, facilityId: offer.facilityId,
    coalitionMembershipId: t.coalitionMembershipId,
  }
}

/**
 * A case of tenant A at the first offer of its published network, in `status` since `since`, for a
 * member of its own (one open case per member and procedure) whose employee id is `employeeId`.
 */
export async function addTenantACase(db: Kysely<Database>, t: TwoTenants, c: { status: CaseStatus; since: string; employeeId: string; lastName?: string }) {
  const offer = await firstNetworkOffer(db, t.a.versionId)
  const member = await db.selectFrom('rosterMembers').selectAll().where('id', '=', t.a.rosterMemberId).executeTakeFirstOrThrow()
  const rosterMemberId = newId()
  const lastName = c.lastName ?? member.lastName
  await db
    .insertInto('rosterMembers')
    .values({ ...member, id: rosterMemberId, employeeId: c.employeeId, lastName, ...rosterKeys({ employeeId: c.employeeId, firstName: member.firstName, lastName }) })
    .execute()
  const id = newId()
  const since = c.since
  await db
    .insertInto('cases')
    .values({
      id, employerId: t.a.employerId, rosterMemberId, programVersionId: t.a.versionId, procedureId: offer.procedureId, offerId: offer.id,
      facilityId: offer.facilityId, status: c.status, statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: null, hasCompanion: 0,
      contactPreference: 'email', memberNote: null, bundlePriceCents: 1, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: null, hadComplication: null,
      wasReadmitted: null, satisfaction: null, requestedAt: since, completedAt: null, updatedAt: since, statusChangedAt: since,
    })
    .execute()
  return id
}

/** The first offer in a program version's network (its id, facility and procedure). */
function firstNetworkOffer(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .select(['offers.id', 'offers.facilityId', 'offers.procedureId'])
    .where('programVersionId', '=', versionId)
    .executeTakeFirstOrThrow()
}

/** A knee-replacement procedure (TKA) added to the catalog and to a program version; its id. */
export async function addKneeProcedure(db: Kysely<Database>, versionId: string, now: string): Promise<string> {
  const procedureId = newId()
  await db
    .insertInto('procedures')
    .values({
      id: procedureId, code: 'TKA', name: 'Total knee replacement', description: 'Knee', drgCodes: '["469","470"]', typicalNights: 1, nightsSource: 'test',
      nightsAway: 5, nightsAwaySource: 'test', incidencePerThousand: 1.6, incidenceSource: 'test', medicareBaseCents: null, medicareBaseSource: null,
      defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  await db.insertInto('programProcedures').values({ programVersionId: versionId, procedureId }).execute()
  return procedureId
}
