import type { Kysely } from 'kysely'
import { hashPassword } from '~/auth/password.server'
import { newId } from '~/db/ids'
import type { Database } from '~/db/schema'
import { rosterKeys } from '~/domain/roster/names'
import { TEST_PASSWORD, type TenantIds, type TwoTenants } from './tenants'

/*
 * Coalition report fixtures (issue 23): more member employers, their memberships with dates, and
 * completed episodes in bulk, on top of the two tenants (whose coalition has A as a member since
 * 2026-01-01).
 */

/** Another employer with a plan, a one-member roster and a published program in the tenants' network, and its admin. */
export async function addEmployer(db: Kysely<Database>, t: TwoTenants, name: string): Promise<TenantIds & { adminId: string }> {
  const now = new Date().toISOString()
  const employerId = newId()
  await db.insertInto('organizations').values({ id: employerId, kind: 'employer', name, code: `E-${employerId.slice(-10).toUpperCase()}`, createdAt: now }).execute()
  const planId = newId()
  await db
    .insertInto('healthPlans')
    .values({
      id: planId, employerId, name: `${name} PPO`, planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2,
      oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: now, updatedAt: now,
    })
    .execute()
  const rosterMemberId = newId()
  const employeeId = `L${employerId.slice(-6)}`
  await db
    .insertInto('rosterMembers')
    .values({
      id: rosterMemberId, employerId, employeeId, firstName: 'Lee', lastName: 'Tester', ...rosterKeys({ employeeId, firstName: 'Lee', lastName: 'Tester' }), dateOfBirth: '1980-05-01',
      zip: '43215', healthPlanId: planId, coverageTier: 'employee', coverageStart: '2025-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0,
      createdAt: now, updatedAt: now,
    })
    .execute()
  const programId = newId()
  const versionId = newId()
  await db.insertInto('programs').values({ id: programId, employerId, name: `${name} Joint Program`, createdAt: now, createdByUserId: null }).execute()
  await db
    .insertInto('programVersions')
    .values({ id: versionId, programId, version: 1, status: 'published', effectiveFrom: '2025-01-01', effectiveTo: null, createdAt: now, createdByUserId: null, publishedAt: now, publishedByUserId: null })
    .execute()
  const offer = await networkOffer(db, t.a.versionId)
  await db.insertInto('programProcedures').values({ programVersionId: versionId, procedureId: offer.procedureId }).execute()
  await db.insertInto('programNetwork').values({ programVersionId: versionId, offerId: offer.id, bundlePriceCents: 2_800_000 }).execute()
  await db
    .insertInto('programBenefitRules')
    .values({ programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null })
    .execute()
  const adminId = await addUser(db, 'employer_admin', employerId)
  return { employerId, planId, programId, versionId, rosterMemberId, adminId }
}

/** A coalition (organization of kind coalition) and its admin. */
export async function addCoalition(db: Kysely<Database>, name: string): Promise<{ coalitionId: string; adminId: string }> {
  const coalitionId = newId()
  await db.insertInto('organizations').values({ id: coalitionId, kind: 'coalition', name, code: `C-${coalitionId.slice(-10).toUpperCase()}`, createdAt: new Date().toISOString() }).execute()
  return { coalitionId, adminId: await addUser(db, 'coalition_admin', coalitionId) }
}

async function addUser(db: Kysely<Database>, role: 'employer_admin' | 'coalition_admin', organizationId: string) {
  const now = new Date().toISOString()
  const id = newId()
  await db.insertInto('users').values({ id, email: `${role}-${id}@example.com`, passwordHash: await hashPassword(TEST_PASSWORD), displayName: `${role} user`, createdAt: now, lastLoginAt: null }).execute()
  await db.insertInto('memberships').values({ id: newId(), userId: id, organizationId, role, rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
  return id
}

/** A membership with its dates: active while `leftOn` is null, ended (with its last day) otherwise. */
export async function addMembership(db: Kysely<Database>, coalitionId: string, employerId: string, joinedOn: string, leftOn: string | null = null) {
  const now = new Date().toISOString()
  await db
    .insertInto('coalitionMemberships')
    .values({
      id: newId(), coalitionOrganizationId: coalitionId, employerOrganizationId: employerId, status: leftOn === null ? 'active' : 'ended', invitedAt: now, invitedByUserId: null,
      joinedOn, leftOn, respondedByUserId: null, respondedAt: now, endedByUserId: null, createdAt: now,
    })
    .execute()
}

/** An invitation not answered yet: it makes no one a member. */
export async function addInvitation(db: Kysely<Database>, coalitionId: string, employerId: string) {
  const now = new Date().toISOString()
  await db
    .insertInto('coalitionMemberships')
    .values({
      id: newId(), coalitionOrganizationId: coalitionId, employerOrganizationId: employerId, status: 'invited', invitedAt: now, invitedByUserId: null,
      joinedOn: null, leftOn: null, respondedByUserId: null, respondedAt: null, endedByUserId: null, createdAt: now,
    })
    .execute()
}

/** The first offer in a program version's network (the tenants' one knee-replacement offer). */
export function networkOffer(db: Kysely<Database>, versionId: string) {
  return db
    .selectFrom('programNetwork')
    .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
    .select(['offers.id', 'offers.facilityId', 'offers.procedureId'])
    .where('programVersionId', '=', versionId)
    .orderBy('offers.id')
    .executeTakeFirstOrThrow()
}

/**
 * `count` completed episodes of an employer on one day: a $28,000 bundle, no travel, nothing paid
 * by the member, the program's $500 completion incentive. Outcomes as given (null: no check-in yet).
 */
export async function addEpisodes(
  db: Kysely<Database>,
  tenant: Pick<TenantIds, 'employerId' | 'versionId' | 'rosterMemberId'>,
  count: number,
  completedAt: string,
  outcomes: { hadComplication?: 0 | 1 | null; wasReadmitted?: 0 | 1 | null; satisfaction?: number | null } = {},
) {
  const offer = await networkOffer(db, tenant.versionId)
  const rows = Array.from({ length: count }, () => ({
    id: newId(), employerId: tenant.employerId, rosterMemberId: tenant.rosterMemberId, programVersionId: tenant.versionId, procedureId: offer.procedureId, offerId: offer.id,
    facilityId: offer.facilityId, status: 'completed' as const, statusReason: null, preferredStart: null, preferredEnd: null, scheduledDate: null, procedureDate: completedAt.slice(0, 10),
    hasCompanion: 0 as const, contactPreference: 'email' as const, memberNote: null, bundlePriceCents: 2_800_000, memberCostCents: 0, travelEstimateCents: 0, travelActualCents: 0,
    hadComplication: outcomes.hadComplication ?? null, wasReadmitted: outcomes.wasReadmitted ?? null, satisfaction: outcomes.satisfaction ?? null,
    requestedAt: completedAt, completedAt, updatedAt: completedAt,
  }))
  if (rows.length) await db.insertInto('cases').values(rows).execute()
}

/** Typical local prices of the tenants' procedure: $50,000 in Ohio (every test member's state), $60,000 nationally. */
export async function addTypicalPrices(db: Kysely<Database>, t: TwoTenants) {
  const { procedureId } = await networkOffer(db, t.a.versionId)
  const at = new Date().toISOString()
  await db
    .insertInto('marketPrices')
    .values([
      { id: newId(), procedureId, scope: 'state', scopeKey: 'OH', facilityId: null, state: 'OH', priceCents: 5_000_000, medicareBaseCents: 2_253_000, costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: at },
      { id: newId(), procedureId, scope: 'national', scopeKey: 'US', facilityId: null, state: null, priceCents: 6_000_000, medicareBaseCents: 2_253_000, costIndex: null, commercialMultiplier: 2.54, source: 'test', computedAt: at },
    ])
    .execute()
}
