import { hashPassword } from '../../app/auth/password.server'
import { newId } from '../../app/db/ids'
import { rosterKeys } from '../../app/domain/roster/names'
import { journeyDatabase } from './coalition-fixture'
import { DEMO_PASSWORD } from './session'

/*
 * The small employer of issue 23's coalition journey, written straight into the journey server's
 * database (as tests/e2e/coalition-fixture.ts does): an employer that is a member of no coalition
 * and has no program, with one health plan, a few dozen roster rows and its HR admin (who signs in
 * with the demo password), no plan sponsor EIN (the journey enters it). Name, code and login carry
 * a tag of their own, so a repeated run or the other worker never meets another run's employer.
 * It also reads what the journey checks the files against: the demo coalition GLEC's contract in
 * force (db/seed/coalition-contracts.ts), its network facilities' names and its bundle rates.
 */

export const ROSTER_SIZE = 36

export interface SmallEmployer {
  employerId: string
  name: string
  code: string
  adminEmail: string
}

export interface CoalitionContractFacts {
  coalitionName: string
  title: string
  /** The names of the signed version's network facilities, sorted. */
  facilityNames: string[]
  /** Procedure code → bundle rate in cents. */
  bundleCents: Record<string, number>
}

export async function createSmallEmployer(): Promise<SmallEmployer> {
  const { db } = journeyDatabase()
  try {
    const tag = newId().slice(-8).toUpperCase()
    const now = new Date().toISOString()
    const employerId = newId()
    const employer = { employerId, name: `Harbor Pointe Dental (e2e ${tag})`, code: `HPD-${tag}`, adminEmail: `hr-${tag.toLowerCase()}@harborpointe.example` }
    const planId = newId()
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values({ id: employerId, kind: 'employer', name: employer.name, code: employer.code, createdAt: now }).execute()
      await trx
        .insertInto('healthPlans')
        .values({
          id: planId, employerId, name: 'Harbor PPO', planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2,
          oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: now, updatedAt: now,
        })
        .execute()
      const userId = newId()
      await trx.insertInto('users').values({ id: userId, email: employer.adminEmail, passwordHash: await hashPassword(DEMO_PASSWORD), displayName: 'Nia Harbor', createdAt: now, lastLoginAt: null }).execute()
      await trx.insertInto('memberships').values({ id: newId(), userId, organizationId: employerId, role: 'employer_admin', rosterMemberId: null, createdAt: now, isOrganizationAdmin: 1 }).execute()
      const firstNames = ['Ana', 'Ben', 'Cora', 'Dev', 'Elif', 'Femi']
      const lastNames = ['Ortiz', 'Novak', 'Haddad', 'Lindqvist', 'Osei', 'Tanaka']
      await trx
        .insertInto('rosterMembers')
        .values(
          Array.from({ length: ROSTER_SIZE }, (_, i) => {
            const employeeId = `H${String(i + 1).padStart(5, '0')}`
            const firstName = firstNames[i % firstNames.length]!
            const lastName = lastNames[Math.floor(i / firstNames.length) % lastNames.length]!
            return {
              id: newId(), employerId, employeeId, firstName, lastName, ...rosterKeys({ employeeId, firstName, lastName }), dateOfBirth: `${1965 + (i % 35)}-0${1 + (i % 9)}-1${i % 10}`,
              zip: i % 2 === 0 ? '44113' : '48226', healthPlanId: planId, coverageTier: i % 3 === 0 ? ('family' as const) : ('employee' as const), coverageStart: '2026-01-01', coverageEnd: null,
              dependentsCount: i % 3 === 0 ? 2 : 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
            }
          }),
        )
        .execute()
    })
    return employer
  } finally {
    await db.destroy()
  }
}

/**
 * Ends the journey's traces that would change what later journeys on the same server see: the
 * employer's coalition membership rows go (as removeJourneyMembers does); the employer, its admin
 * and its program stay, named by the append-only audit log, and belong to no one else's view.
 */
export async function removeSmallEmployerMemberships(employer: SmallEmployer): Promise<void> {
  const { db } = journeyDatabase()
  try {
    await db.deleteFrom('coalitionMemberships').where('employerOrganizationId', '=', employer.employerId).execute()
  } finally {
    await db.destroy()
  }
}

/** The demo coalition's (code `coalitionCode`) contract in force: its title, network facilities' names and bundle rates. */
export async function coalitionContractFacts(coalitionCode = 'GLEC'): Promise<CoalitionContractFacts> {
  const { db } = journeyDatabase()
  try {
    const coalition = await db.selectFrom('organizations').select(['id', 'name']).where('code', '=', coalitionCode).where('kind', '=', 'coalition').executeTakeFirstOrThrow()
    const contracts = await db.selectFrom('contracts').select(['id', 'title']).where('purchaserOrganizationId', '=', coalition.id).where('status', '=', 'active').execute()
    if (contracts.length !== 1) throw new Error(`Expected one contract in force of ${coalitionCode} in the demo seed, found ${contracts.length}`)
    const contract = contracts[0]!
    const version = await db
      .selectFrom('contractVersions')
      .select(['terms'])
      .where('contractId', '=', contract.id)
      .where('status', '=', 'signed')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow()
    const terms = JSON.parse(version.terms) as { networkFacilityIds: string[]; bundleRates: Array<{ procedureCode: string; bundleCents: number }> }
    const facilities = await db.selectFrom('facilities').select(['name']).where('id', 'in', terms.networkFacilityIds).execute()
    return {
      coalitionName: coalition.name,
      title: contract.title,
      facilityNames: facilities.map((f) => f.name).sort(),
      bundleCents: Object.fromEntries(terms.bundleRates.map((rate) => [rate.procedureCode, rate.bundleCents])),
    }
  } finally {
    await db.destroy()
  }
}
