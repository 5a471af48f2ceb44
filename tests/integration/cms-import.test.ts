import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import * as facilityPage from '~/routes/facilities.$facilityId'
import { savePriceFactor } from '~/services/catalog-admin.server'
import { importCmsFolder } from '~/services/cms-import.server'
import { actorOf, cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants } from './tenants'

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/cms')
const hasSharedData = fs.existsSync(path.join(SHARED, 'Hospital_General_Information.csv'))

const HGI_HEADER =
  '"Facility ID","Facility Name","Address","City/Town","State","ZIP Code","County/Parish","Telephone Number","Hospital Type","Hospital Ownership","Emergency Services","Hospital overall rating"'
const HGI_ROWS = [
  '010001,SOUTHEAST HEALTH MEDICAL CENTER,1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,HOUSTON,(334) 793-8701,Acute Care Hospitals,Government - Hospital District or Authority,Yes,4',
  '050454,UCSF MEDICAL CENTER,505 PARNASSUS AVE,SAN FRANCISCO,CA,94143,SAN FRANCISCO,(415) 476-1000,Acute Care Hospitals,Government - State,Yes,Not Available',
  '01014F,VA TEST HOSPITAL,1 VETERANS WAY,TUSCALOOSA,AL,35404,TUSCALOOSA,(205) 554-2000,Veterans Administration,Government - Federal,Yes,Not Available',
]
const COMP_PIVOT = ['facility_id,comp_score_comp_hip_knee,comp_flag_comp_hip_knee', '10001,3.2,No Different Than the National Rate', '50454,,Number of Cases Too Small']

/** A folder of small CMS-shaped files the test writes itself; `files` overrides or adds files. */
function makeFolder(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-'))
  const all = { 'Hospital_General_Information.csv': [HGI_HEADER, ...HGI_ROWS].join('\n'), 'derived/complications_cleaned.csv': COMP_PIVOT.join('\n'), ...files }
  for (const [name, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    fs.writeFileSync(path.join(dir, name), text)
  }
  return dir
}

async function snapshot() {
  const db = getDb()
  return {
    facilities: await db.selectFrom('facilities').selectAll().orderBy('id').execute(),
    measures: await db.selectFrom('qualityMeasures').selectAll().orderBy('id').execute(),
  }
}

async function facilityFacts(ccn: string) {
  const db = getDb()
  const facility = await db.selectFrom('facilities').selectAll().where('ccn', '=', ccn).executeTakeFirstOrThrow()
  const measures = await db.selectFrom('qualityMeasures').selectAll().where('facilityId', '=', facility.id).execute()
  return { facility, measures: Object.fromEntries(measures.map((m) => [m.measureCode, m])) }
}

describe('import:cms on small files', () => {
  it('loads facilities, pads CCNs that lost zeros, keeps alphanumeric ones, and geocodes by ZIP', async () => {
    const report = await importCmsFolder(makeFolder())
    expect(report.files[0]).toMatchObject({ file: 'Hospital_General_Information.csv', rowsRead: 3, rejected: [] })
    const southeast = await facilityFacts('010001')
    expect(southeast.facility).toMatchObject({ name: 'SOUTHEAST HEALTH MEDICAL CENTER', state: 'AL', zip: '36301', starRating: 4, coordinateSource: 'zip_centroid' })
    expect(southeast.facility.latitude).toBeCloseTo(31.2, 0)
    expect(southeast.measures.COMP_HIP_KNEE).toMatchObject({ value: 3.2, comparison: 'no_different', periodStart: '2021-04-01', periodEnd: '2024-03-31' })
    const ucsf = await facilityFacts('050454')
    expect(ucsf.facility.starRating).toBeNull()
    expect(ucsf.measures.COMP_HIP_KNEE).toMatchObject({ value: null, comparison: 'not_available' })
    expect((await facilityFacts('01014F')).facility.facilityType).toBe('Veterans Administration')
  })

  it.each([
    ['a truncated file', { 'Hospital_General_Information.csv': [HGI_HEADER, HGI_ROWS[0], '050454,"UCSF MEDICAL'].join('\n') }, /Hospital_General_Information\.csv: unreadable CSV .*truncated or damaged/],
    ['a row with missing fields', { 'Hospital_General_Information.csv': [HGI_HEADER, HGI_ROWS[0], '050454,UCSF,505 PARNASSUS'].join('\n') }, /Hospital_General_Information\.csv: unreadable CSV/],
    ['wrong columns', { 'Hospital_General_Information.csv': ['"Provider","Name","City"', '010001,X,Y'].join('\n') }, /^Hospital_General_Information\.csv: no column "Facility ID" \(or "Provider ID", "CMS Certification Number \(CCN\)"\), "Facility Name" \(or "Hospital Name"\), "Address", .*This is not a release whose columns the importer knows, so nothing was imported\. Columns found: "Provider", "Name", "City"\.$/],
    ['a derived file that is something else', { 'derived/complications_cleaned.csv': 'facility_id,score\n10001,3' }, 'derived/complications_cleaned.csv: no column "comp_score_comp_hip_knee", "comp_flag_comp_hip_knee". This is not a release whose columns the importer knows, so nothing was imported. Columns found: "facility_id", "score".'],
    [
      'garbage rows',
      { 'Hospital_General_Information.csv': [HGI_HEADER, HGI_ROWS[0], 'GARBAGE-ID,X,1 St,Y,ZZZ,1,C,P,T,O,Yes,3', `010001${HGI_ROWS[0]!.slice(6)}`].join('\n') },
      /2 rows rejected; nothing was imported:[\s\S]*line 3: Facility ID "GARBAGE-ID" is not a CMS Certification Number[\s\S]*line 4: Facility ID 010001 appears twice/,
    ],
    ['a bad state and ZIP', { 'Hospital_General_Information.csv': [HGI_HEADER, '010001,X,1 St,Y,Alabama,ABCDE,C,P,T,O,Yes,3'].join('\n') }, /line 2: State "Alabama" is not a two-letter code/],
  ])('refuses %s with a specific error and changes nothing', async (_name, files, message) => {
    const before = await snapshot()
    await expect(importCmsFolder(makeFolder(files))).rejects.toThrow(message)
    expect(await snapshot()).toEqual(before)
  })

  it('refuses a missing folder and a folder that holds no CMS files', async () => {
    await expect(importCmsFolder('/no/such/folder')).rejects.toThrow('No such folder: /no/such/folder')
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-empty-'))
    await expect(importCmsFolder(empty)).rejects.toThrow('has no Hospital_General_Information.csv: it is not a folder of CMS Care Compare files')
  })
})

describe.runIf(hasSharedData)('import:cms on the real CMS files in ../shared/data/cms', () => {
  it('loads the nation, with hip/knee facts and coordinates, and a second run changes nothing', async () => {
    const now = new Date().toISOString()
    await getDb()
      .insertInto('procedures')
      .values({
        id: newId(), code: 'TKA', name: 'Total knee replacement', description: 'Knee', drgCodes: '["469","470"]', typicalNights: 1, nightsSource: 'test', nightsAway: 5, nightsAwaySource: 'test',
        incidencePerThousand: 1.6, incidenceSource: 'test', medicareBaseCents: null, medicareBaseSource: null, defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
      })
      .execute()
    await getDb()
      .insertInto('priceFactors')
      .values({ id: newId(), key: 'commercial_multiplier', value: 2.54, unit: 'ratio', source: 'RAND round 5.1', updatedAt: now, updatedByUserId: null })
      .execute()
    const first = await importCmsFolder(SHARED)
    expect(first.facilitiesTotal).toBeGreaterThanOrEqual(5000)
    expect(first.facilitiesWithCoordinates / first.facilitiesTotal).toBeGreaterThanOrEqual(0.99)
    const db = getDb()
    const withComp = await db
      .selectFrom('qualityMeasures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('measureCode', '=', 'COMP_HIP_KNEE')
      .where('value', 'is not', null)
      .executeTakeFirstOrThrow()
    expect(Number(withComp.n)).toBeGreaterThanOrEqual(1600)

    const before = await snapshot()
    const second = await importCmsFolder(SHARED)
    expect(second.changed).toBe(false)
    expect(second.files[0]).toMatchObject({ facilitiesInserted: 0, facilitiesUpdated: 0, facilitiesUnchanged: first.facilitiesTotal })
    expect(await snapshot()).toEqual(before)

    // One real hospital, compared by hand with the CSV rows.
    const general = parse(fs.readFileSync(path.join(SHARED, 'Hospital_General_Information.csv')), { columns: true, bom: true }) as Array<Record<string, string>>
    const row = general.find((r) => r['Facility ID'] === '010001')!
    const comp = (parse(fs.readFileSync(path.join(SHARED, 'derived/complications_cleaned.csv')), { columns: true }) as Array<Record<string, string>>).find(
      (r) => r.facility_id === '010001',
    )!
    const facts = await facilityFacts('010001')
    expect(facts.facility).toMatchObject({ name: row['Facility Name'], city: row['City/Town'], zip: row['ZIP Code'], starRating: Number(row['Hospital overall rating']) })
    expect(facts.measures.COMP_HIP_KNEE!.value).toBe(Number(comp.comp_score_comp_hip_knee))
    expect(facts.measures.COMP_HIP_KNEE!.comparison).toBe('no_different')

    // Its typical local TKA price: $22,530 (Payment-National) × MSPB 1.03 (its CSV row) × 2.54.
    const mspb = (parse(fs.readFileSync(path.join(SHARED, 'Medicare_Hospital_Spending_Per_Patient-Hospital.csv')), { columns: true, bom: true }) as Array<Record<string, string>>).find(
      (r) => r['Facility ID'] === '010001' && r['Measure ID'] === 'MSPB-1',
    )!
    expect(mspb.Score).toBe('1.03')
    const prices = await getDb()
      .selectFrom('marketPrices')
      .innerJoin('procedures', 'procedures.id', 'marketPrices.procedureId')
      .select(['marketPrices.scope', 'marketPrices.scopeKey', 'marketPrices.priceCents', 'procedures.medicareBaseCents'])
      .where('procedures.code', '=', 'TKA')
      .where((eb) => eb.or([eb('marketPrices.scopeKey', '=', facts.facility.id), eb('marketPrices.scope', '=', 'national'), eb('marketPrices.scopeKey', '=', 'AL')]))
      .execute()
    expect(prices.find((p) => p.scope === 'facility')).toMatchObject({ priceCents: 5_894_299, medicareBaseCents: 2_253_000 })
    expect(prices.map((p) => p.scope).sort()).toEqual(['facility', 'national', 'state'])

    // The facility page a member opens shows those same real values.
    const tenants = await createTwoTenants(getDb())
    const cookie = await cookieFor(tenants.users.employeeA)
    const page = await statusOf(facilityPage.loader, getRequest(`/facilities/${facts.facility.id}`, cookie), { facilityId: facts.facility.id })
    expect(page.status).toBe(200)
    const view = page.body as Awaited<ReturnType<typeof facilityPage.loader>>
    expect(view.facility).toMatchObject({ name: row['Facility Name'], ccn: '010001', starRating: Number(row['Hospital overall rating']) })
    expect(view.measures.find((m) => m.measureCode === 'COMP_HIP_KNEE')).toMatchObject({
      value: Number(comp.comp_score_comp_hip_knee),
      comparison: 'no_different',
      periodStart: '2021-04-01',
      periodEnd: '2024-03-31',
    })
    expect(view.measures.find((m) => m.measureCode === 'MSPB_1')).toMatchObject({ value: 1.03, periodStart: '2023-01-01', periodEnd: '2023-12-31' })
    // From the cp1252 spreadsheet re-save with a BOM and "4,059"-style numbers.
    expect(view.measures.find((m) => m.measureCode === 'MEDICARE_IP_DISCHARGES')).toMatchObject({ value: 4059 })
    expect(view.marketPrices.find((p) => p.code === 'TKA')).toMatchObject({ facilityCents: 5_894_299 })
    expect((await statusOf(facilityPage.loader, getRequest('/facilities/nope', cookie), { facilityId: 'nope' })).status).toBe(404)
    expect((await statusOf(facilityPage.loader, getRequest(`/facilities/${facts.facility.id}`), { facilityId: facts.facility.id })).status).toBe(302)

    // The platform admin lowers the multiplier to 2: every real hospital's rows are rewritten in place
    // (same ids and keys; the test tenants' own procedure gets its rows for the first time), this one
    // to $22,530 × 1.03 × 2 = $46,411.80.
    const pricesBefore = await getDb().selectFrom('marketPrices').select(['id', 'procedureId', 'scope', 'scopeKey']).orderBy('id').execute()
    const saved = await savePriceFactor(await actorOf(tenants.users.platform), { key: 'commercial_multiplier', value: 2, source: 'test: a lower multiplier' })
    expect(saved.ok && saved.pricesChanged).toBeGreaterThanOrEqual(pricesBefore.length)
    const after = await getDb().selectFrom('marketPrices').select(['id', 'procedureId', 'scope', 'scopeKey', 'commercialMultiplier', 'source']).orderBy('id').execute()
    const beforeIds = new Set(pricesBefore.map((p) => p.id))
    const kept = after.filter((p) => beforeIds.has(p.id))
    expect(kept.map(({ id, procedureId, scope, scopeKey }) => ({ id, procedureId, scope, scopeKey }))).toEqual(pricesBefore)
    expect(after.every((p) => p.commercialMultiplier === 2 && p.source.endsWith('multiplier: test: a lower multiplier'))).toBe(true)
    const facilityTka = prices.find((p) => p.scope === 'facility')!
    const rewritten = await getDb()
      .selectFrom('marketPrices')
      .innerJoin('procedures', 'procedures.id', 'marketPrices.procedureId')
      .select('marketPrices.priceCents')
      .where('procedures.code', '=', 'TKA')
      .where('marketPrices.scopeKey', '=', facts.facility.id)
      .executeTakeFirstOrThrow()
    expect(facilityTka.priceCents).toBe(5_894_299)
    expect(rewritten.priceCents).toBe(4_641_180)
  })
})
