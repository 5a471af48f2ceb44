import { faker } from '@faker-js/faker'
import type { Kysely } from 'kysely'
import zipcodes from 'zipcodes'
import { hashPassword } from '../../app/auth/password.server'
import type { Database, Role } from '../../app/db/schema'
import { coeMemberCost } from '../../app/domain/benefits/member-cost'
import { caseInvoiceLines, invoiceNumber } from '../../app/domain/billing/case-invoice'
import { CASE_PATH } from '../../app/domain/cases/case-flow'
import { toIsoDate } from '../../app/domain/dates'
import { distanceMiles } from '../../app/domain/geo/distance'
import { rosterKeys } from '../../app/domain/roster/names'
import { facilitySearchKeys } from '../../app/domain/search/facility-text'
import { estimateTravel } from '../../app/domain/travel/travel-estimate'
import { recomputeMarketPrices } from '../../app/services/market-prices.server'
import { ACCREDITATION, INCIDENCE_SOURCE, NIGHTS_SOURCE, OFFER_PRICE_RANGE, PRICE_FACTORS, PROCEDURES, type ProcedureCode } from './catalog'
import { EMPLOYERS, HEALTH_SYSTEMS, METROS } from './metros'
import { createRandom, seedId, type Random } from './random'

/** The password of every demo login (printed by the seed and by `npm run demo`). */
export const DEMO_PASSWORD = 'demo-password-2026'
const SEED = 20261122
const NOW = '2026-01-01T09:00:00.000Z'
const BATCH = 400

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
    .where('users.email', 'like', '%.example')
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

/** Real ZIPs (with coordinates) of a city, in a stable order. */
function zipsOfCity(city: string, state: string) {
  return zipcodes
    .lookupByName(city, state)
    .filter((z) => z.latitude !== 0 && z.longitude !== 0)
    .sort((a, b) => a.zip.localeCompare(b.zip))
}

/** Real ZIPs within `miles` of a ZIP (the employer's commuting area), in a stable order. */
const DEMO_CASE_STATES = ['requested', 'requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed', 'completed', 'cancelled', 'denied'] as const

function zipsAround(zip: string, miles: number) {
  return (zipcodes.radius(zip, miles) as string[])
    .map((z) => zipcodes.lookup(z))
    .filter((z): z is NonNullable<typeof z> => Boolean(z && z.latitude !== 0 && z.longitude !== 0))
    .sort((a, b) => a.zip.localeCompare(b.zip))
}

const NAME_PREFIXES = [
  'Riverside', 'Mercy', "St. Luke's", 'Memorial', 'University', 'Good Samaritan', 'Baptist', 'Methodist', 'Providence', 'Northside',
  'Lakeview', 'Valley', 'Saint Mary’s', 'Community', 'Presbyterian', 'Sacred Heart', 'Highland', 'Parkview', 'Westside', 'Eastgate',
]
const NAME_SUFFIXES = ['Medical Center', 'Hospital', 'Regional Medical Center', 'Health Center', 'Orthopedic Hospital', 'Surgical Hospital']
const OWNERSHIP = ['Voluntary non-profit - Private', 'Voluntary non-profit - Church', 'Proprietary', 'Government - Hospital District or Authority', 'Voluntary non-profit - Other']
const STREETS = ['Main St', 'Medical Center Dr', 'Health Pkwy', 'Hospital Ave', 'Oak St', 'Washington Blvd', 'Park Ave', 'University Ave']

function starRating(random: Random, bias = 0): number | null {
  if (random.chance(0.15)) return null
  return Math.round(random.normal(3.2 + bias, 0.9, 1, 5))
}

function measure(random: Random, mean: number, spread: number, better: number, worse: number) {
  if (random.chance(0.3)) return { value: null, comparison: 'not_available' as const, denominator: random.int(0, 24) }
  const value = Math.round(random.normal(mean, spread, mean - 3 * spread, mean + 3 * spread) * 10) / 10
  const comparison = value < better ? ('better' as const) : value > worse ? ('worse' as const) : ('no_different' as const)
  return { value, comparison, denominator: random.int(25, 900) }
}

/**
 * Loads the demo marketplace (DESIGN §2/§3) in one transaction. Deterministic: a fixed seed,
 * ids derived from names, real ZIP centroids from the zipcodes package.
 */
export async function seedDemoData(db: Kysely<Database>, options: { log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => undefined)
  const random = createRandom(SEED)
  // Its own stream, so adding cost indexes left every other demo value as it was.
  const costRandom = createRandom(SEED + 1)
  const caseRandom = createRandom(SEED + 2)
  faker.seed(SEED)
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  await db.transaction().execute(async (trx) => {
    // Catalog
    const procedureIds = Object.fromEntries(PROCEDURES.map((p) => [p.code, seedId('procedure', p.code)])) as Record<ProcedureCode, string>
    await insertInBatches(
      trx,
      'procedures',
      PROCEDURES.map((p) => ({
        id: procedureIds[p.code], code: p.code, name: p.name, description: p.description, drgCodes: JSON.stringify(p.drgCodes),
        typicalNights: p.typicalNights, nightsSource: NIGHTS_SOURCE, incidencePerThousand: p.incidencePerThousand, incidenceSource: INCIDENCE_SOURCE,
        medicareBaseCents: p.medicareBaseCents, medicareBaseSource: p.medicareBaseSource, defaultInclusions: JSON.stringify(p.inclusions),
        isActive: 1, createdAt: NOW, updatedAt: NOW,
      })),
    )
    await insertInBatches(
      trx,
      'priceFactors',
      PRICE_FACTORS.map((f) => ({ id: seedId('factor', f.key), key: f.key, value: f.value, unit: f.unit, source: f.source, updatedAt: NOW, updatedByUserId: null })),
    )

    // Organizations
    const org = (kind: string, code: string, name: string) => ({ id: seedId('org', code), kind, name, code, createdAt: NOW })
    const platform = org('platform', 'PLATFORM', 'COE Marketplace')
    const broker = org('broker', 'HARBOR', 'Harbor Benefits Advisors')
    const systems = HEALTH_SYSTEMS.map((hs) => org('health_system', hs.code, hs.name))
    const employers = EMPLOYERS.map((e) => org('employer', e.code, e.name))
    await insertInBatches(trx, 'organizations', [platform, broker, ...systems, ...employers])
    await insertInBatches(
      trx,
      'brokerClients',
      ['ACME', 'BLUEWAVE'].map((code) => ({
        id: seedId('broker-client', code), brokerOrganizationId: broker.id, employerOrganizationId: seedId('org', code),
        grantedByUserId: null, grantedAt: NOW, revokedAt: null,
      })),
    )

    // Facilities at real ZIP centroids; the first few of a health system's metros are its own.
    const facilities: Array<Record<string, unknown> & { id: string; healthSystemCode: string | null; facilityType: string }> = []
    for (const metro of METROS) {
      const zips = zipsOfCity(metro.city, metro.state)
      if (zips.length === 0) throw new Error(`No ZIPs found for ${metro.city}, ${metro.state}`)
      const owner = HEALTH_SYSTEMS.find((hs) => (hs.metros as readonly string[]).includes(metro.city))
      const used = new Set<string>()
      for (let n = 0; n < 10; n++) {
        const zip = random.pick(zips)
        let name = `${random.pick(NAME_PREFIXES)} ${random.pick(NAME_SUFFIXES)}`
        if (used.has(name)) name = `${name} of ${metro.city}`
        if (used.has(name)) name = `${metro.city} ${random.pick(NAME_SUFFIXES)} ${n + 1}`
        used.add(name)
        const healthSystemCode = owner && n < (owner.code === 'SUMMIT' ? 3 : 2) ? owner.code : null
        const isAsc = !healthSystemCode && random.chance(0.12)
        const facilityName = isAsc ? `${name.replace(/ (Medical Center|Hospital|Health Center)$/, '')} Surgery Center` : name
        facilities.push({
          id: seedId('facility', metro.city, n), ccn: null, name: facilityName, ...facilitySearchKeys({ name: facilityName, city: zip.city }),
          address: `${random.int(100, 9800)} ${random.pick(STREETS)}`, city: zip.city, state: zip.state, zip: zip.zip, county: null,
          phone: `(${random.int(201, 989)}) ${random.int(200, 989)}-${String(random.int(0, 9999)).padStart(4, '0')}`,
          latitude: zip.latitude, longitude: zip.longitude, coordinateSource: 'zip_centroid',
          facilityType: isAsc ? 'Ambulatory Surgical Center' : 'Acute Care Hospitals', ownership: random.pick(OWNERSHIP),
          hasEmergencyServices: isAsc ? 0 : 1, starRating: isAsc ? null : starRating(random, healthSystemCode ? 1 : 0),
          healthSystemId: healthSystemCode ? seedId('org', healthSystemCode) : null, createdAt: NOW, updatedAt: NOW, healthSystemCode,
        })
      }
    }
    await insertInBatches(trx, 'facilities', facilities.map(({ healthSystemCode: _code, ...row }) => row))

    // Hip/knee quality facts (demo values in CMS's format and periods; real ones come from import:cms).
    const quality: Array<Record<string, unknown>> = []
    for (const facility of facilities) {
      if (facility.facilityType !== 'Acute Care Hospitals') continue
      const bias = facility.healthSystemCode ? -0.5 : 0
      const comp = measure(random, 3.3 + bias, 0.6, 2.4, 4.6)
      const readm = measure(random, 4.5 + bias, 0.7, 3.4, 5.8)
      const source = 'Demo data generated by the project seed (not CMS)'
      quality.push(
        { id: seedId('qm', facility.id, 'COMP'), facilityId: facility.id, measureCode: 'COMP_HIP_KNEE', ...comp, periodStart: '2021-04-01', periodEnd: '2024-03-31', source, footnote: comp.value === null ? '1' : null, updatedAt: NOW },
        { id: seedId('qm', facility.id, 'READM'), facilityId: facility.id, measureCode: 'READM_30_HIP_KNEE', ...readm, periodStart: '2021-07-01', periodEnd: '2024-06-30', source, footnote: readm.value === null ? '1' : null, updatedAt: NOW },
        // A Medicare spending-per-beneficiary ratio, so the demo has typical local prices (computed below as import:cms does).
        {
          id: seedId('qm', facility.id, 'MSPB'), facilityId: facility.id, measureCode: 'MSPB_1', value: Math.round(costRandom.normal(0.99, 0.06, 0.8, 1.2) * 100) / 100,
          comparison: 'not_available', denominator: null, periodStart: '2023-01-01', periodEnd: '2023-12-31', source, footnote: null, updatedAt: NOW,
        },
      )
    }
    await insertInBatches(trx, 'qualityMeasures', quality)

    // Health systems' bundled offers.
    const offers: Array<Record<string, unknown> & { id: string; facilityId: string; procedureCode: ProcedureCode; priceCents: number; healthSystemCode: string }> = []
    for (const facility of facilities.filter((f) => f.healthSystemCode)) {
      const codes: ProcedureCode[] = ['TKA', 'THA']
      if (random.chance(0.6)) codes.push('SPINE_FUSION')
      if (random.chance(0.5)) codes.push('BARIATRIC_SLEEVE')
      if (random.chance(0.25)) codes.push('CABG')
      if (random.chance(0.4)) codes.push('CANCER_2ND_OPINION')
      for (const code of codes) {
        const [low, high] = OFFER_PRICE_RANGE[code]
        const priceCents = Math.round(random.int(low, high) / 50) * 50 * 100
        offers.push({
          id: seedId('offer', facility.id, code), facilityId: facility.id, procedureId: procedureIds[code], priceCents,
          includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: code === 'CANCER_2ND_OPINION' ? 0 : 1, includesFollowUp: 1,
          warrantyDays: code === 'CANCER_2ND_OPINION' ? 0 : 90, followUpVisits: random.int(1, 4), annualVolume: random.int(120, 1400),
          accreditation: ACCREDITATION[code], appointmentWithinDays: random.pick([7, 10, 14, 21, 30]), validFrom: '2026-01-01', validTo: '2027-12-31',
          status: 'active', createdAt: NOW, updatedAt: NOW, procedureCode: code, healthSystemCode: facility.healthSystemCode!,
        })
      }
    }
    await insertInBatches(trx, 'offers', offers.map(({ procedureCode: _p, healthSystemCode: _h, ...row }) => row))

    // Employers: plans, roster, one published program each.
    let employeeRosterId: string | null = null
    let employeeName = ''
    for (const employer of EMPLOYERS) {
      const employerId = seedId('org', employer.code)
      const ppoId = seedId('plan', employer.code, 'PPO')
      const hdhpId = seedId('plan', employer.code, 'HDHP')
      await insertInBatches(trx, 'healthPlans', [
        { id: ppoId, employerId, name: 'Choice PPO', planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: NOW, updatedAt: NOW },
        { id: hdhpId, employerId, name: 'Saver HDHP with HSA', planType: 'HDHP', isHsaQualified: 1, deductibleIndividualCents: 300_000, deductibleFamilyCents: 600_000, coinsuranceRate: 0.1, oopMaxIndividualCents: 650_000, oopMaxFamilyCents: 1_300_000, createdAt: NOW, updatedAt: NOW },
      ])
      const zips = employer.homeZips.flatMap((zip) => zipsAround(zip, 35))
      const roster: Array<Record<string, unknown>> = []
      for (let n = 1; n <= employer.rosterSize; n++) {
        const zip = random.pick(zips)
        const tier = random.pick(['employee', 'employee', 'employee_spouse', 'employee_children', 'family'] as const)
        const planId = random.chance(0.65) ? ppoId : hdhpId
        const deductible = planId === ppoId ? 150_000 : 300_000
        const deductibleMet = random.chance(0.3) ? Math.round(random.int(0, deductible / 5000)) * 5000 : 0
        const id = seedId('roster', employer.code, n)
        const firstName = faker.person.firstName()
        const lastName = faker.person.lastName()
        const employeeId = `${employer.employeePrefix}${String(n).padStart(6, '0')}`
        roster.push({
          id, employerId, employeeId, firstName, lastName, ...rosterKeys({ employeeId, firstName, lastName }),
          dateOfBirth: `${random.int(1960, 2004)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
          zip: n === 1 ? employer.homeZips[0] : zip.zip, healthPlanId: n === 1 ? ppoId : planId, coverageTier: tier, coverageStart: '2026-01-01', coverageEnd: null,
          dependentsCount: tier === 'employee' ? 0 : tier === 'employee_spouse' ? 1 : random.int(1, 4),
          deductibleMetCents: n === 1 ? 0 : deductibleMet, oopPaidCents: n === 1 ? 0 : deductibleMet, createdAt: NOW, updatedAt: NOW,
        })
        if (employer.code === 'ACME' && n === 1) {
          employeeRosterId = id
          employeeName = `${firstName} ${lastName}`
        }
      }
      await insertInBatches(trx, 'rosterMembers', roster)

      const programId = seedId('program', employer.code)
      const versionId = seedId('program-version', employer.code, 1)
      await insertInBatches(trx, 'programs', [{ id: programId, employerId, name: employer.program.name, createdAt: NOW, createdByUserId: null }])
      await insertInBatches(trx, 'programVersions', [
        { id: versionId, programId, version: 1, status: 'published', effectiveFrom: '2026-01-01', effectiveTo: null, createdAt: NOW, createdByUserId: null, publishedAt: NOW, publishedByUserId: null },
      ])
      const covered = employer.program.procedures as readonly ProcedureCode[]
      await insertInBatches(trx, 'programProcedures', covered.map((code) => ({ programVersionId: versionId, procedureId: procedureIds[code] })))
      const network = offers.filter((o) => covered.includes(o.procedureCode) && (employer.program.healthSystems as readonly string[]).includes(o.healthSystemCode))
      await insertInBatches(trx, 'programNetwork', network.map((o) => ({ programVersionId: versionId, offerId: o.id, bundlePriceCents: o.priceCents })))
      await insertInBatches(trx, 'programBenefitRules', [
        { programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null },
      ])
      await insertInBatches(trx, 'programTravelRules', [
        { programVersionId: versionId, minDistanceMiles: 50, companionCovered: 1, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000 },
      ])

      // Demo cases in every state of DESIGN §3, for other members than the demo employee, priced
      // with the domain rules and with an event per step (the care team's queue and the dashboards).
      const travelRules = { minDistanceMiles: 50, companionCovered: true, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000 }
      const cases: Array<Record<string, unknown>> = []
      const events: Array<Record<string, unknown>> = []
      DEMO_CASE_STATES.forEach((finalState, i) => {
        const memberRow = roster[2 + i * 7]!
        const offer = caseRandom.pick(network)
        const facility = facilities.find((f) => f.id === offer.facilityId)!
        const home = zipcodes.lookup(memberRow.zip as string)!
        const miles = distanceMiles(home, { latitude: facility.latitude as number, longitude: facility.longitude as number })
        const procedure = PROCEDURES.find((p) => p.code === offer.procedureCode)!
        const travel = estimateTravel(miles, travelRules, procedure.typicalNights)
        const isHdhp = memberRow.healthPlanId === hdhpId
        const memberCost = coeMemberCost(offer.priceCents, {
          deductibleCents: isHdhp ? 300_000 : 150_000, deductibleMetCents: memberRow.deductibleMetCents as number, coinsuranceRate: isHdhp ? 0.1 : 0.2,
          oopMaxCents: isHdhp ? 650_000 : 500_000, oopPaidCents: memberRow.oopPaidCents as number, isHsaQualified: isHdhp, irsMinimumDeductibleCents: 170_000,
        }, { deductibleWaived: true, coinsuranceWaived: true, copayCents: 0 })
        const caseId = seedId('case', employer.code, i)
        const requestedDay = 20 + i * 4
        const at = (day: number) => new Date(Date.UTC(2026, 8, day, 15, 0, 0)).toISOString()
        const path = finalState === 'cancelled' || finalState === 'denied' ? ['requested', 'eligibility_verified', finalState] : CASE_PATH.slice(0, CASE_PATH.indexOf(finalState) + 1).filter((s) => s !== 'travel_booked' || travel.isCovered)
        path.forEach((state, step) => {
          events.push({ id: seedId('case-event', caseId, step), caseId, actorUserId: null, fromStatus: step === 0 ? null : path[step - 1], toStatus: state, note: state === 'cancelled' ? 'Member chose to wait until spring' : state === 'denied' ? 'Procedure not yet recommended by the treating surgeon' : null, createdAt: at(requestedDay + step * 3) })
        })
        const done = path.includes('procedure_done')
        const status = path[path.length - 1]!
        // The procedure happens on the day its event says; a case only scheduled has it ahead.
        const procedureDay = done ? requestedDay + path.indexOf('procedure_done') * 3 : requestedDay + 75
        cases.push({
          id: caseId, employerId, rosterMemberId: memberRow.id, programVersionId: versionId, procedureId: procedureIds[offer.procedureCode], offerId: offer.id, facilityId: offer.facilityId,
          status, statusReason: finalState === 'cancelled' ? 'Member chose to wait until spring' : finalState === 'denied' ? 'Procedure not yet recommended by the treating surgeon' : null,
          preferredStart: null, preferredEnd: null, scheduledDate: path.includes('scheduled') ? toIsoDate(new Date(Date.parse(at(procedureDay)))) : null,
          procedureDate: done ? toIsoDate(new Date(Date.parse(at(procedureDay)))) : null, hasCompanion: 1, contactPreference: i % 3 === 0 ? 'phone' : 'email', memberNote: null,
          bundlePriceCents: offer.priceCents, memberCostCents: memberCost.memberPaysCents, travelEstimateCents: travel.isCovered ? travel.totalCents : 0,
          travelActualCents: finalState === 'completed' && travel.isCovered ? Math.round(travel.totalCents * 0.9) : null,
          hadComplication: finalState === 'completed' ? 0 : null, wasReadmitted: finalState === 'completed' ? (i === 7 ? 1 : 0) : null, satisfaction: finalState === 'completed' ? 8 + (i % 3) : null,
          requestedAt: at(requestedDay), completedAt: finalState === 'completed' ? at(requestedDay + (path.length - 1) * 3) : null, updatedAt: at(requestedDay + (path.length - 1) * 3),
        })
      })
      await insertInBatches(trx, 'cases', cases)
      await insertInBatches(trx, 'caseEvents', events)
      // Completed cases were invoiced as the portal does (the first one paid).
      const invoices: Array<Record<string, unknown>> = []
      const invoiceLines: Array<Record<string, unknown>> = []
      for (const c of cases.filter((row) => row.status === 'completed')) {
        const invoiceId = seedId('invoice', c.id as string)
        const procedure = PROCEDURES.find((p) => procedureIds[p.code] === c.procedureId)!
        const { lines, totalCents } = caseInvoiceLines({
          procedureName: procedure.name, facilityName: facilities.find((f) => f.id === c.facilityId)!.name as string, bundleCents: c.bundlePriceCents as number,
          travelActualCents: c.travelActualCents as number | null, incentiveCents: 50_000, platformFeeCents: 50_000,
        })
        const paid = invoices.length === 0
        invoices.push({
          id: invoiceId, employerId, caseId: c.id, number: invoiceNumber(String(c.completedAt), invoiceId), status: paid ? 'paid' : 'open',
          totalCents, currency: 'usd', stripeInvoiceId: null, hostedInvoiceUrl: null, createdAt: c.completedAt, finalizedAt: c.completedAt, paidAt: paid ? c.completedAt : null, updatedAt: c.completedAt,
        })
        lines.forEach((line, n) => invoiceLines.push({ id: seedId('invoice-line', invoiceId, n), invoiceId, ...line, stripeInvoiceItemId: null }))
      }
      await insertInBatches(trx, 'invoices', invoices)
      await insertInBatches(trx, 'invoiceLines', invoiceLines)
      log(`${employer.name}: ${employer.rosterSize} members, program "${employer.program.name}" with ${network.length} offers`)
    }

    // One demo login per role.
    const users: Array<{ role: Role; email: string; name: string; orgId: string; rosterMemberId?: string | null }> = [
      ...EMPLOYERS.map((e) => ({ role: 'employer_admin' as const, email: e.adminEmail, name: e.adminName, orgId: seedId('org', e.code) })),
      { role: 'employee', email: 'member@acme.example', name: employeeName, orgId: seedId('org', 'ACME'), rosterMemberId: employeeRosterId },
      { role: 'broker', email: 'broker@harbor.example', name: 'Jordan Alvarez', orgId: broker.id },
      { role: 'care_coordinator', email: 'coordinator@coe-platform.example', name: 'Sam Okafor', orgId: platform.id },
      { role: 'center_admin', email: 'contracts@summit.example', name: 'Lee Hartman', orgId: seedId('org', 'SUMMIT') },
      { role: 'platform_admin', email: 'admin@coe-platform.example', name: 'Robin Castillo', orgId: platform.id },
    ]
    await insertInBatches(trx, 'users', users.map((u) => ({ id: seedId('user', u.email), email: u.email, passwordHash, displayName: u.name, createdAt: NOW, lastLoginAt: null })))
    await insertInBatches(
      trx,
      'memberships',
      users.map((u) => ({ id: seedId('membership', u.email), userId: seedId('user', u.email), organizationId: u.orgId, role: u.role, rosterMemberId: u.rosterMemberId ?? null, createdAt: NOW })),
    )
    const prices = await recomputeMarketPrices(trx, NOW)
    log(`${facilities.length} facilities, ${offers.length} offers, ${quality.length} quality facts, ${prices.inserted} typical local prices, ${users.length} demo logins`)
  })
  return { logins: await listDemoLogins(db) }
}
