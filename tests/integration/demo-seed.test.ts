import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseConnection } from '~/db/connection'
import { getDb } from '~/db/client.server'
import { CASE_PATH, type CaseState } from '~/domain/cases/case-flow'
import { addDays } from '~/domain/dates'
import { distanceMiles } from '~/domain/geo/distance'
import { parseNpi, parseTin } from '~/domain/offers/provider-ids'
import { pricedCompletedCases, windowOf } from '~/services/dashboard.server'
import zipcodes from 'zipcodes'
import { OFFER_PRICE_RANGE, type ProcedureCode } from '../../db/seed/catalog'
import { DEMO_NOW, listDemoLogins, seedDemoData } from '../../db/seed/index'
import { COALITION, EMPLOYERS, SMALL_EMPLOYER } from '../../db/seed/metros'
import { seedId } from '../../db/seed/random'

/*
 * Issue 19: the demo runs on the real CMS hospitals of db/data/cms, and only what no public file
 * has is made up (and labelled demo). The seed is given its own connection, as `npm run demo` and
 * the e2e server give it one, and the CMS import must still land in that database.
 */

const ALL_STATES: CaseState[] = [...CASE_PATH, 'cancelled', 'denied']
let own: DatabaseConnection
let appConnectionBefore: unknown

beforeAll(async () => {
  appConnectionBefore = globalThis.__portalDatabase
  own = openDatabase({ url: process.env.DATABASE_URL!, schema: process.env.DATABASE_SCHEMA })
  await seedDemoData(own.db)
}, 120_000)

afterAll(async () => {
  await own?.db.destroy()
})

const count = async (query: { executeTakeFirstOrThrow: () => Promise<{ n: number | string | bigint }> }) => Number((await query.executeTakeFirstOrThrow()).n)

describe('the demo seed', () => {
  it('loads the real CMS hospitals and facts from db/data/cms, through the database it was given, audited as the demo seed', async () => {
    expect(globalThis.__portalDatabase).toBe(appConnectionBefore)
    const db = getDb()
    expect(await count(db.selectFrom('facilities').select((eb) => eb.fn.countAll().as('n')))).toBe(5432)
    expect(await count(db.selectFrom('facilities').select((eb) => eb.fn.countAll().as('n')).where('ccn', 'is', null))).toBe(0)
    // Every quality fact is CMS's: none made up.
    const sources = await db.selectFrom('qualityMeasures').select('source').distinct().execute()
    expect(sources.length).toBeGreaterThan(0)
    for (const { source } of sources) expect(source).toMatch(/^CMS /)
    const riverside = await db
      .selectFrom('facilities')
      .innerJoin('qualityMeasures', 'qualityMeasures.facilityId', 'facilities.id')
      .select(['facilities.name', 'facilities.starRating', 'qualityMeasures.value', 'qualityMeasures.periodStart', 'qualityMeasures.periodEnd'])
      .where('facilities.ccn', '=', '360006')
      .where('qualityMeasures.measureCode', '=', 'COMP_HIP_KNEE')
      .executeTakeFirstOrThrow()
    expect(riverside).toEqual({ name: 'RIVERSIDE METHODIST HOSPITAL', starRating: 4, value: 3.8, periodStart: '2021-04-01', periodEnd: '2024-03-31' })
    const history = await db.selectFrom('cmsImports').select(['folder', 'actorLabel', 'outcome']).execute()
    expect(history).toEqual([{ folder: 'db/data/cms', actorLabel: 'Demo seed', outcome: 'imported' }])
    const audit = await db.selectFrom('auditLog').select(['action', 'subjectId']).where('action', 'like', 'cms.%').execute()
    expect(audit).toEqual([{ action: 'cms.imported', subjectId: 'db/data/cms' }])
    // The catalog the seed loaded first: hip/knee priced from CMS's national payment, nights away set (DESIGN §4).
    const tka = await db.selectFrom('procedures').select(['medicareBaseSource', 'nightsAway']).where('code', '=', 'TKA').executeTakeFirstOrThrow()
    expect(tka.medicareBaseSource).toMatch(/^CMS Payment-National PAYM_90_HIP_KNEE/)
    expect(tka.nightsAway).toBe(5)
    // Typical local prices were computed from it.
    expect(await count(db.selectFrom('marketPrices').select((eb) => eb.fn.countAll().as('n')).where('scope', '=', 'national'))).toBeGreaterThan(0)
  })

  it('has demo health systems that own real acute-care hospitals, chosen by CCN, with demo offers in the price ranges', async () => {
    const db = getDb()
    const systems = await db.selectFrom('organizations').select(['id', 'code', 'name']).where('kind', '=', 'health_system').orderBy('code').execute()
    expect(systems.map((s) => s.code)).toEqual(['DESERTVALLEY', 'LAKESHORE', 'SUMMIT'])
    for (const s of systems) expect(s.name).toMatch(/ \(demo\)$/)
    const owned = await db.selectFrom('facilities').select(['id', 'ccn', 'city', 'state', 'facilityType', 'healthSystemId']).where('healthSystemId', 'is not', null).orderBy('ccn').execute()
    expect(owned.length).toBeGreaterThanOrEqual(30)
    for (const f of owned) expect(f.facilityType).toBe('Acute Care Hospitals')
    // Deterministic: per place, the first hospitals by CCN with a star rating and hip/knee facts
    // (Columbus 360006, 360012, 360017; Dayton 360051, 360133; Indianapolis; Denver; Salt Lake City).
    const summit = systems.find((s) => s.code === 'SUMMIT')!.id
    expect(owned.filter((f) => f.healthSystemId === summit).map((f) => f.ccn)).toEqual([
      '060014', '060024', '060032', '150056', '150074', '150084', '360006', '360012', '360017', '360051', '360133', '460003', '460006',
    ])

    const offers = await db
      .selectFrom('offers')
      .innerJoin('procedures', 'procedures.id', 'offers.procedureId')
      .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
      .select(['offers.isDemo', 'offers.priceCents', 'offers.accreditation', 'offers.annualVolume', 'procedures.code', 'facilities.healthSystemId', 'offers.tin', 'offers.npi', 'offers.facilityId'])
      .execute()
    expect(offers.length).toBeGreaterThan(50)
    const npiOfFacility = new Map<string, string>()
    for (const o of offers) {
      expect(o.isDemo).toBe(1)
      // Demo provider identifiers (issue 23): a TIN per system, an NPI per hospital with a valid check digit.
      expect(parseTin(o.tin ?? '')).toEqual({ ok: true, value: o.tin })
      expect(o.tin).toMatch(/^90/)
      expect(parseNpi(o.npi ?? '')).toEqual({ ok: true, value: o.npi })
      expect(npiOfFacility.get(o.facilityId) ?? o.npi).toBe(o.npi)
      npiOfFacility.set(o.facilityId, o.npi!)
      expect(o.healthSystemId).not.toBeNull()
      // No claim about the real hospital that no public file makes.
      expect(o.accreditation).toBeNull()
      expect(o.annualVolume).toBeNull()
      const [low, high] = OFFER_PRICE_RANGE[o.code as ProcedureCode]
      expect(o.priceCents).toBeGreaterThanOrEqual(low * 100)
      expect(o.priceCents).toBeLessThanOrEqual(high * 100)
    }

    // Acme's members near Columbus have centers close by and others far enough for travel to be covered.
    const columbus = zipcodes.lookup('43215')!
    const network = await db
      .selectFrom('programNetwork')
      .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
      .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
      .select(['facilities.latitude', 'facilities.longitude'])
      .where('programNetwork.programVersionId', '=', seedId('program-version', 'ACME', 1))
      .execute()
    const miles = network.map((f) => distanceMiles(columbus, { latitude: f.latitude!, longitude: f.longitude! }))
    expect(miles.some((m) => m < 50)).toBe(true)
    expect(miles.some((m) => m >= 50)).toBe(true)
  })

  it('gives each demo employer a year of cases in every state, the completed ones with outcomes and an invoice', async () => {
    const db = getDb()
    for (const employer of EMPLOYERS) {
      const employerId = seedId('org', employer.code)
      const cases = await db
        .selectFrom('cases')
        .innerJoin('offers', 'offers.id', 'cases.offerId')
        .select([
          'cases.id', 'cases.status', 'cases.requestedAt', 'cases.completedAt', 'cases.scheduledDate', 'cases.procedureDate', 'cases.hadComplication', 'cases.wasReadmitted',
          'cases.satisfaction', 'cases.facilityId', 'offers.facilityId as offerFacilityId', 'offers.isDemo', 'cases.thirtyDayOutcomesAt', 'cases.ninetyDayOutcomesAt',
          'cases.hasPatientReportedOutcomes', 'cases.firstConsultDate',
        ])
        .where('cases.employerId', '=', employerId)
        .execute()
      expect(cases.length).toBeGreaterThanOrEqual(20)
      expect(cases.length).toBeLessThanOrEqual(100)
      expect(new Set(cases.map((c) => c.status))).toEqual(new Set(ALL_STATES))
      const months = new Set(cases.map((c) => c.requestedAt.slice(0, 7)))
      expect(months.size).toBeGreaterThanOrEqual(9)
      for (const c of cases) {
        expect(c.requestedAt >= '2026-01-01' && c.requestedAt <= DEMO_NOW).toBe(true)
        expect(c.facilityId).toBe(c.offerFacilityId)
        expect(c.isDemo).toBe(1)
        if (c.status === 'scheduled' || c.status === 'travel_booked') expect(c.scheduledDate! > DEMO_NOW.slice(0, 10)).toBe(true)
        if (c.status === 'procedure_done' || c.status === 'completed') expect(c.procedureDate! <= DEMO_NOW.slice(0, 10)).toBe(true)
        if (c.status === 'completed') {
          expect(c.completedAt! <= DEMO_NOW).toBe(true)
          // The 30-day check-in is always past for a completed case; the 90-day one only when its day has come.
          expect(c.thirtyDayOutcomesAt! <= DEMO_NOW && c.thirtyDayOutcomesAt!.slice(0, 10) === addDays(c.procedureDate!, 30)).toBe(true)
          expect([c.wasReadmitted, c.satisfaction]).not.toContain(null)
          const ninetyDue = addDays(c.procedureDate!, 90) <= DEMO_NOW.slice(0, 10)
          expect(c.ninetyDayOutcomesAt !== null).toBe(ninetyDue)
          expect(c.hadComplication !== null && c.hasPatientReportedOutcomes !== null).toBe(ninetyDue)
          expect(c.firstConsultDate! > c.requestedAt.slice(0, 10) && c.firstConsultDate! <= c.procedureDate!).toBe(true)
        }
      }

      // Every step is an event, in order, ending at the case's status.
      const events = await db.selectFrom('caseEvents').select(['caseId', 'fromStatus', 'toStatus', 'createdAt']).where('caseId', 'in', cases.map((c) => c.id)).orderBy('createdAt').execute()
      for (const c of cases) {
        const mine = events.filter((e) => e.caseId === c.id)
        expect(mine[0]).toMatchObject({ fromStatus: null, toStatus: 'requested', createdAt: c.requestedAt })
        mine.slice(1).forEach((e, i) => expect(e.fromStatus).toBe(mine[i]!.toStatus))
        expect(mine[mine.length - 1]!.toStatus).toBe(c.status)
        expect(mine[mine.length - 1]!.createdAt <= DEMO_NOW).toBe(true)
      }

      // Completed cases are invoiced: bundle, travel actuals, incentive and fee, as the portal invoices them.
      const completed = cases.filter((c) => c.status === 'completed')
      const invoices = await db.selectFrom('invoices').select(['id', 'caseId', 'totalCents', 'status']).where('employerId', '=', employerId).execute()
      expect(invoices.map((i) => i.caseId).sort()).toEqual(completed.map((c) => c.id).sort())
      for (const invoice of invoices) {
        const lines = await db.selectFrom('invoiceLines').select(['kind', 'amountCents']).where('invoiceId', '=', invoice.id).execute()
        expect(lines.reduce((sum, l) => sum + l.amountCents, 0)).toBe(invoice.totalCents)
        expect(lines.map((l) => l.kind)).toContain('platform_fee')
      }
      expect(invoices.some((i) => i.status === 'paid')).toBe(true)

      // The dashboard prices them: a typical local price for the member's state, so savings show.
      const priced = await pricedCompletedCases(db, { employerId }, windowOf({ from: '2026-01-01', to: '2026-12-31', programId: null }))
      expect(priced.length).toBe(completed.length)
      expect(priced.filter((p) => p.outsidePriceCents !== null).length).toBe(completed.length)
      const searched = await db.selectFrom('searchEvents').select((eb) => eb.fn.count('userId').distinct().as('n')).where('employerId', '=', employerId).executeTakeFirstOrThrow()
      expect(Number(searched.n)).toBeGreaterThan(cases.length)
    }
  })

  it('gives phone and text cases a number, e-mail cases an address, some open cases to the demo coordinator, and the US federal holidays of 2025-2027', async () => {
    const db = getDb()
    const cases = await db.selectFrom('cases').select(['contactPreference', 'contactPhone', 'contactEmail', 'status', 'assigneeUserId']).execute()
    expect(cases.filter((c) => c.contactPreference !== 'email' && !c.contactPhone)).toEqual([])
    expect(cases.filter((c) => c.contactPreference === 'email' && !c.contactEmail)).toEqual([])
    const coordinator = await db.selectFrom('users').select('id').where('email', '=', 'coordinator@coe-platform.example').executeTakeFirstOrThrow()
    const open = cases.filter((c) => !['completed', 'cancelled', 'denied'].includes(c.status))
    expect(open.filter((c) => c.assigneeUserId === coordinator.id).length).toBeGreaterThan(0)
    expect(open.filter((c) => c.assigneeUserId === null).length).toBeGreaterThan(0)
    expect(cases.filter((c) => c.assigneeUserId !== null && c.assigneeUserId !== coordinator.id)).toEqual([])
    const holidays = await db.selectFrom('platformHolidays').select(['date', 'name']).execute()
    expect(holidays).toHaveLength(33)
    expect(holidays).toContainEqual({ date: '2026-11-26', name: 'Thanksgiving Day' })
  })

  it('keeps the demo member (Columbus, OH 43215) free of cases, and lists the fixed demo logins', async () => {
    const db = getDb()
    const member = await db
      .selectFrom('users')
      .innerJoin('memberships', 'memberships.userId', 'users.id')
      .innerJoin('rosterMembers', 'rosterMembers.id', 'memberships.rosterMemberId')
      .select(['rosterMembers.id', 'rosterMembers.zip'])
      .where('users.email', '=', 'member@acme.example')
      .executeTakeFirstOrThrow()
    expect(member.zip).toBe('43215')
    expect(await count(db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('rosterMemberId', '=', member.id))).toBe(0)
    const logins = await listDemoLogins(db)
    expect(logins.map((l) => l.email).sort()).toEqual(
      [
        'admin@coe-platform.example', 'admin@glec.example', 'broker@harbor.example', 'contracts@desertvalley.example', 'contracts@lakeshore.example', 'contracts@summit.example', 'coordinator@coe-platform.example',
        'hr@acme.example', 'hr@bluewave.example', 'hr@cedar.example', 'hr@lakeside.example', 'member@acme.example',
      ],
    )
    expect(logins.find((l) => l.email === 'contracts@summit.example')!.organization).toBe('Summit Health Partners (demo)')
    // Nothing else in the database is at a facility the seed invented.
    const { rows } = await sql<{ n: number }>`select count(*) as n from offers o join facilities f on f.id = o.facility_id where f.ccn is null`.execute(db)
    expect(Number(rows[0]!.n)).toBe(0)
  })

  it('gives each demo health system one signed contract, its first period closed and reconciled through the portal\'s close, the second open', async () => {
    const db = getDb()
    const contracts = await db
      .selectFrom('contracts')
      .innerJoin('organizations as hs', 'hs.id', 'contracts.healthSystemOrganizationId')
      .innerJoin('organizations as purchaser', 'purchaser.id', 'contracts.purchaserOrganizationId')
      .select(['contracts.id', 'contracts.status', 'hs.code'])
      .where('purchaser.kind', '=', 'employer')
      .orderBy('hs.code')
      .execute()
    expect(contracts.map((c) => [c.code, c.status])).toEqual([['DESERTVALLEY', 'active'], ['LAKESHORE', 'active'], ['SUMMIT', 'active']])
    for (const contract of contracts) {
      const signatures = await db.selectFrom('contractSignatures').innerJoin('contractVersions', 'contractVersions.id', 'contractSignatures.versionId').select(['contractSignatures.termsSha256', 'contractVersions.termsSha256 as versionSha256', 'contractVersions.status']).where('contractVersions.contractId', '=', contract.id).execute()
      expect(signatures).toHaveLength(2)
      for (const s of signatures) expect([s.status, s.termsSha256]).toEqual(['signed', s.versionSha256])
      const periods = await db.selectFrom('contractPeriods').select(['id', 'sequence', 'periodStart', 'periodEnd', 'status']).where('contractId', '=', contract.id).orderBy('sequence').execute()
      expect(periods.map((p) => [p.periodStart, p.periodEnd, p.status])).toEqual([['2025-07-01', '2026-06-30', 'reconciled'], ['2026-07-01', '2027-06-30', 'open']])
      const statement = await db.selectFrom('contractStatements').select(['statement', 'episodeCount', 'totalBenchmarkCents', 'settlementCents']).where('periodId', '=', periods[0]!.id).executeTakeFirstOrThrow()
      const document = JSON.parse(statement.statement) as { reconciliation: { episodes: Array<{ benchmarkCents: number; savingsCents: number }>; grossSavingsCents: number } }
      expect(Number(statement.episodeCount)).toBeGreaterThan(0)
      expect(document.reconciliation.episodes).toHaveLength(Number(statement.episodeCount))
      expect(document.reconciliation.episodes.reduce((sum, e) => sum + e.benchmarkCents, 0)).toBe(Number(statement.totalBenchmarkCents))
      expect(document.reconciliation.episodes.reduce((sum, e) => sum + e.savingsCents, 0)).toBe(document.reconciliation.grossSavingsCents)
    }
    // Summit's contract has one warranty event: a readmission elsewhere, credited in full, on its episode.
    const summit = contracts.find((c) => c.code === 'SUMMIT')!.id
    const events = await db.selectFrom('caseWarrantyEvents').innerJoin('cases', 'cases.id', 'caseWarrantyEvents.caseId').select(['caseWarrantyEvents.place', 'caseWarrantyEvents.kind', 'caseWarrantyEvents.costCents', 'caseWarrantyEvents.creditedCents', 'cases.wasReadmitted']).where('contractId', '=', summit).execute()
    expect(events.map((e) => ({ ...e, costCents: Number(e.costCents), creditedCents: Number(e.creditedCents) }))).toEqual([{ place: 'elsewhere', kind: 'readmission', costCents: 845_000, creditedCents: 845_000, wasReadmitted: 1 }])
    expect(await count(db.selectFrom('contractCredits').select((eb) => eb.fn.countAll().as('n')).where('contractId', '=', summit))).toBe(1)
  })

  it('gives the coalition GLEC one signed contract with Summit whose reconciled first period is allocated to its members by episodes, to the cent', async () => {
    const db = getDb()
    const contracts = await db
      .selectFrom('contracts')
      .innerJoin('organizations as hs', 'hs.id', 'contracts.healthSystemOrganizationId')
      .innerJoin('organizations as purchaser', 'purchaser.id', 'contracts.purchaserOrganizationId')
      .select(['contracts.id', 'contracts.status', 'hs.code as healthSystem', 'purchaser.code as purchaser'])
      .where('purchaser.kind', '=', 'coalition')
      .execute()
    expect(contracts.map((c) => [c.purchaser, c.healthSystem, c.status])).toEqual([['GLEC', 'SUMMIT', 'active']])
    const period = await db.selectFrom('contractPeriods').select(['id', 'status']).where('contractId', '=', contracts[0]!.id).where('sequence', '=', 1).executeTakeFirstOrThrow()
    expect(period.status).toBe('reconciled')
    const statement = await db.selectFrom('contractStatements').select(['statement', 'episodeCount', 'settlementCents']).where('periodId', '=', period.id).executeTakeFirstOrThrow()
    const document = JSON.parse(statement.statement) as { allocation?: Array<{ employerName: string; episodes: number; allocatedCents: number }> }
    const allocation = document.allocation ?? []
    // Only member employers, each episode allocated once, and the shares add up to the settlement exactly.
    expect(allocation.length).toBeGreaterThan(0)
    for (const line of allocation) expect(['Acme Manufacturing', 'Bluewave Logistics', 'Lakeside Credit Union (demo)']).toContain(line.employerName)
    expect(allocation.reduce((n, line) => n + line.episodes, 0)).toBe(Number(statement.episodeCount))
    expect(allocation.reduce((n, line) => n + line.allocatedCents, 0)).toBe(Number(statement.settlementCents))
  })

  it('has the demo coalition GLEC: Acme and Bluewave members since 2026-01-01, Lakeside (300 people near Cleveland and Detroit, no program) since 2026-06-01', async () => {
    const db = getDb()
    const coalition = await db.selectFrom('organizations').select(['id', 'kind', 'name']).where('code', '=', 'GLEC').executeTakeFirstOrThrow()
    expect(coalition).toEqual({ id: seedId('org', 'GLEC'), kind: 'coalition', name: 'Great Lakes Employers Coalition (demo)' })
    const members = await db
      .selectFrom('coalitionMemberships')
      .innerJoin('organizations', 'organizations.id', 'coalitionMemberships.employerOrganizationId')
      .select(['organizations.code', 'organizations.kind', 'coalitionMemberships.status', 'coalitionMemberships.joinedOn', 'coalitionMemberships.leftOn'])
      .where('coalitionMemberships.coalitionOrganizationId', '=', coalition.id)
      .orderBy('organizations.code')
      .execute()
    expect(members).toEqual([
      { code: 'ACME', kind: 'employer', status: 'active', joinedOn: '2026-01-01', leftOn: null },
      { code: 'BLUEWAVE', kind: 'employer', status: 'active', joinedOn: '2026-01-01', leftOn: null },
      { code: 'LAKE', kind: 'employer', status: 'active', joinedOn: '2026-06-01', leftOn: null },
    ])
    const logins = await listDemoLogins(db)
    expect(logins.find((l) => l.email === 'admin@glec.example')).toMatchObject({ role: 'coalition_admin', organization: COALITION.name })
    expect(logins.find((l) => l.email === 'hr@lakeside.example')).toMatchObject({ role: 'employer_admin', organization: SMALL_EMPLOYER.name })

    const lake = seedId('org', 'LAKE')
    expect(await db.selectFrom('organizations').select(['kind', 'name']).where('id', '=', lake).executeTakeFirstOrThrow()).toEqual({ kind: 'employer', name: 'Lakeside Credit Union (demo)' })
    const roster = await db.selectFrom('rosterMembers').select(['employeeId', 'zip', 'healthPlanId', 'coverageEnd']).where('employerId', '=', lake).orderBy('employeeId').execute()
    expect(roster).toHaveLength(300)
    expect(roster[0]!.employeeId).toBe('L000001')
    expect(new Set(roster.map((r) => r.employeeId)).size).toBe(300)
    const anchors = SMALL_EMPLOYER.homeZips.map((zip) => zipcodes.lookup(zip)!)
    for (const member of roster) {
      const place = zipcodes.lookup(member.zip)
      expect(place, member.zip).toBeTruthy() // a real ZIP
      expect(Math.min(...anchors.map((a) => distanceMiles(a, place!)))).toBeLessThanOrEqual(36)
      expect(member.healthPlanId).not.toBeNull()
      expect(member.coverageEnd).toBeNull()
    }
    // Both places have people, and Lakeside has no program or case yet (the coalition's network is to adopt).
    expect(roster.some((m) => m.zip.startsWith('44'))).toBe(true)
    expect(roster.some((m) => m.zip.startsWith('48'))).toBe(true)
    expect(await count(db.selectFrom('programs').select((eb) => eb.fn.countAll().as('n')).where('employerId', '=', lake))).toBe(0)
    expect(await count(db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).where('employerId', '=', lake))).toBe(0)
  })
})
