import { describe, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import * as trustedEligibility from '../../db/migrations/2026-12-04T1900_trusted_eligibility'
import * as procedureNightsAway from '../../db/migrations/2026-12-06T1000_procedure_nights_away'
import * as coalitions from '../../db/migrations/2026-12-08T1000_coalitions'
import { createTwoTenants } from './tenants'
import { createMigrator, isFullyMigrated } from '../../db/migrate'
import { getDatabase } from '~/db/client.server'
import type { Database } from '~/db/schema'

/**
 * Drift test (STYLE §7): the migrated database and app/db/schema.ts must agree. The type of
 * EXPECTED forces every table and every column of the TypeScript interface to be listed here,
 * and the test compares that list with what the database really has.
 */
const EXPECTED: { [T in keyof Database]: Record<keyof Database[T], true> } = {
  organizations: { id: true, kind: true, name: true, code: true, createdAt: true, rosterTerminationLimitPercent: true, publishesReconciledResults: true, tin: true },
  users: { id: true, email: true, passwordHash: true, displayName: true, createdAt: true, lastLoginAt: true, preferredLanguage: true },
  memberships: { id: true, userId: true, organizationId: true, role: true, rosterMemberId: true, createdAt: true, isOrganizationAdmin: true },
  sessions: { id: true, userId: true, createdAt: true, lastSeenAt: true, expiresAt: true },
  brokerClients: { id: true, brokerOrganizationId: true, employerOrganizationId: true, grantedByUserId: true, grantedAt: true, revokedAt: true },
  procedures: { id: true, code: true, name: true, description: true, drgCodes: true, typicalNights: true, nightsSource: true, nightsAway: true, nightsAwaySource: true, incidencePerThousand: true, incidenceSource: true, medicareBaseCents: true, medicareBaseSource: true, defaultInclusions: true, isActive: true, createdAt: true, updatedAt: true },
  facilities: { id: true, ccn: true, name: true, address: true, city: true, state: true, zip: true, county: true, phone: true, latitude: true, longitude: true, coordinateSource: true, facilityType: true, ownership: true, hasEmergencyServices: true, starRating: true, healthSystemId: true, createdAt: true, updatedAt: true, nameKey: true, cityKey: true, inactiveSince: true },
  qualityMeasures: { id: true, facilityId: true, measureCode: true, value: true, comparison: true, denominator: true, periodStart: true, periodEnd: true, source: true, footnote: true, updatedAt: true },
  qualityMeasureHistory: { id: true, facilityId: true, measureCode: true, value: true, comparison: true, periodStart: true, periodEnd: true, source: true, change: true, replacedAt: true, cmsImportId: true },
  cmsImports: {
    id: true, importedAt: true, actorUserId: true, actorLabel: true, folder: true, outcome: true, files: true, missing: true, facilitiesAdded: true, facilitiesChanged: true,
    facilitiesInactivated: true, facilitiesReactivated: true, measuresAdded: true, measuresChanged: true, measuresCleared: true, message: true,
  },
  priceFactors: { id: true, key: true, value: true, unit: true, source: true, updatedAt: true, updatedByUserId: true },
  marketPrices: { id: true, procedureId: true, scope: true, scopeKey: true, facilityId: true, state: true, priceCents: true, medicareBaseCents: true, costIndex: true, commercialMultiplier: true, source: true, computedAt: true },
  offers: { id: true, facilityId: true, procedureId: true, priceCents: true, includesFacility: true, includesSurgeon: true, includesAnesthesia: true, includesImplant: true, includesFollowUp: true, warrantyDays: true, followUpVisits: true, annualVolume: true, accreditation: true, appointmentWithinDays: true, validFrom: true, validTo: true, status: true, isDemo: true, tin: true, npi: true, createdAt: true, updatedAt: true },
  healthPlans: { id: true, employerId: true, name: true, planType: true, isHsaQualified: true, deductibleIndividualCents: true, deductibleFamilyCents: true, coinsuranceRate: true, oopMaxIndividualCents: true, oopMaxFamilyCents: true, createdAt: true, updatedAt: true },
  programs: { id: true, employerId: true, name: true, createdAt: true, createdByUserId: true },
  programVersions: { id: true, programId: true, version: true, status: true, effectiveFrom: true, effectiveTo: true, createdAt: true, createdByUserId: true, publishedAt: true, publishedByUserId: true },
  programProcedures: { programVersionId: true, procedureId: true },
  programNetwork: { programVersionId: true, offerId: true, bundlePriceCents: true },
  programBenefitRules: { programVersionId: true, deductibleWaived: true, coinsuranceWaived: true, coeCopayCents: true, completionIncentiveCents: true, outsideRule: true, outsideCoinsuranceRate: true },
  programTravelRules: { programVersionId: true, minDistanceMiles: true, companionCovered: true, flyThresholdMiles: true, mileageRateCents: true, airfareAllowanceCents: true, lodgingNights: true, lodgingNightlyCapCents: true, mealsPerDiemCents: true, travelCapCents: true },
  rosterMembers: { id: true, employerId: true, employeeId: true, firstName: true, lastName: true, dateOfBirth: true, zip: true, healthPlanId: true, coverageTier: true, coverageStart: true, coverageEnd: true, dependentsCount: true, deductibleMetCents: true, oopPaidCents: true, createdAt: true, updatedAt: true, employeeIdKey: true, employeeIdLoose: true, firstNameKey: true, lastNameKey: true },
  cases: { id: true, employerId: true, rosterMemberId: true, programVersionId: true, procedureId: true, offerId: true, facilityId: true, status: true, statusReason: true, preferredStart: true, preferredEnd: true, scheduledDate: true, procedureDate: true, hasCompanion: true, contactPreference: true, contactPhone: true, memberNote: true, bundlePriceCents: true, memberCostCents: true, travelEstimateCents: true, travelActualCents: true, hadComplication: true, wasReadmitted: true, satisfaction: true, requestedAt: true, completedAt: true, updatedAt: true, firstConsultDate: true, thirtyDayOutcomesAt: true, ninetyDayOutcomesAt: true, hasPatientReportedOutcomes: true, assigneeUserId: true, contactEmail: true, statusChangedAt: true },
  caseEvents: { id: true, caseId: true, actorUserId: true, fromStatus: true, toStatus: true, note: true, createdAt: true },
  billingProfiles: { employerId: true, stripeCustomerId: true, paymentMethodBrand: true, paymentMethodLast4: true, updatedAt: true },
  invoices: { id: true, employerId: true, caseId: true, number: true, status: true, totalCents: true, currency: true, stripeInvoiceId: true, hostedInvoiceUrl: true, createdAt: true, finalizedAt: true, paidAt: true, updatedAt: true },
  invoiceLines: { id: true, invoiceId: true, kind: true, description: true, amountCents: true, stripeInvoiceItemId: true },
  payments: { id: true, invoiceId: true, amountCents: true, method: true, stripeEventId: true, reference: true, receivedAt: true, recordedByUserId: true },
  stripeEvents: { id: true, type: true, stripeCreated: true, receivedAt: true, processedAt: true },
  auditLog: { id: true, occurredAt: true, actorUserId: true, actorOrganizationId: true, actorLabel: true, action: true, subjectType: true, subjectId: true, employerId: true, ip: true, detail: true },
  searchEvents: { id: true, occurredAt: true, userId: true, employerId: true, procedureId: true, zip3: true, radiusMiles: true, resultCount: true },
  scenarios: { id: true, employerId: true, brokerOrganizationId: true, name: true, document: true, createdAt: true, updatedAt: true, createdByUserId: true },
  proposals: { id: true, employerId: true, brokerOrganizationId: true, title: true, recommendedScenarioId: true, recommendedDocument: true, snapshot: true, createdAt: true, createdByUserId: true, sharedAt: true, adoptedAt: true, adoptedProgramId: true },
  imports: { id: true, organizationId: true, kind: true, fileName: true, fileSha256: true, fileBytes: true, storedPath: true, status: true, fullFile: true, allOrNothing: true, reviewFirst: true, confirmTerminations: true, createdByUserId: true, createdByLabel: true, createdAt: true, startedAt: true, checkedAt: true, finishedAt: true, appliedByUserId: true, rowsDone: true, rowsEstimate: true, appliedThrough: true, counts: true, report: true, acknowledgment: true, message: true, baseImportId: true, workerHeartbeatAt: true },
  rosterImportChanges: { importId: true, seq: true, kind: true, employeeId: true, rosterMemberId: true, sourceLine: true, fields: true, previous: true, next: true, hasOpenCase: true },
  planGroupCodes: { id: true, employerId: true, code: true, codeKey: true, healthPlanId: true, createdAt: true },
  emailOutbox: { id: true, caseId: true, toAddress: true, subject: true, body: true, createdAt: true, sentAt: true, attempts: true, lastError: true },
  jobs: {
    id: true, kind: true, payload: true, status: true, attempts: true, maxAttempts: true, runAfter: true, lockedBy: true, lockedUntil: true, progress: true, lastError: true,
    dedupeKey: true, createdAt: true, startedAt: true, finishedAt: true,
  },
  generatedFiles: { id: true, jobId: true, ownerKey: true, fileName: true, contentType: true, sizeBytes: true, content: true, createdAt: true, expiresAt: true },
  contracts: {
    id: true, purchaserOrganizationId: true, healthSystemOrganizationId: true, title: true, status: true, sourceProgramId: true, pseudonymSecret: true, firstSentAt: true,
    createdAt: true, createdByUserId: true, updatedAt: true,
  },
  contractVersions: {
    id: true, contractId: true, version: true, status: true, terms: true, termsSha256: true, baseTerms: true, roundStartTerms: true, sentTerms: true, basedOnVersionId: true,
    createdByUserId: true, createdAt: true, updatedAt: true, editedByOrganizationId: true, sentAt: true, sentByOrganizationId: true, signedAt: true,
  },
  contractSignatures: { id: true, versionId: true, organizationId: true, userId: true, signedAt: true, termsSha256: true },
  contractVersionFacilities: { versionId: true, facilityId: true },
  caseWarrantyEvents: {
    id: true, caseId: true, contractId: true, contractVersionId: true, kind: true, occurredOn: true, place: true, providerName: true, description: true, costCents: true,
    creditedCents: true, recordedByUserId: true, recordedAt: true,
  },
  contractCredits: { id: true, contractId: true, caseId: true, warrantyEventId: true, purchaserOrganizationId: true, healthSystemOrganizationId: true, amountCents: true, description: true, stripeCreditNoteId: true, createdAt: true },
  contractPeriods: { id: true, contractId: true, versionId: true, sequence: true, periodStart: true, periodEnd: true, closesOn: true, status: true, carriedIntoPeriodId: true, episodes: true, closedAt: true, closedByUserId: true },
  contractStatements: {
    id: true, periodId: true, contractId: true, versionId: true, statement: true, inputsSha256: true, episodeCount: true, totalBenchmarkCents: true, grossSavingsCents: true,
    settlementCents: true, outcome: true, supersededByStatementId: true, settledVia: true, settlementReference: true, settledAt: true, createdAt: true, createdByUserId: true,
  },
  caseResponsePromises: { status: true, workingDays: true, updatedAt: true, updatedByUserId: true },
  platformHolidays: { date: true, name: true, createdAt: true },
  caseMessages: { id: true, caseId: true, authorUserId: true, authorSide: true, body: true, createdAt: true },
  caseMessageReads: { caseId: true, userId: true, lastReadAt: true },
  caseDocuments: { id: true, caseId: true, kind: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, content: true, uploadedByUserId: true, uploadedAt: true },
  surgeryDateProposals: { id: true, caseId: true, proposedDate: true, note: true, status: true, proposedByUserId: true, proposedAt: true, decidedByUserId: true, decidedAt: true, decisionNote: true },
  caseTasks: { id: true, caseId: true, activity: true, doneAt: true, doneByUserId: true },
  rateLimits: { key: true, points: true, expire: true },
  cacheStamps: { name: true, stamp: true },
  invitations: {
    id: true, organizationId: true, email: true, role: true, isOrganizationAdmin: true, tokenSha256: true, invitedByUserId: true, createdAt: true, expiresAt: true,
    acceptedAt: true, acceptedUserId: true, revokedAt: true,
  },
  coalitionMemberships: {
    id: true, coalitionOrganizationId: true, employerOrganizationId: true, status: true, invitedAt: true, invitedByUserId: true, joinedOn: true, leftOn: true,
    respondedByUserId: true, respondedAt: true, endedByUserId: true, createdAt: true,
  },
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

describe('migrations', () => {
  it('are all applied by the test setup', async () => {
    const { db, dialect } = getDatabase()
    expect(await isFullyMigrated(db, dialect)).toBe(true)
    const pending = (await (await createMigrator(db, dialect)).getMigrations()).filter((m) => !m.executedAt)
    expect(pending).toEqual([])
  })

  it('create exactly the tables and columns that schema.ts declares', async () => {
    const { db } = getDatabase()
    const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely_'))
    const actual = Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name).sort()]))
    const expected = Object.fromEntries(
      Object.entries(EXPECTED).map(([table, columns]) => [snake(table), Object.keys(columns).map(snake).sort()]),
    )
    expect(actual).toEqual(expected)
  })

  it('running them again changes nothing', async () => {
    const { db, dialect } = getDatabase()
    const result = await (await createMigrator(db, dialect)).migrateToLatest()
    expect(result.error).toBeUndefined()
    expect(result.results).toEqual([])
  })

  // Issue 23: widening the kind and role CHECKs rebuilds organizations and memberships on SQLite; every row and reference must survive.
  // (Before the tests that add tenants: down refuses while a coalition exists, as it should.)
  it('the coalitions migration keeps every organization and membership and widens the kind and role lists', async () => {
    const { db, dialect } = getDatabase()
    const raw = db as unknown as Kysely<any>
    const now = new Date().toISOString()
    await raw.insertInto('organizations').values({ id: 'mig-emp', kind: 'employer', name: 'Migration Co', code: 'MIGCO', created_at: now }).execute()
    await raw.insertInto('users').values({ id: 'mig-user', email: 'mig@example.test', password_hash: 'x', display_name: 'Mig', created_at: now }).execute()
    await raw.insertInto('memberships').values({ id: 'mig-m', user_id: 'mig-user', organization_id: 'mig-emp', role: 'employer_admin', created_at: now, is_organization_admin: 1 }).execute()
    const snapshot = async () => ({
      organizations: await raw.selectFrom('organizations').selectAll().orderBy('id').execute(),
      memberships: await raw.selectFrom('memberships').selectAll().orderBy('id').execute(),
    })
    const before = await snapshot()
    await coalitions.down(raw, dialect)
    await expect(raw.insertInto('organizations').values({ id: 'mig-c0', kind: 'coalition', name: 'C', code: 'MIGC0', created_at: now }).execute()).rejects.toThrow()
    await coalitions.up(raw, dialect)
    expect(await snapshot()).toEqual(before)
    await raw.insertInto('organizations').values({ id: 'mig-c', kind: 'coalition', name: 'Coalition', code: 'MIGC', created_at: now }).execute()
    await raw.updateTable('memberships').set({ role: 'coalition_admin', organization_id: 'mig-c' }).where('id', '=', 'mig-m').execute()
    await expect(raw.insertInto('organizations').values({ id: 'mig-x', kind: 'guild', name: 'X', code: 'MIGX', created_at: now }).execute()).rejects.toThrow()
    await expect(raw.updateTable('memberships').set({ role: 'owner' }).where('id', '=', 'mig-m').execute()).rejects.toThrow()
    // Foreign keys still hold after the rebuild: a membership of an organization that does not exist is refused.
    await expect(raw.updateTable('memberships').set({ organization_id: 'nope' }).where('id', '=', 'mig-m').execute()).rejects.toThrow()
    // One open membership per pair; a closed one does not count; left_on before joined_on is refused.
    const row = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
      id, coalition_organization_id: 'mig-c', employer_organization_id: 'mig-emp', status, invited_at: now, created_at: now, ...extra,
    })
    await raw.insertInto('coalition_memberships').values(row('cm1', 'invited')).execute()
    await expect(raw.insertInto('coalition_memberships').values(row('cm2', 'active', { joined_on: '2026-01-01' })).execute()).rejects.toThrow()
    await raw.insertInto('coalition_memberships').values(row('cm3', 'ended', { joined_on: '2026-01-01', left_on: '2026-02-01' })).execute()
    await expect(raw.insertInto('coalition_memberships').values(row('cm4', 'ended', { joined_on: '2026-03-01', left_on: '2026-02-01' })).execute()).rejects.toThrow()
    await raw.deleteFrom('coalition_memberships').execute()
    await raw.deleteFrom('memberships').where('id', '=', 'mig-m').execute()
    await raw.deleteFrom('users').where('id', '=', 'mig-user').execute()
    await raw.deleteFrom('organizations').where('id', 'in', ['mig-emp', 'mig-c']).execute()
  })

  // Found in issue 18: through the app's connection (CamelCasePlugin) the backfill read employee_id as undefined, so on a database with members it failed.
  it("issue 17's match-key migration fills the keys of members who were there before it", async () => {
    const { db, dialect } = getDatabase()
    await createTwoTenants(db)
    const keys = () => db.selectFrom('rosterMembers').select(['id', 'employeeIdKey', 'employeeIdLoose', 'firstNameKey', 'lastNameKey']).orderBy('id').execute()
    const before = await keys()
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((row) => row.employeeIdKey && row.firstNameKey && row.lastNameKey)).toBe(true)
    await trustedEligibility.down(db)
    await trustedEligibility.up(db, dialect)
    expect(await keys()).toEqual(before)
  })

  // Issue 20, item 4: the catalog's nights away, by procedure code; others get their hospital nights + 1, marked.
  it('the nights-away migration fills each catalog procedure by its code, and marks the others', async () => {
    const { db } = getDatabase()
    const raw = db as unknown as Kysely<any>
    await procedureNightsAway.down(raw)
    const now = new Date().toISOString()
    const procedure = (code: string, typicalNights: number) => ({
      id: `nights-${code}`, code, name: code, description: code, drgCodes: '[]', typicalNights, nightsSource: 'test', incidencePerThousand: 1, incidenceSource: 'test',
      medicareBaseCents: null, medicareBaseSource: null, defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    await raw.insertInto('procedures').values([procedure('TKA', 1), procedure('THA', 1), procedure('SPINE_FUSION', 3), procedure('BARIATRIC_SLEEVE', 1), procedure('CABG', 6), procedure('CANCER_2ND_OPINION', 0), procedure('OWN_PROCEDURE', 2)]).execute()
    await procedureNightsAway.up(raw)
    const rows = await db.selectFrom('procedures').select(['code', 'nightsAway', 'nightsAwaySource']).where('id', 'like', 'nights-%').orderBy('code').execute()
    expect(rows.map((r) => [r.code, r.nightsAway])).toEqual([
      ['BARIATRIC_SLEEVE', 4], ['CABG', 11], ['CANCER_2ND_OPINION', 2], ['OWN_PROCEDURE', 3], ['SPINE_FUSION', 7], ['THA', 5], ['TKA', 5],
    ])
    expect(rows.find((r) => r.code === 'TKA')!.nightsAwaySource).toMatch(/^5 nights: 1 before surgery for the pre-operative visit, 1 in hospital, 3 nearby/)
    expect(rows.find((r) => r.code === 'OWN_PROCEDURE')!.nightsAwaySource).toMatch(/hospital nights plus 1 pre-operative night.*Set the real figure/)
    // Every source fits the catalog form's 300 characters, so the admin can save the procedure unchanged.
    expect(rows.every((r) => r.nightsAwaySource.length >= 3 && r.nightsAwaySource.length <= 300)).toBe(true)
  })
})
