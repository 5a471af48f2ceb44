/**
 * `npm run bench:data`: a database at DESIGN §10's size for the benchmarks (issue 9). Facilities
 * are only the real CMS hospitals: the demo seed (the committed extract db/data/cms and the demo
 * employers), then the full release (../shared/data/cms, or CMS_DIR) imported over it, with their
 * quality facts and typical prices. Then deterministic generated data: offers up to 10,000 (TKA
 * and THA at every acute-care hospital, then spine and bariatric; made up, so marked demo like the
 * seed's), 1,000 employers each with two plans and a published program of the 40 nearest offers,
 * and 1,000,000 roster rows (100,000 for the first employer, BENCH0001). SQLite `data/bench.db`
 * unless DATABASE_URL says otherwise. Prints what it made and how long each step took.
 */
import fs from 'node:fs'
import path from 'node:path'
import zipcodes from 'zipcodes'

const root = path.resolve(import.meta.dirname, '..')
const cmsDir = process.env.CMS_DIR ?? path.resolve(root, '../shared/data/cms')
if (!process.env.DATABASE_URL) {
  const file = path.join(root, 'data/bench.db')
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  process.env.DATABASE_URL = `file:${file}`
}
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-0123456789'

const { getDatabase } = await import('../app/db/client.server')
const { migrateToLatest } = await import('../db/migrate')
const { seedDemoData } = await import('../db/seed/index')
const { importCmsFolder } = await import('../app/services/cms-import.server')
const { hashPassword } = await import('../app/auth/password.server')
const { seedId, createRandom } = await import('../db/seed/random')
const { rosterKeys } = await import('../app/domain/roster/names')

export const BENCH = { offers: 10_000, employers: 1_000, rosterRows: 1_000_000, bigEmployerRows: 100_000, offersPerHospital: 2, networkSize: 40 }
const BATCH = 500
const NOW = '2026-11-01T00:00:00.000Z'
const { db, dialect } = getDatabase()
const random = createRandom(20261123)
const timings: Array<[string, number]> = []
async function step<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await run()
  timings.push([label, (performance.now() - started) / 1000])
  console.log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return result
}
async function insertAll(table: string, rows: ReadonlyArray<Record<string, unknown>>) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto(table as any).values(rows.slice(i, i + BATCH) as any).execute()
  })
}

console.log(`Building the benchmark database (${dialect}) from ${cmsDir}`)
await step('migrate and seed the demo (CMS extract, demo employers)', async () => {
  await migrateToLatest(db, dialect)
  await seedDemoData(db)
})
await step('import the full CMS release over the extract', async () => {
  const report = await importCmsFolder(cmsDir, { audit: { actor: null, actorLabel: 'bench:data', folder: cmsDir } })
  console.log(`    ${report.facilitiesTotal.toLocaleString('en-US')} hospitals; ${report.changed ? 'changed' : 'no change'} from the extract`)
})

const procedures = new Map((await db.selectFrom('procedures').select(['id', 'code']).execute()).map((p) => [p.code, p.id]))
const hospitals = await db
  .selectFrom('facilities')
  .select(['id', 'latitude', 'longitude', 'state'])
  .where('ccn', 'is not', null)
  .where('latitude', 'is not', null)
  .where('facilityType', '=', 'Acute Care Hospitals')
  .where('inactiveSince', 'is', null)
  .orderBy('ccn')
  .execute()

const offers: Array<Record<string, unknown> & { id: string; latitude: number; longitude: number; procedure: string }> = []
const existingOffers = Number((await db.selectFrom('offers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
// The demo health systems' hospitals already have the seed's offers for some procedures (one offer per hospital, procedure and start date).
const offered = new Set((await db.selectFrom('offers').select(['facilityId', 'procedureId']).execute()).map((o) => `${o.facilityId}|${o.procedureId}`))
await step(`offers (to ${BENCH.offers.toLocaleString('en-US')}: TKA and THA at every hospital, then spine and bariatric)`, async () => {
  const codes = ['TKA', 'THA', 'SPINE_FUSION', 'BARIATRIC_SLEEVE'] as const
  for (const code of codes) {
    for (const h of hospitals) {
      if (offers.length + existingOffers >= BENCH.offers) break
      if (offered.has(`${h.id}|${procedures.get(code)}`)) continue
      offers.push({
        id: seedId('bench-offer', h.id, code), facilityId: h.id, procedureId: procedures.get(code), priceCents: random.int(220, 420) * 10_000, includesFacility: 1,
        includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2, annualVolume: null,
        accreditation: null, appointmentWithinDays: 14, validFrom: '2026-01-01', validTo: '2027-12-31', status: 'active', isDemo: 1, createdAt: NOW, updatedAt: NOW,
        latitude: h.latitude!, longitude: h.longitude!, procedure: code,
      })
    }
  }
  await insertAll('offers', offers.map(({ latitude: _a, longitude: _b, procedure: _c, ...row }) => row))
})
const jointOffers = offers.filter((o) => o.procedure === 'TKA' || o.procedure === 'THA')

// Employers live around real ZIPs spread over the country (every 40th ZIP with coordinates).
const allZips = (zipcodes.radius('64108', 3_000) as string[]).map((z) => zipcodes.lookup(z)!).filter((z) => z && z.latitude !== 0).sort((a, b) => a.zip.localeCompare(b.zip))
const homes = allZips.filter((_, i) => i % 37 === 0)
const distance2 = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) => (a.latitude - b.latitude) ** 2 + (a.longitude - b.longitude) ** 2

const passwordHash = await hashPassword('bench-password-2026')
await step(`${BENCH.employers} employers with plans and published programs`, async () => {
  const orgs = []
  const plans = []
  const programs = []
  const versions = []
  const procedureRows = []
  const network = []
  const benefit = []
  const travel = []
  for (let e = 1; e <= BENCH.employers; e++) {
    const code = `BENCH${String(e).padStart(4, '0')}`
    const employerId = seedId('bench-org', code)
    const home = homes[(e * 7) % homes.length]!
    orgs.push({ id: employerId, kind: 'employer', name: `Bench Employer ${e}`, code, createdAt: NOW })
    plans.push(
      { id: seedId('bench-plan', code, 'PPO'), employerId, name: 'Choice PPO', planType: 'PPO', isHsaQualified: 0, deductibleIndividualCents: 150_000, deductibleFamilyCents: 300_000, coinsuranceRate: 0.2, oopMaxIndividualCents: 500_000, oopMaxFamilyCents: 1_000_000, createdAt: NOW, updatedAt: NOW },
      { id: seedId('bench-plan', code, 'HDHP'), employerId, name: 'Saver HDHP', planType: 'HDHP', isHsaQualified: 1, deductibleIndividualCents: 300_000, deductibleFamilyCents: 600_000, coinsuranceRate: 0.1, oopMaxIndividualCents: 650_000, oopMaxFamilyCents: 1_300_000, createdAt: NOW, updatedAt: NOW },
    )
    const programId = seedId('bench-program', code)
    const versionId = seedId('bench-version', code)
    programs.push({ id: programId, employerId, name: 'Joint Replacement COE', createdAt: NOW, createdByUserId: null })
    versions.push({ id: versionId, programId, version: 1, status: 'published', effectiveFrom: '2026-01-01', effectiveTo: null, createdAt: NOW, createdByUserId: null, publishedAt: NOW, publishedByUserId: null })
    for (const code of ['TKA', 'THA']) procedureRows.push({ programVersionId: versionId, procedureId: procedures.get(code) })
    const nearest = [...jointOffers].sort((a, b) => distance2(a, home) - distance2(b, home)).slice(0, BENCH.networkSize)
    for (const o of nearest) network.push({ programVersionId: versionId, offerId: o.id, bundlePriceCents: o.priceCents })
    benefit.push({ programVersionId: versionId, deductibleWaived: 1, coinsuranceWaived: 1, coeCopayCents: 0, completionIncentiveCents: 50_000, outsideRule: 'plan_terms', outsideCoinsuranceRate: null })
    travel.push({ programVersionId: versionId, minDistanceMiles: 50, companionCovered: 1, flyThresholdMiles: 300, mileageRateCents: 70, airfareAllowanceCents: 60_000, lodgingNights: null, lodgingNightlyCapCents: 17_500, mealsPerDiemCents: 6_000, travelCapCents: 500_000 })
  }
  await insertAll('organizations', orgs)
  await insertAll('healthPlans', plans)
  await insertAll('programs', programs)
  await insertAll('programVersions', versions)
  await insertAll('programProcedures', procedureRows)
  await insertAll('programNetwork', network)
  await insertAll('programBenefitRules', benefit)
  await insertAll('programTravelRules', travel)
})

await step(`${BENCH.rosterRows.toLocaleString('en-US')} roster rows`, async () => {
  const perEmployer = (e: number) => (e === 1 ? BENCH.bigEmployerRows : Math.floor((BENCH.rosterRows - BENCH.bigEmployerRows) / (BENCH.employers - 1)) + (e <= (BENCH.rosterRows - BENCH.bigEmployerRows) % (BENCH.employers - 1) + 1 ? 1 : 0))
  let total = 0
  for (let e = 1; e <= BENCH.employers; e++) {
    const code = `BENCH${String(e).padStart(4, '0')}`
    const employerId = seedId('bench-org', code)
    // The big employer is national (members in every region); the others live around their home.
    const home = homes[(e * 7) % homes.length]!
    const near = e === 1 ? homes : allZips.filter((z) => distance2(z, home) < 1).slice(0, 60)
    const rows = []
    for (let n = 1; n <= perEmployer(e); n++) {
      const tier = (['employee', 'employee', 'employee_spouse', 'family'] as const)[n % 4]!
      rows.push({
        id: seedId('bench-roster', code, n), employerId, employeeId: `E${String(n).padStart(7, '0')}`, firstName: 'Member', lastName: `N${n}`,
        ...rosterKeys({ employeeId: `E${String(n).padStart(7, '0')}`, firstName: 'Member', lastName: `N${n}` }),
        dateOfBirth: `${1960 + (n % 44)}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`, zip: (near[n % near.length] ?? home).zip,
        healthPlanId: seedId('bench-plan', code, n % 3 ? 'PPO' : 'HDHP'), coverageTier: tier, coverageStart: '2026-01-01', coverageEnd: null,
        dependentsCount: tier === 'employee' ? 0 : 2, deductibleMetCents: (n % 5) * 25_000, oopPaidCents: (n % 5) * 25_000, createdAt: NOW, updatedAt: NOW,
      })
    }
    await insertAll('rosterMembers', rows)
    total += rows.length
  }
  return total
})

await step('benchmark member login (bench-member@example.com)', async () => {
  const userId = seedId('bench-user', 'member')
  await insertAll('users', [{ id: userId, email: 'bench-member@example.com', passwordHash, displayName: 'Bench Member', createdAt: NOW, lastLoginAt: null }])
  await insertAll('memberships', [{ id: seedId('bench-membership', 'member'), userId, organizationId: seedId('bench-org', 'BENCH0001'), role: 'employee', rosterMemberId: seedId('bench-roster', 'BENCH0001', 1), createdAt: NOW }])
})

const counts = {
  facilities: Number((await db.selectFrom('facilities').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  offers: Number((await db.selectFrom('offers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  employers: Number((await db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'employer').executeTakeFirstOrThrow()).n),
  rosterRows: Number((await db.selectFrom('rosterMembers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
}
console.log(`Done: ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')} in ${timings.reduce((s, [, t]) => s + t, 0).toFixed(0)} s (${process.env.DATABASE_URL})`)
await db.destroy()
