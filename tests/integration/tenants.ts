import type { Kysely } from 'kysely'
import { hashPassword } from '~/auth/password.server'
import { newId } from '~/db/ids'
import type { Database, Role } from '~/db/schema'

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
  users: Record<'adminA' | 'adminB' | 'employeeA' | 'broker' | 'coordinator' | 'center' | 'platform', string>
}

/**
 * Two employers (A, B) with a plan, a one-member roster and a published program each; a broker
 * firm granted by A only; a health system with one facility and offer; the platform; and one
 * user per role. Minimal rows so access tests read clearly.
 */
export async function createTwoTenants(db: Kysely<Database>): Promise<TwoTenants> {
  const now = new Date().toISOString()
  const tag = newId().slice(-8) // the random end of a UUIDv7 (its start is the time)
  const passwordHash = await hashPassword(TEST_PASSWORD)
  const org = async (kind: 'employer' | 'broker' | 'health_system' | 'platform', name: string) => {
    const id = newId()
    await db.insertInto('organizations').values({ id, kind, name, code: `${name.replace(/\W/g, '').toUpperCase()}-${tag.toUpperCase()}`, createdAt: now }).execute()
    return id
  }
  const user = async (role: Role, organizationId: string, rosterMemberId: string | null = null) => {
    const id = newId()
    await db.insertInto('users').values({ id, email: `${role}-${id}@example.com`, passwordHash, displayName: `${role} user`, createdAt: now, lastLoginAt: null }).execute()
    await db.insertInto('memberships').values({ id: newId(), userId: id, organizationId, role, rosterMemberId, createdAt: now }).execute()
    return id
  }

  const healthSystemId = await org('health_system', 'Test Health')
  const procedureId = newId()
  await db
    .insertInto('procedures')
    .values({
      id: procedureId, code: `TKA-${tag}`, name: 'Total knee replacement', description: 'Knee', drgCodes: '["470"]', typicalNights: 1,
      nightsSource: 'test', incidencePerThousand: 1.6, incidenceSource: 'test', medicareBaseCents: 2_253_000, medicareBaseSource: 'test',
      defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  const facilityId = newId()
  await db
    .insertInto('facilities')
    .values({
      id: facilityId, ccn: null, name: 'Test Medical Center', address: '1 Main St', city: 'Columbus', state: 'OH', zip: '43215', county: null,
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
        id: rosterMemberId, employerId, employeeId: `${label}0001`, firstName, lastName: 'Tester', dateOfBirth: '1980-05-01', zip: '43215',
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

  return {
    a,
    b,
    users: {
      adminA: await user('employer_admin', a.employerId),
      adminB: await user('employer_admin', b.employerId),
      employeeA: await user('employee', a.employerId, a.rosterMemberId),
      broker: await user('broker', brokerId),
      coordinator: await user('care_coordinator', platformId),
      center: await user('center_admin', healthSystemId),
      platform: await user('platform_admin', platformId),
    },
  }
}
