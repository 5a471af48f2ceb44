/**
 * Transparency in Coverage file benchmark (issue 23): `npm run bench:tic [-- offers=10000]`.
 * Builds a fresh SQLite database (or uses DATABASE_URL's PostgreSQL schema when BENCH_TIC_PG=1)
 * with one employer whose published program's network holds N generated offers (TKA and THA at
 * N/2 facilities of 50 health systems, each with TIN and NPI), writes the in-network rates file
 * with the CLI's service to a file, and prints network rows/s, the file's size and the peak RSS
 * while writing beside the RSS before. Validates the file against the project schema after.
 * Figures, not a pass/fail test.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Ajv from 'ajv'

const offers = Number(process.argv[2] ?? 10_000)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tic-'))
if (!process.env.BENCH_TIC_PG) process.env.DATABASE_URL = `file:${path.join(dir, 'bench.db')}`
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-0123456789'

const { getDatabase } = await import('../app/db/client.server')
const { migrateToLatest } = await import('../db/migrate')
const { exportInNetworkRates } = await import('../app/services/transparency.server')
const { demoNpi } = await import('../app/domain/offers/provider-ids')
const { facilitySearchKeys } = await import('../app/domain/search/facility-text')
const schema = (await import('../app/domain/tic/in-network-rates.schema.json', { with: { type: 'json' } })).default

const { db, dialect } = getDatabase()
await migrateToLatest(db, dialect)
const now = new Date().toISOString()
const tag = Date.now().toString(36).toUpperCase()
const id = (...parts: Array<string | number>) => `bench-tic-${tag}-${parts.join('-')}`
const insert = async (table: string, rows: Array<Record<string, unknown>>) => {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto(table as never).values(rows.slice(i, i + 200) as never).execute()
}

const procedures = ['TKA', 'THA'].map((code) => ({
  id: id('procedure', code), code: `${code}`, name: code === 'TKA' ? 'Total knee replacement' : 'Total hip replacement', description: code, drgCodes: '["469","470"]',
  typicalNights: 1, nightsSource: 'bench', nightsAway: 5, nightsAwaySource: 'bench', incidencePerThousand: 1.5, incidenceSource: 'bench', medicareBaseCents: null, medicareBaseSource: null,
  defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
}))
const existing = await db.selectFrom('procedures').select(['id', 'code']).where('code', 'in', ['TKA', 'THA']).execute()
if (existing.length === 0) await insert('procedures', procedures)
const procedureIds = existing.length > 0 ? existing.map((p) => p.id) : procedures.map((p) => p.id)
const systems = Array.from({ length: 50 }, (_, i) => ({ id: id('system', i), kind: 'health_system', name: `Bench Health ${i + 1}`, code: id('HS', i), createdAt: now }))
const employer = { id: id('employer'), kind: 'employer', name: 'Bench TiC Employer', code: `TIC${tag}`, createdAt: now, tin: '310000001' }
await insert('organizations', [...systems, employer])
const facilityCount = Math.ceil(offers / procedureIds.length)
await insert('facilities', Array.from({ length: facilityCount }, (_, i) => ({
  ...facilitySearchKeys({ name: `Bench Hospital ${i + 1}`, city: 'Columbus' }),
  id: id('facility', i), ccn: null, name: `Bench Hospital ${i + 1}`, address: `${i + 1} Main St`, city: 'Columbus', state: 'OH', zip: '43215', county: null, phone: null,
  latitude: 39.96, longitude: -83.0, coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 3,
  healthSystemId: systems[i % systems.length]!.id, createdAt: now, updatedAt: now,
})))
const offerRows = Array.from({ length: offers }, (_, i) => ({
  id: id('offer', String(i).padStart(6, '0')), facilityId: id('facility', Math.floor(i / procedureIds.length)), procedureId: procedureIds[i % procedureIds.length]!,
  priceCents: 2_500_000 + (i % 1000) * 1_000, includesFacility: 1, includesSurgeon: 1, includesAnesthesia: 1, includesImplant: 1, includesFollowUp: 1, warrantyDays: 90, followUpVisits: 2,
  annualVolume: null, accreditation: null, appointmentWithinDays: null, validFrom: '2026-01-01', validTo: i % 3 === 0 ? '2027-12-31' : null, status: 'active',
  tin: `9${String(100_000_00 + (Math.floor(i / procedureIds.length) % systems.length)).padStart(8, '0')}`, npi: demoNpi(Math.floor(i / procedureIds.length) + 1), createdAt: now, updatedAt: now,
}))
await insert('offers', offerRows)
await insert('programs', [{ id: id('program'), employerId: employer.id, name: 'Bench joints', createdAt: now, createdByUserId: null }])
await insert('programVersions', [{ id: id('version'), programId: id('program'), version: 1, status: 'published', effectiveFrom: '2026-01-01', effectiveTo: null, createdAt: now, createdByUserId: null, publishedAt: now, publishedByUserId: null }])
await insert('programNetwork', offerRows.map((o) => ({ programVersionId: id('version'), offerId: o.id, bundlePriceCents: o.priceCents })))

const out = path.join(dir, 'in-network-rates.json')
const rssBefore = process.memoryUsage().rss
let peak = rssBefore
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
const started = performance.now()
const result = await exportInNetworkRates(employer.code, { path: out }, { actorLabel: 'bench' })
const seconds = (performance.now() - started) / 1000
clearInterval(sampler)
peak = Math.max(peak, process.memoryUsage().rss)
if (!result.ok) throw new Error(result.reasons.join('\n'))
const bytes = fs.statSync(out).size
const file = JSON.parse(fs.readFileSync(out, 'utf8')) as { in_network: Array<{ negotiated_rates: unknown[] }>; provider_references: unknown[] }
const rates = file.in_network.reduce((sum, item) => sum + item.negotiated_rates.length, 0)
const isValid = new Ajv().compile(schema)(file)
const mb = (n: number) => (n / 1024 / 1024).toFixed(0)
console.log(`TiC in-network rates file (${dialect}): ${offers.toLocaleString('en-US')} network offers → ${rates.toLocaleString('en-US')} negotiated rates in ${file.in_network.length} items, ${file.provider_references.length.toLocaleString('en-US')} provider groups`)
console.log(`  ${Math.round(offers / seconds).toLocaleString('en-US')} offers/s (${Math.round(rates / seconds).toLocaleString('en-US')} rates/s), ${seconds.toFixed(2)} s, file ${(bytes / 1024 / 1024).toFixed(1)} MB`)
console.log(`  peak RSS while writing ${mb(peak)} MB (before ${mb(rssBefore)} MB); schema ${isValid ? 'valid' : 'INVALID'}`)
await db.destroy()
fs.rmSync(dir, { recursive: true, force: true })
if (!isValid) process.exitCode = 1
