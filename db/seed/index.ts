import path from 'node:path'
import { faker } from '@faker-js/faker'
import type { Kysely, Transaction } from 'kysely'
import zipcodes from 'zipcodes'
import { hashPassword } from '../../app/auth/password.server'
import type { Database, Role } from '../../app/db/schema'
import { coeMemberCost } from '../../app/domain/benefits/member-cost'
import { caseInvoiceLines, invoiceNumber } from '../../app/domain/billing/case-invoice'
import { usFederalHolidays } from '../../app/domain/cases/response-promise'
import type { CaseState } from '../../app/domain/cases/case-flow'
import { toIsoDate } from '../../app/domain/dates'
import { demoNpi } from '../../app/domain/offers/provider-ids'
import { distanceMiles } from '../../app/domain/geo/distance'
import { rosterKeys } from '../../app/domain/roster/names'
import { estimateTravel } from '../../app/domain/travel/travel-estimate'
import { importCmsFolder } from '../../app/services/cms-import.server'
import { seedCoalitionContract } from './coalition-contracts'
import { seedDemoContracts, type DemoContract } from './contracts'
import { INCIDENCE_SOURCE, NIGHTS_SOURCE, OFFER_PRICE_RANGE, PRICE_FACTORS, PROCEDURES, type ProcedureCode } from './catalog'
import { COALITION, DEMO_HOSPITAL_RADIUS_MILES, EMPLOYERS, HEALTH_SYSTEMS, SMALL_EMPLOYER } from './metros'
import { createRandom, seedId, type Random } from './random'

/*
 * The demo data set (issue 19, DESIGN §7). The hospitals and their quality facts are real: the
 * compact CMS extract committed in db/data/cms, loaded by the CMS importer as `npm run import:cms`
 * loads a release. Everything no public file has is made up here and says so: the employers,
 * people, plans, programs, cases, the health systems (named "(demo)") and their bundled offers
 * (offers.is_demo = 1, shown as "Demo offer"), always at real acute-care hospitals.
 */

/** The password of every demo login (printed by the seed and by `npm run demo`). */
export const DEMO_PASSWORD = 'demo-password-2026'
/** The committed compact CMS extract the demo's hospitals come from (db/data/cms/SOURCES.md). */
export const CMS_EXTRACT_DIR = path.resolve(import.meta.dirname, '../data/cms')
/** The seed's "now": the demo's year of history ends here. Fixed, so every run makes the same data. */
export const DEMO_NOW = '2026-12-01T09:00:00.000Z'
/** When the demo organizations, plans and programs were set up (before the plan year). */
const SETUP = '2025-11-03T09:00:00.000Z'
const PLAN_YEAR_START = '2026-01-01'
const SEED = 20261122
const BATCH = 400
const DAY_MS = 86_400_000

/** The fixed demo logins, one per role (the seed also gives accounts to the members who searched or asked for care). */
const DEMO_LOGIN_EMAILS = [
  ...EMPLOYERS.map((e) => e.adminEmail),
  'member@acme.example',
  'broker@harbor.example',
  'coordinator@coe-platform.example',
  'contracts@summit.example',
  'contracts@lakeshore.example',
  'contracts@desertvalley.example',
  'admin@coe-platform.example',
  COALITION.adminEmail,
  SMALL_EMPLOYER.adminEmail,
]

/** One signed contract per demo health system (db/seed/contracts.ts), with its employer and the two admins who signed it. */
const DEMO_CONTRACTS: readonly DemoContract[] = [
  { system: 'SUMMIT', systemName: 'Summit Health Partners (demo)', employer: 'ACME', title: 'Acme and Summit joint replacement bundle', purchaserEmail: 'hr@acme.example', centerEmail: 'contracts@summit.example', twoSided: false },
  { system: 'LAKESHORE', systemName: 'Lakeshore Orthopedic & Spine Network (demo)', employer: 'ACME', title: 'Acme and Lakeshore joint replacement bundle', purchaserEmail: 'hr@acme.example', centerEmail: 'contracts@lakeshore.example', twoSided: false },
  { system: 'DESERTVALLEY', systemName: 'Desert Valley Health (demo)', employer: 'BLUEWAVE', title: 'Bluewave and Desert Valley surgery bundle', purchaserEmail: 'hr@bluewave.example', centerEmail: 'contracts@desertvalley.example', twoSided: true },
]

export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

/** The demo logins present in the database (role, e-mail, organization). */
export async function listDemoLogins(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['memberships.role', 'users.email', 'organizations.name as organization'])
    .where('users.email', 'in', DEMO_LOGIN_EMAILS)
    .orderBy('memberships.role')
    .orderBy('users.email')
    .execute()
  return rows.map((row) => ({ ...row, password: DEMO_PASSWORD }))
}

async function insertInBatches<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: ReadonlyArray<Record<string, unknown>>) {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insertInto(table).values(rows.slice(i, i + BATCH) as any).execute()
  }
}

/** Real ZIPs within `miles` of a ZIP (the employer's commuting area), in a stable order. */
function zipsAround(zip: string, miles: number) {
  return (zipcodes.radius(zip, miles) as string[])
    .map((z) => zipcodes.lookup(z))
    .filter((z): z is NonNullable<typeof z> => Boolean(z && z.latitude !== 0 && z.longitude !== 0))
    .sort((a, b) => a.zip.localeCompare(b.zip))
}

/** The procedure catalog and price factors, where missing: the CMS import prices hip/knee from them. */
async function seedCatalog(db: Kysely<Database>) {
  await db.transaction().execute(async (trx) => {
    const codes = new Set((await trx.selectFrom('procedures').select('code').execute()).map((p) => p.code))
    await insertInBatches(
      trx,
      'procedures',
      PROCEDURES.filter((p) => !codes.has(p.code)).map((p) => ({
        id: seedId('procedure', p.code), code: p.code, name: p.name, description: p.description, drgCodes: JSON.stringify(p.drgCodes),
        typicalNights: p.typicalNights, nightsSource: NIGHTS_SOURCE, nightsAway: p.nightsAway, nightsAwaySource: p.nightsAwaySource, incidencePerThousand: p.incidencePerThousand, incidenceSource: INCIDENCE_SOURCE,
        medicareBaseCents: p.medicareBaseCents, medicareBaseSource: p.medicareBaseSource, defaultInclusions: JSON.stringify(p.inclusions),
        isActive: 1, createdAt: SETUP, updatedAt: SETUP,
      })),
    )
    const keys = new Set((await trx.selectFrom('priceFactors').select('key').execute()).map((f) => f.key))
    await insertInBatches(
      trx,
      'priceFactors',
      PRICE_FACTORS.filter((f) => !keys.has(f.key)).map((f) => ({ id: seedId('factor', f.key), key: f.key, value: f.value, unit: f.unit, source: f.source, updatedAt: SETUP, updatedByUserId: null })),
    )
  })
}

interface DemoHospital {
  id: string
  ccn: string
  name: string
  city: string
  state: string
  latitude: number
  longitude: number
  healthSystemCode: (typeof HEALTH_SYSTEMS)[number]['code']
}

/**
 * The real hospitals each demo health system owns: per place, the acute-care hospitals CMS lists
 * within DEMO_HOSPITAL_RADIUS_MILES of its ZIP, in CCN order, those with a star rating and both
 * hip/knee facts first. Deterministic for a given CMS release.
 */
async function pickDemoHospitals(db: Kysely<Database>): Promise<DemoHospital[]> {
  const rows = await db
    .selectFrom('facilities')
    .select(['id', 'ccn', 'name', 'city', 'state', 'latitude', 'longitude', 'starRating'])
    .where('facilityType', '=', 'Acute Care Hospitals')
    .where('ccn', 'is not', null)
    .where('latitude', 'is not', null)
    .where('longitude', 'is not', null)
    .where('inactiveSince', 'is', null)
    .orderBy('ccn')
    .execute()
  const facts = await db
    .selectFrom('qualityMeasures')
    .select('facilityId')
    .where('measureCode', 'in', ['COMP_HIP_KNEE', 'READM_30_HIP_KNEE'])
    .where('value', 'is not', null)
    .execute()
  const factCount = new Map<string, number>()
  for (const { facilityId } of facts) factCount.set(facilityId, (factCount.get(facilityId) ?? 0) + 1)
  const complete = (row: (typeof rows)[number]) => row.starRating !== null && factCount.get(row.id) === 2
  const taken = new Set<string>()
  const picked: DemoHospital[] = []
  for (const system of HEALTH_SYSTEMS) {
    for (const metro of system.metros) {
      const anchor = zipcodes.lookup(metro.zip)
      if (!anchor) throw new Error(`The demo seed has no coordinates for ZIP ${metro.zip} (${metro.city})`)
      const near = rows.filter((r) => !taken.has(r.id) && distanceMiles(anchor, { latitude: r.latitude!, longitude: r.longitude! }) <= DEMO_HOSPITAL_RADIUS_MILES)
      const chosen = [...near.filter(complete), ...near.filter((r) => !complete(r))].slice(0, metro.hospitals)
      if (chosen.length === 0) throw new Error(`No CMS acute-care hospital within ${DEMO_HOSPITAL_RADIUS_MILES} miles of ${metro.city}, ${metro.state}: is the CMS import complete?`)
      for (const r of chosen) {
        taken.add(r.id)
        picked.push({ id: r.id, ccn: r.ccn!, name: r.name, city: r.city, state: r.state, latitude: r.latitude!, longitude: r.longitude!, healthSystemCode: system.code })
      }
    }
  }
  return picked
}

/**
 * Loads the demo marketplace (DESIGN §2/§3): the procedure catalog, then the real CMS hospitals
 * and facts from db/data/cms (through importCmsFolder, audited as "Demo seed"), then the made-up
 * organizations, people and a year of their cases in one transaction. Deterministic: fixed dates
 * (DEMO_NOW), a fixed seed, ids derived from names (the hospitals' ids are the importer's).
 */
export async function seedDemoData(db: Kysely<Database>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => undefined)
  await seedCatalog(db)
  const started = performance.now()
  const report = await importCmsFolder(CMS_EXTRACT_DIR, { db, now: new Date(DEMO_NOW), audit: { actor: null, actorLabel: 'Demo seed', folder: 'db/data/cms' } })
  log(
    `CMS extract (db/data/cms): ${report.facilitiesTotal.toLocaleString('en-US')} hospitals, ${report.measuresInserted.toLocaleString('en-US')} quality facts, ` +
      `${report.marketPricesChanged.toLocaleString('en-US')} typical local prices in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  )
  const hospitals = await pickDemoHospitals(db)
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  await db.transaction().execute((trx) => seedPeople(trx, hospitals, passwordHash, log))
  await seedDemoContracts(db, DEMO_CONTRACTS, new Date(DEMO_NOW), log)
  // After everything else, with its own random streams: the rest of the demo stays exactly as it was.
  await db.transaction().execute((trx) => seedCoalition(trx, passwordHash, log))
  // After the coalitions seed (GLEC and its members): its contract with Summit, period 1 reconciled (issue 23).
  await seedCoalitionContract(db, new Date(DEMO_NOW), log)
  return { logins: await listDemoLogins(db) }
}

type Row = Record<string, unknown>
interface DemoOffer {
  id: string
  facility: DemoHospital
  procedureCode: ProcedureCode
  priceCents: number
}

const SEARCH_RADII = [100, 250, 500] as const
const CANCEL_REASONS = [
  'Member chose to wait until spring',
  'Member had the operation closer to home, outside the program',
  'The surgeon advised physical therapy first',
  'Member moved to another employer',
]
const DENY_REASONS = [
  'Procedure not yet recommended by the treating surgeon',
  'Coverage had ended on the date of the request',
  'The center asked for a cardiology clearance the member could not get in time',
]
/** How often each procedure is asked for among the ones a program covers (the rest get little). */
const PROCEDURE_WEIGHT: Partial<Record<ProcedureCode, number>> = { TKA: 45, THA: 35, SPINE_FUSION: 12, BARIATRIC_SLEEVE: 8 }

const instant = (ms: number) => new Date(ms).toISOString()
const dayOf = (ms: number) => toIsoDate(new Date(ms))

function weightedPick<T>(random: Random, items: ReadonlyArray<{ item: T; weight: number }>): T {
  const total = items.reduce((sum, x) => sum + x.weight, 0)
  let at = random.next() * total
  for (const x of items) {
    at -= x.weight
    if (at < 0) return x.item
  }
  return items[items.length - 1]!.item
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const slug = (text: string) => text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()

async function seedPeople(trx: Transaction<Database>, hospitals: readonly DemoHospital[], passwordHash: string, log: (line: string) => void) {
  const random = createRandom(SEED)
  const caseRandom = createRandom(SEED + 2)
  faker.seed(SEED)
  const procedureIds = Object.fromEntries(
    (await trx.selectFrom('procedures').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
  ) as Record<ProcedureCode, string>

  // Organizations: all made up; the health systems say "(demo)" in their names.
  const org = (kind: string, code: string, name: string) => ({ id: seedId('org', code), kind, name, code, createdAt: SETUP })
  const platform = org('platform', 'PLATFORM', 'COE Marketplace')
  const broker = org('broker', 'HARBOR', 'Harbor Benefits Advisors')
  const systems = HEALTH_SYSTEMS.map((hs) => org('health_system', hs.code, hs.name))
  // Demo plan sponsor EINs (issue 23): made up, deterministic, in a prefix range of their own.
  const employers = EMPLOYERS.map((e, index) => ({ ...org('employer', e.code, e.name), tin: `9100000${String(index + 1).padStart(2, '0')}` }))
  await insertInBatches(trx, 'organizations', [platform, broker, ...systems, ...employers])
  await insertInBatches(
    trx,
    'brokerClients',
    ['ACME', 'BLUEWAVE'].map((code) => ({
      id: seedId('broker-client', code), brokerOrganizationId: broker.id, employerOrganizationId: seedId('org', code),
      grantedByUserId: null, grantedAt: SETUP, revokedAt: null,
    })),
  )

  // The demo health systems own real hospitals (facilities.health_system_id); CMS facts stay as imported.
  for (const system of HEALTH_SYSTEMS) {
    const ids = hospitals.filter((h) => h.healthSystemCode === system.code).map((h) => h.id)
    await trx.updateTable('facilities').set({ healthSystemId: seedId('org', system.code) }).where('id', 'in', ids).execute()
  }

  // Their bundled offers: made up, so marked demo. No accreditation or volume: those would be
  // claims about a real hospital that no public file makes.
  // Each offer names its provider (issue 23): the system's demo TIN and a demo NPI per hospital,
  // made up with a valid check digit and deterministic (no draw from `random`, so the rest of the
  // demo data stays as it was).
  const demoTinOf = (systemCode: string) => `9000000${String(HEALTH_SYSTEMS.findIndex((hs) => hs.code === systemCode) + 1).padStart(2, '0')}`
  const offers: DemoOffer[] = []
  const offerRows: Row[] = []
  for (const [hospitalIndex, facility] of hospitals.entries()) {
    const tin = demoTinOf(facility.healthSystemCode)
    const npi = demoNpi(90_000_000 + hospitalIndex + 1)
    const codes: ProcedureCode[] = ['TKA', 'THA']
    if (random.chance(0.6)) codes.push('SPINE_FUSION')
    if (random.chance(0.5)) codes.push('BARIATRIC_SLEEVE')
    if (random.chance(0.25)) codes.push('CABG')
    if (random.chance(0.4)) codes.push('CANCER_2ND_OPINION')
    for (const code of codes) {
      const [low, high] = OFFER_PRICE_RANGE[code]
      const priceCents = Math.round(random.int(low, high) / 50) * 50 * 100
      const id = seedId('offer', facility.ccn, code)
      offers.push({ id, facility, procedureCode: code, priceCents })
      offerRows.push({
        id, facilityId: facility.id, procedureId: procedureIds[code], priceCents,
        includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: code === 'CANCER_2ND_OPINION' ? 0 : 1, includesFollowUp: 1,
        warrantyDays: code === 'CANCER_2ND_OPINION' ? 0 : 90, followUpVisits: random.int(1, 4), annualVolume: null, accreditation: null,
        appointmentWithinDays: random.pick([7, 10, 14, 21, 30]), validFrom: PLAN_YEAR_START, validTo: '2027-12-31', status: 'active', isDemo: 1,
        tin, npi, createdAt: SETUP, updatedAt: SETUP,
      })
    }
  }
  await insertInBatches(trx, 'offers', offerRows)

  // The fixed demo logins; the members' accounts are added per employer below.
  const userId = (email: string) => seedId('user', email)
  const coordinatorId = userId('coordinator@coe-platform.example')
  const adminId = userId('admin@coe-platform.example')
  const users: Row[] = []
  const memberships: Row[] = []
  const addUser = (u: { role: Role; email: string; name: string; orgId: string; rosterMemberId?: string | null }) => {
    users.push({ id: userId(u.email), email: u.email, passwordHash, displayName: u.name, createdAt: SETUP, lastLoginAt: null })
    memberships.push({ id: seedId('membership', u.email), userId: userId(u.email), organizationId: u.orgId, role: u.role, rosterMemberId: u.rosterMemberId ?? null, createdAt: SETUP, isOrganizationAdmin: u.role === 'employee' ? 0 : 1 })
  }
  for (const e of EMPLOYERS) addUser({ role: 'employer_admin', email: e.adminEmail, name: e.adminName, orgId: seedId('org', e.code) })
  addUser({ role: 'broker', email: 'broker@harbor.example', name: 'Jordan Alvarez', orgId: broker.id })
  addUser({ role: 'care_coordinator', email: 'coordinator@coe-platform.example', name: 'Sam Okafor', orgId: platform.id })
  addUser({ role: 'center_admin', email: 'contracts@summit.example', name: 'Lee Hartman', orgId: seedId('org', 'SUMMIT') })
  addUser({ role: 'center_admin', email: 'contracts@lakeshore.example', name: 'Morgan Pryce', orgId: seedId('org', 'LAKESHORE') })
  addUser({ role: 'center_admin', email: 'contracts@desertvalley.example', name: 'Ana Villanueva', orgId: seedId('org', 'DESERTVALLEY') })
  addUser({ role: 'platform_admin', email: 'admin@coe-platform.example', name: 'Robin Castillo', orgId: platform.id })

  const employerRows: Record<string, Row[]> = {
    healthPlans: [], rosterMembers: [], programs: [], programVersions: [], programProcedures: [], programNetwork: [], programBenefitRules: [], programTravelRules: [],
    cases: [], caseEvents: [], invoices: [], invoiceLines: [], payments: [], searchEvents: [],
  }
  const push = (table: keyof typeof employerRows, ...rows: Row[]) => employerRows[table]!.push(...rows)
  const summary: string[] = []

  for (const employer of EMPLOYERS) {
    const employerId = seedId('org', employer.code)
    const domain = employer.adminEmail.split('@')[1]!
    const ppoId = seedId('plan', employer.code, 'PPO')
    const hdhpId = seedId('plan', employer.code, 'HDHP')
    const plans = {
      [ppoId]: { deductibleCents: 150_000, coinsuranceRate: 0.2, oopMaxCents: 500_000, isHsaQualified: false },
      [hdhpId]: { deductibleCents: 300_000, coinsuranceRate: 0.1, oopMaxCents: 650_000, isHsaQualified: true },
    }
    push(
      'healthPlans',
      { id: ppoId, employerId, name: 'Choice PPO', planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: SETUP, updatedAt: SETUP },
      { id: hdhpId, employerId, name: 'Saver HDHP with HSA', planType: 'HDHP', isHsaQualified: 1, deductibleIndividualCents: 300_000, deductibleFamilyCents: 600_000, coinsuranceRate: 0.1, oopMaxIndividualCents: 650_000, oopMaxFamilyCents: 1_300_000, createdAt: SETUP, updatedAt: SETUP },
    )

    // Roster: made-up people at real ZIPs around the employer's sites.
    const zips = employer.homeZips.flatMap((zip) => zipsAround(zip, 35))
    const roster: Array<{ id: string; n: number; employeeId: string; firstName: string; lastName: string; zip: string; planId: string; deductibleMetCents: number; oopPaidCents: number }> = []
    for (let n = 1; n <= employer.rosterSize; n++) {
      const zip = n === 1 ? employer.homeZips[0] : random.pick(zips).zip
      const tier = random.pick(['employee', 'employee', 'employee_spouse', 'employee_children', 'family'] as const)
      const planId = n === 1 ? ppoId : random.chance(0.65) ? ppoId : hdhpId
      const deductible = plans[planId]!.deductibleCents
      const deductibleMet = n === 1 ? 0 : random.chance(0.3) ? Math.round(random.int(0, deductible / 5000)) * 5000 : 0
      const id = seedId('roster', employer.code, n)
      const firstName = faker.person.firstName()
      const lastName = faker.person.lastName()
      const employeeId = `${employer.employeePrefix}${String(n).padStart(6, '0')}`
      roster.push({ id, n, employeeId, firstName, lastName, zip, planId, deductibleMetCents: deductibleMet, oopPaidCents: deductibleMet })
      push('rosterMembers', {
        id, employerId, employeeId, firstName, lastName, ...rosterKeys({ employeeId, firstName, lastName }),
        dateOfBirth: `${random.int(1960, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
        zip, healthPlanId: planId, coverageTier: tier, coverageStart: PLAN_YEAR_START, coverageEnd: null,
        dependentsCount: tier === 'employee' ? 0 : tier === 'employee_spouse' ? 1 : random.int(1, 4),
        deductibleMetCents: deductibleMet, oopPaidCents: deductibleMet, createdAt: SETUP, updatedAt: SETUP,
      })
    }
    if (employer.code === 'ACME') {
      const member = roster[0]!
      addUser({ role: 'employee', email: 'member@acme.example', name: `${member.firstName} ${member.lastName}`, orgId: employerId, rosterMemberId: member.id })
    }

    // One published program, in force for the plan year.
    const programId = seedId('program', employer.code)
    const versionId = seedId('program-version', employer.code, 1)
    push('programs', { id: programId, employerId, name: employer.program.name, createdAt: SETUP, createdByUserId: null })
    push('programVersions', { id: versionId, programId, version: 1, status: 'published', effectiveFrom: PLAN_YEAR_START, effectiveTo: null, createdAt: SETUP, createdByUserId: null, publishedAt: SETUP, publishedByUserId: null })
    const covered = employer.program.procedures as readonly ProcedureCode[]
    push('programProcedures', ...covered.map((code) => ({ programVersionId: versionId, procedureId: procedureIds[code] })))
    const network = offers.filter((o) => covered.includes(o.procedureCode) && (employer.program.healthSystems as readonly string[]).includes(o.facility.healthSystemCode))
    push('programNetwork', ...network.map((o) => ({ programVersionId: versionId, offerId: o.id, bundlePriceCents: o.priceCents })))
    const incentiveCents = 50_000
    push('programBenefitRules', { programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: incentiveCents, outsideRule: 'plan_terms', outsideCoinsuranceRate: null })
    const travelRules = { minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000 }
    push('programTravelRules', { programVersionId: versionId, ...travelRules, companionCovered: 1 })

    // A year of cases (DESIGN §3), each with its members' account, searches and events.
    const history = seedCases({
      employer, employerId, domain, versionId, roster, network, plans, travelRules, incentiveCents, procedureIds, caseRandom, coordinatorId, adminId, addUser,
    })
    for (const [table, rows] of Object.entries(history)) push(table as keyof typeof employerRows, ...rows)
    summary.push(`${employer.name}: ${employer.rosterSize.toLocaleString('en-US')} members, program "${employer.program.name}" with ${network.length} demo offers, ${history.cases.length} cases`)
  }

  // In the order of their references: memberships point at roster rows, case events at users.
  await insertInBatches(trx, 'healthPlans', employerRows.healthPlans!)
  await insertInBatches(trx, 'rosterMembers', employerRows.rosterMembers!)
  await insertInBatches(trx, 'users', users)
  await insertInBatches(trx, 'memberships', memberships)
  // The US federal holidays of 2025–2027 (observed dates): not working days for the response promise.
  await insertInBatches(trx, 'platformHolidays', [2025, 2026, 2027].flatMap((year) => usFederalHolidays(year).map((h) => ({ date: h.date, name: h.name, createdAt: SETUP }))))
  for (const table of Object.keys(employerRows) as Array<keyof typeof employerRows & keyof Database>) {
    if (table !== 'healthPlans' && table !== 'rosterMembers') await insertInBatches(trx, table, employerRows[table]!)
  }
  for (const line of summary) log(line)
  log(`${hospitals.length} real hospitals in ${HEALTH_SYSTEMS.length} demo health systems, ${offers.length} demo offers, ${DEMO_LOGIN_EMAILS.length} demo logins (${users.length} accounts)`)
}

interface CaseContext {
  employer: (typeof EMPLOYERS)[number]
  employerId: string
  domain: string
  versionId: string
  roster: ReadonlyArray<{ id: string; n: number; employeeId: string; firstName: string; lastName: string; zip: string; planId: string; deductibleMetCents: number; oopPaidCents: number }>
  network: readonly DemoOffer[]
  plans: Record<string, { deductibleCents: number; coinsuranceRate: number; oopMaxCents: number; isHsaQualified: boolean }>
  travelRules: Parameters<typeof estimateTravel>[1]
  incentiveCents: number
  procedureIds: Record<ProcedureCode, string>
  caseRandom: Random
  coordinatorId: string
  adminId: string
  addUser: (u: { role: Role; email: string; name: string; orgId: string; rosterMemberId?: string | null }) => void
}

/**
 * A demo employer's year: `employer.cases` cases per final state, requested from January to the
 * seed's now, each moved along DESIGN §3's path by the care coordinator with an event per step;
 * the open ones are the recent ones, so their dates ahead (a scheduled operation) are after now.
 * Completed cases have their outcome and an invoice (paid, when a few weeks have passed); each
 * member who asked for care has an account and searched first, and a few more only searched.
 */
function seedCases(ctx: CaseContext) {
  const { employer, employerId, domain, versionId, roster, network, plans, travelRules, procedureIds, caseRandom: r } = ctx
  const now = Date.parse(DEMO_NOW)
  const yearStart = Date.parse('2026-01-05T00:00:00.000Z')
  const at = (day: number) => day + (13 + r.int(0, 8)) * 3_600_000 + r.int(0, 59) * 60_000 // a working hour (US time)
  const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS
  const rows = { cases: [] as Row[], caseEvents: [] as Row[], invoices: [] as Row[], invoiceLines: [] as Row[], payments: [] as Row[], searchEvents: [] as Row[] }

  // Members: never the first 20 (the demo member, sign-up journeys, roster files name them).
  const pool = shuffled(r, roster.filter((m) => m.n > 20))
  let next = 0
  const accountOf = (m: (typeof roster)[number]) => {
    const email = `${slug(m.firstName)}.${slug(m.lastName)}.${m.employeeId.toLowerCase()}@${domain}`
    ctx.addUser({ role: 'employee', email, name: `${m.firstName} ${m.lastName}`, orgId: employerId, rosterMemberId: m.id })
    return seedId('user', email)
  }
  const homeOf = (m: (typeof roster)[number]) => zipcodes.lookup(m.zip)!
  const covered = employer.program.procedures as readonly ProcedureCode[]
  const offersFor = (code: ProcedureCode) => network.filter((o) => o.procedureCode === code)
  const search = (userId: string, m: (typeof roster)[number], code: ProcedureCode, when: number) => {
    const radius = r.pick(SEARCH_RADII)
    const home = homeOf(m)
    rows.searchEvents.push({
      id: seedId('search', userId, rows.searchEvents.length), occurredAt: instant(when), userId, employerId, procedureId: procedureIds[code], zip3: m.zip.slice(0, 3), radiusMiles: radius,
      resultCount: offersFor(code).filter((o) => distanceMiles(home, o.facility) <= radius).length,
    })
  }

  // The final states, oldest first: closed cases over the year, the open ones in the last weeks.
  const states = (Object.entries(employer.cases) as Array<[CaseState, number]>).flatMap(([state, count]) => Array<CaseState>(count).fill(state))
  const isClosed = (s: CaseState) => s === 'completed' || s === 'cancelled' || s === 'denied'
  const closed = shuffled(r, states.filter(isClosed))
  const open = states.filter((s) => !isClosed(s))
  // A completed case takes 55 to 99 days from request to completion: the last ones complete just before now.
  const lastClosedRequest = now - 100 * DAY_MS
  const plan: Array<{ state: CaseState; requested: number }> = closed.map((state, i) => ({
    state,
    requested: dayStart(yearStart + ((i + r.next() * 0.8) * (lastClosedRequest - yearStart)) / closed.length),
  }))
  for (const state of open) plan.push({ state, requested: 0 })

  plan.forEach(({ state }, i) => {
    const member = pool[next++]!
    const home = homeOf(member)
    const code = weightedPick(r, covered.map((c) => ({ item: c, weight: PROCEDURE_WEIGHT[c] ?? 2 })))
    const byDistance = offersFor(code)
      .map((o) => ({ o, miles: distanceMiles(home, o.facility) }))
      .sort((a, b) => a.miles - b.miles || a.o.id.localeCompare(b.o.id))
    // Most choose the nearest center; some travel (their travel is covered from 50 miles).
    const far = byDistance.filter((x) => x.miles >= travelRules.minDistanceMiles)
    if (state === 'travel_booked' && far.length === 0) throw new Error(`${employer.name}'s program has no ${code} center ${travelRules.minDistanceMiles} miles or more from ${member.zip}`)
    const choice =
      state === 'travel_booked'
        ? far[0]!
        : weightedPick(r, [
            { item: byDistance[0]!, weight: 65 },
            { item: byDistance[Math.min(1, byDistance.length - 1)]!, weight: 20 },
            { item: byDistance[r.int(0, byDistance.length - 1)]!, weight: 15 },
          ])
    const { o: offer, miles } = choice
    const procedure = PROCEDURES.find((p) => p.code === code)!
    const travel = estimateTravel(miles, travelRules, procedure.nightsAway)
    const terms = plans[member.planId]!
    const memberCost = coeMemberCost(
      offer.priceCents,
      { ...terms, deductibleMetCents: member.deductibleMetCents, oopPaidCents: member.oopPaidCents, irsMinimumDeductibleCents: 170_000 },
      { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0 },
    )

    // The case's days: requested, verified, scheduled (the operation planned for `operation`),
    // travel booked, operation done, completed (the outcome known about a month after).
    let requested: number, verified: number, scheduled: number, operation: number
    switch (state) {
      case 'requested':
        requested = dayStart(now - r.int(1, 4) * DAY_MS)
        verified = scheduled = operation = Infinity
        break
      case 'eligibility_verified':
        verified = dayStart(now - r.int(1, 5) * DAY_MS)
        requested = verified - r.int(1, 4) * DAY_MS
        scheduled = operation = Infinity
        break
      case 'scheduled':
      case 'travel_booked':
        scheduled = dayStart(now - r.int(state === 'scheduled' ? 1 : 8, state === 'scheduled' ? 10 : 20) * DAY_MS)
        verified = scheduled - r.int(3, 10) * DAY_MS
        requested = verified - r.int(1, 4) * DAY_MS
        operation = dayStart(now + r.int(7, 40) * DAY_MS)
        break
      case 'procedure_done':
        operation = dayStart(now - r.int(2, 25) * DAY_MS)
        scheduled = operation - r.int(21, 45) * DAY_MS
        verified = scheduled - r.int(3, 10) * DAY_MS
        requested = verified - r.int(1, 4) * DAY_MS
        break
      default:
        requested = plan[i]!.requested
        verified = requested + r.int(1, 4) * DAY_MS
        scheduled = verified + r.int(3, 10) * DAY_MS
        operation = scheduled + r.int(21, 45) * DAY_MS
    }
    // Travel is booked at least five days before the operation (and, for a case still at that step, before now).
    const latestBooking = Math.min(operation - 5 * DAY_MS, now - DAY_MS)
    const travelBooked = dayStart(scheduled + Math.max(1, Math.min(r.int(2, 14), Math.floor((latestBooking - scheduled) / DAY_MS))) * DAY_MS)
    const steps: Array<{ to: CaseState; when: number; note?: string }> = [{ to: 'requested', when: at(requested) }]
    const reach = (to: CaseState, when: number) => steps.push({ to, when: at(when) })
    let reason: string | null = null
    if (state === 'denied') {
      reason = r.pick(DENY_REASONS)
      if (r.chance(0.7)) reach('eligibility_verified', verified)
      steps.push({ to: 'denied', when: at(verified + r.int(1, 5) * DAY_MS), note: reason })
    } else if (state === 'cancelled') {
      reason = r.pick(CANCEL_REASONS)
      reach('eligibility_verified', verified)
      const afterScheduling = r.chance(0.5)
      if (afterScheduling) reach('scheduled', scheduled)
      steps.push({ to: 'cancelled', when: at((afterScheduling ? scheduled : verified) + r.int(2, 12) * DAY_MS), note: reason })
    } else {
      const path: CaseState[] = ['eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed']
      const dates: Record<string, number> = { eligibility_verified: verified, scheduled, travel_booked: travelBooked, procedure_done: operation, completed: operation + r.int(30, 40) * DAY_MS }
      for (const step of path) {
        if (step === 'travel_booked' && !travel.isCovered) continue
        if (steps[steps.length - 1]!.to === state) break
        reach(step, dates[step]!)
      }
    }
    const last = steps[steps.length - 1]!
    const status = last.to
    const reached = (s: CaseState) => steps.some((x) => x.to === s)
    const done = reached('procedure_done')
    const completed = status === 'completed'
    // Outcomes: mostly good, like CMS's national rates. The coordinator records readmission and
    // satisfaction at the 30-day check-in, the complication and patient-reported outcomes at the
    // 90-day one: a check-in not yet due by now has nothing recorded.
    const outcome = completed ? (r.chance(0.05) ? 1 : 0) : null
    const readmitted = completed ? (r.chance(outcome ? 0.5 : 0.03) ? 1 : 0) : null
    const rated = completed ? (outcome ? r.int(4, 8) : r.int(7, 10)) : null
    const checkIn = (days: number) => (completed && operation + days * DAY_MS + 15 * 3_600_000 <= now ? instant(operation + days * DAY_MS + 15 * 3_600_000) : null)
    const thirtyDayOutcomesAt = checkIn(30)
    const ninetyDayOutcomesAt = checkIn(90)
    const wasReadmitted = thirtyDayOutcomesAt ? readmitted : null
    const satisfaction = thirtyDayOutcomesAt ? rated : null
    const hadComplication = ninetyDayOutcomesAt ? outcome : null
    // Four in five answer the patient-reported outcome survey (by case number: no draw, the rest of the demo stays as it was).
    const hasPatientReportedOutcomes = ninetyDayOutcomesAt ? (i % 5 === 0 ? 0 : 1) : null
    // The first consult: two days after eligibility was verified (or on the scheduling day, when sooner).
    const firstConsultDate = reached('scheduled') ? dayOf(Math.min(verified + 2 * DAY_MS, scheduled)) : null
    const travelActualCents = completed && travel.isCovered ? Math.round(travel.totalCents * (0.8 + r.next() * 0.2)) : null

    const caseId = seedId('case', employer.code, i)
    const memberUserId = accountOf(member)
    // They searched before asking (once to a few times over the weeks before).
    for (let s = r.int(1, 3); s > 0; s--) search(memberUserId, member, code, Math.max(yearStart, steps[0]!.when - r.int(1, 30) * DAY_MS - r.int(0, 600) * 60_000))
    steps.forEach((step, n) => {
      rows.caseEvents.push({
        id: seedId('case-event', caseId, n), caseId, actorUserId: n === 0 ? memberUserId : ctx.coordinatorId, fromStatus: n === 0 ? null : steps[n - 1]!.to, toStatus: step.to,
        note: step.note ?? null, createdAt: instant(step.when),
      })
    })
    // Same draws in the same order as before (companion, then contact), so the rest of the demo stays as it was.
    const hasCompanion = r.chance(0.7) ? 1 : 0
    const contactPreference = r.pick(['email', 'email', 'phone', 'text'] as const)
    const isOpen = status !== 'completed' && status !== 'cancelled' && status !== 'denied'
    rows.cases.push({
      id: caseId, employerId, rosterMemberId: member.id, programVersionId: versionId, procedureId: procedureIds[code], offerId: offer.id, facilityId: offer.facility.id,
      status, statusReason: reason, preferredStart: null, preferredEnd: null,
      scheduledDate: reached('scheduled') ? dayOf(operation) : null,
      procedureDate: done ? dayOf(operation) : null, hasCompanion, contactPreference, memberNote: null,
      // Issue 22: a call or text has a number (the fictional 555-01xx range), an e-mail case its address; half the open cases are the coordinator's.
      contactPhone: contactPreference === 'email' ? null : `+1614555${String(100 + (i % 100)).padStart(4, '0')}`,
      contactEmail: contactPreference === 'email' ? `${slug(member.firstName)}.${slug(member.lastName)}.${member.employeeId.toLowerCase()}@${domain}` : null,
      assigneeUserId: isOpen && i % 2 === 0 ? ctx.coordinatorId : null,
      bundlePriceCents: offer.priceCents, memberCostCents: memberCost.memberPaysCents, travelEstimateCents: travel.isCovered ? travel.totalCents : 0,
      travelActualCents, hadComplication, wasReadmitted, satisfaction, hasPatientReportedOutcomes, thirtyDayOutcomesAt, ninetyDayOutcomesAt, firstConsultDate,
      requestedAt: instant(steps[0]!.when), completedAt: completed ? instant(last.when) : null, updatedAt: instant(last.when), statusChangedAt: instant(last.when),
    })

    // Completed cases were invoiced as the portal does; those a few weeks old are paid.
    if (completed) {
      const invoiceId = seedId('invoice', caseId)
      const { lines, totalCents } = caseInvoiceLines({
        procedureName: procedure.name, facilityName: offer.facility.name, bundleCents: offer.priceCents, travelActualCents, incentiveCents: ctx.incentiveCents, platformFeeCents: 50_000,
      })
      const paidAt = last.when + r.int(14, 40) * DAY_MS
      const paid = paidAt <= now
      rows.invoices.push({
        id: invoiceId, employerId, caseId, number: invoiceNumber(instant(last.when), invoiceId), status: paid ? 'paid' : 'open', totalCents, currency: 'usd',
        stripeInvoiceId: null, hostedInvoiceUrl: null, createdAt: instant(last.when), finalizedAt: instant(last.when), paidAt: paid ? instant(paidAt) : null,
        updatedAt: instant(paid ? paidAt : last.when),
      })
      lines.forEach((line, n) => rows.invoiceLines.push({ id: seedId('invoice-line', invoiceId, n), invoiceId, ...line, stripeInvoiceItemId: null }))
      if (paid) {
        rows.payments.push({
          id: seedId('payment', invoiceId), invoiceId, amountCents: totalCents, method: 'manual', stripeEventId: null,
          reference: `ACH ${employer.code}-${dayOf(paidAt).replace(/-/g, '')}`, receivedAt: instant(paidAt), recordedByUserId: ctx.adminId,
        })
      }
    }
  })

  // A few more members only looked (the dashboard's "searched" is more than those who asked).
  for (let k = 0; k < Math.round(plan.length / 2); k++) {
    const member = pool[next++]!
    const userId = accountOf(member)
    const code = weightedPick(r, covered.map((c) => ({ item: c, weight: PROCEDURE_WEIGHT[c] ?? 2 })))
    const when = yearStart + r.next() * (now - yearStart - DAY_MS)
    search(userId, member, code, when)
    if (r.chance(0.4)) search(userId, member, code, when + r.int(1, 6) * DAY_MS)
  }
  return rows
}

/**
 * The demo coalition (issue 23, ADR 0020): GLEC and its admin, the small employer Lakeside (two plans,
 * 300 made-up people at real ZIPs around Cleveland and Detroit, its HR admin, no program yet), and the
 * three memberships, each invited by the coalition's admin and accepted by the employer's.
 */
async function seedCoalition(trx: Transaction<Database>, passwordHash: string, log: (line: string) => void) {
  const random = createRandom(SEED + 23)
  faker.seed(SEED + 23)
  const coalitionId = seedId('org', COALITION.code)
  const lakeId = seedId('org', SMALL_EMPLOYER.code)
  await insertInBatches(trx, 'organizations', [
    { id: coalitionId, kind: 'coalition', name: COALITION.name, code: COALITION.code, createdAt: SETUP },
    { id: lakeId, kind: 'employer', name: SMALL_EMPLOYER.name, code: SMALL_EMPLOYER.code, createdAt: SETUP },
  ])
  const admins = [
    { email: COALITION.adminEmail, name: COALITION.adminName, orgId: coalitionId, role: 'coalition_admin' as const },
    { email: SMALL_EMPLOYER.adminEmail, name: SMALL_EMPLOYER.adminName, orgId: lakeId, role: 'employer_admin' as const },
  ]
  await insertInBatches(trx, 'users', admins.map((a) => ({ id: seedId('user', a.email), email: a.email, passwordHash, displayName: a.name, createdAt: SETUP, lastLoginAt: null })))
  await insertInBatches(
    trx,
    'memberships',
    admins.map((a) => ({ id: seedId('membership', a.email), userId: seedId('user', a.email), organizationId: a.orgId, role: a.role, rosterMemberId: null, createdAt: SETUP, isOrganizationAdmin: 1 })),
  )

  const ppoId = seedId('plan', SMALL_EMPLOYER.code, 'PPO')
  const hdhpId = seedId('plan', SMALL_EMPLOYER.code, 'HDHP')
  await insertInBatches(trx, 'healthPlans', [
    { id: ppoId, employerId: lakeId, name: 'Choice PPO', planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 200_000, deductibleFamilyCents: 400_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 550_000, oopMaxFamilyCents: 1_100_000, createdAt: SETUP, updatedAt: SETUP },
    { id: hdhpId, employerId: lakeId, name: 'Saver HDHP with HSA', planType: 'HDHP', isHsaQualified: 1, deductibleIndividualCents: 320_000, deductibleFamilyCents: 640_000, coinsuranceRate: 0.1, oopMaxIndividualCents: 700_000, oopMaxFamilyCents: 1_400_000, createdAt: SETUP, updatedAt: SETUP },
  ])
  // Roster: made-up people at real ZIPs around Lakeside's branches, generated like the other employers'.
  const zips = SMALL_EMPLOYER.homeZips.flatMap((zip) => zipsAround(zip, 35))
  const roster: Row[] = []
  for (let n = 1; n <= SMALL_EMPLOYER.rosterSize; n++) {
    const tier = random.pick(['employee', 'employee', 'employee_spouse', 'employee_children', 'family'] as const)
    const planId = random.chance(0.65) ? ppoId : hdhpId
    const deductibleMet = random.chance(0.3) ? random.int(0, 40) * 5000 : 0
    const firstName = faker.person.firstName()
    const lastName = faker.person.lastName()
    const employeeId = `${SMALL_EMPLOYER.employeePrefix}${String(n).padStart(6, '0')}`
    roster.push({
      id: seedId('roster', SMALL_EMPLOYER.code, n), employerId: lakeId, employeeId, firstName, lastName, ...rosterKeys({ employeeId, firstName, lastName }),
      dateOfBirth: `${random.int(1960, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
      zip: n === 1 ? SMALL_EMPLOYER.homeZips[0] : random.pick(zips).zip, healthPlanId: planId, coverageTier: tier, coverageStart: PLAN_YEAR_START, coverageEnd: null,
      dependentsCount: tier === 'employee' ? 0 : tier === 'employee_spouse' ? 1 : random.int(1, 4),
      deductibleMetCents: deductibleMet, oopPaidCents: deductibleMet, createdAt: SETUP, updatedAt: SETUP,
    })
  }
  await insertInBatches(trx, 'rosterMembers', roster)

  const coalitionAdminId = seedId('user', COALITION.adminEmail)
  const employerAdminOf: Record<string, string> = Object.fromEntries([...EMPLOYERS, SMALL_EMPLOYER].map((e) => [e.code, seedId('user', e.adminEmail)]))
  await insertInBatches(
    trx,
    'coalitionMemberships',
    COALITION.members.map((m) => ({
      id: seedId('coalition-membership', COALITION.code, m.code), coalitionOrganizationId: coalitionId, employerOrganizationId: seedId('org', m.code), status: 'active',
      invitedAt: `${m.invitedOn}T15:00:00.000Z`, invitedByUserId: coalitionAdminId, joinedOn: m.joinedOn, leftOn: null,
      respondedByUserId: employerAdminOf[m.code]!, respondedAt: `${m.joinedOn}T14:00:00.000Z`, endedByUserId: null, createdAt: `${m.invitedOn}T15:00:00.000Z`,
    })),
  )
  log(`${COALITION.name}: ${COALITION.members.length} member employers (${COALITION.members.map((m) => m.code).join(', ')}); ${SMALL_EMPLOYER.name}: ${SMALL_EMPLOYER.rosterSize} members, no program yet`)
}
