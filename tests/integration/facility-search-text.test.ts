import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDatabase, getDb } from '~/db/client.server'
import { facilitySearchKey } from '~/domain/search/facility-text'
import { SEARCH_TEXT_TOO_LONG, SEARCH_TEXT_UNSEARCHABLE } from '~/forms/facility-search'
import * as adminLayout from '~/routes/admin'
import * as facilityList from '~/routes/admin.facilities._index'
import { importCmsFolder } from '~/services/cms-import.server'
import * as facilitySearchKeysMigration from '../../db/migrations/2026-12-04T2310_facility_search_keys'
import { documentHandler } from './document'
import { cookieFor, getRequest, statusOf } from './support'
import { createTwoTenants } from './tenants'

/*
 * Issue 18, finding 8: facility search on normalised text, on the real CMS Hospital General
 * Information file (5,432 hospitals, plain apostrophes: "ST. MARY'S", "ST MARYS", "SAINT MARY'S")
 * plus 19 "Saint Mary’s" facilities named with the typographic apostrophe (as the demo seed named
 * its invented facilities before issue 19 replaced them with the real hospitals), imported
 * through the same CMS importer.
 * Before, "Mary's" found none of the 19, and a search over 100 characters listed every facility.
 */

const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/cms')
const REAL_FILE = path.join(SHARED, 'Hospital_General_Information.csv')
const hasSharedData = fs.existsSync(REAL_FILE)

/** Saint Mary’s facilities with the typographic apostrophe (name, city, state, ZIP), as the old demo seed named them. */
const SAINT_MARYS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Saint Mary’s Health Center', 'Portland', 'OR', '97201'],
  ['Saint Mary’s Hospital', 'Minneapolis', 'MN', '55401'],
  ['Saint Mary’s Hospital', 'San Antonio', 'TX', '78201'],
  ['Saint Mary’s Medical Center', 'Atlanta', 'GA', '30303'],
  ['Saint Mary’s Medical Center', 'Tampa', 'FL', '33602'],
  ['Saint Mary’s Medical Center', 'Chicago', 'IL', '60601'],
  ['Saint Mary’s Medical Center', 'San Antonio', 'TX', '78202'],
  ['Saint Mary’s Medical Center', 'Seattle', 'WA', '98101'],
  ['Saint Mary’s Medical Center of San Antonio', 'San Antonio', 'TX', '78203'],
  ['Saint Mary’s Orthopedic Hospital', 'Pittsburgh', 'PA', '15201'],
  ['Saint Mary’s Orthopedic Hospital', 'Minneapolis', 'MN', '55402'],
  ['Saint Mary’s Orthopedic Hospital', 'Los Angeles', 'CA', '90001'],
  ['Saint Mary’s Orthopedic Surgery Center', 'Dallas', 'TX', '75201'],
  ['Saint Mary’s Regional Medical Center', 'Houston', 'TX', '77001'],
  ['Saint Mary’s Regional Medical Center', 'Las Vegas', 'NV', '89101'],
  ['Saint Mary’s Regional Medical Center', 'Portland', 'OR', '97202'],
  ['Saint Mary’s Surgical Hospital', 'Cleveland', 'OH', '44101'],
  ['Saint Mary’s Surgical Hospital', 'Denver', 'CO', '80201'],
  ['Saint Mary’s Surgical Hospital', 'Phoenix', 'AZ', '85001'],
]
/** Real CMS facilities whose name or city holds "Mary's"/"Marys" in some spelling (44), and "St/Saint Mary's" (39). */
const CMS_MARYS = 44
const CMS_SAINT_MARYS = 39

let cookie: string
let folder: string

/** The real file, with the 19 Saint Mary’s appended as rows of its own shape. */
function writeFolder(realText: string, rename: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-search-'))
  const [header] = parse(realText.split('\n', 1)[0]!, { bom: true }) as string[][]
  const row = (ccn: string, name: string, city: string, state: string, zip: string) => {
    const values: Record<string, string> = {
      'Facility ID': ccn, 'Facility Name': name, Address: '1 Main St', 'City/Town': city, State: state, 'ZIP Code': zip, 'Hospital Type': 'Acute Care Hospitals',
      'Hospital overall rating': 'Not Available',
    }
    return header!.map((column) => `"${(values[column] ?? '').replace(/"/g, '""')}"`).join(',')
  }
  // CMS files end their lines with CRLF: the appended rows do too.
  const eol = realText.includes('\r\n') ? '\r\n' : '\n'
  let text = realText.replace(/\r?\n$/, '')
  for (const [from, to] of Object.entries(rename)) text = text.replace(from, to)
  const extra = SAINT_MARYS.map(([name, city, state, zip], i) => row(`99M${String(i + 1).padStart(3, '0')}`, name, city, state, zip))
  fs.writeFileSync(path.join(dir, 'Hospital_General_Information.csv'), `${text}${eol}${extra.join(eol)}${eol}`)
  return dir
}

type View = Awaited<ReturnType<typeof facilityList.loader>>

async function list(query: string): Promise<View> {
  const result = await statusOf(facilityList.loader, getRequest(`/admin/facilities${query}`, cookie))
  expect(result.status).toBe(200)
  return result.body as View
}

/** Every facility the search finds, over all its pages. */
async function allFound(text: string): Promise<string[]> {
  const names: string[] = []
  for (let page = 1; ; page++) {
    const view = await list(`?q=${encodeURIComponent(text)}&page=${page}`)
    names.push(...view.rows.map((r) => r.name))
    if (names.length >= view.total || view.rows.length === 0) return names
  }
}

const typographic = (names: string[]) => names.filter((name) => name.includes('’'))

describe.runIf(hasSharedData)('facility search on normalised text, on the real CMS file', () => {
  beforeAll(async () => {
    const t = await createTwoTenants(getDb())
    cookie = await cookieFor(t.users.platform)
    folder = writeFolder(fs.readFileSync(REAL_FILE, 'utf8'))
    const report = await importCmsFolder(folder)
    expect(report.files[0]).toMatchObject({ rowsRead: 5_432 + 19, rejected: [] })
  }, 120_000)

  it('the real file spells Mary’s with a plain apostrophe; the demo catalog’s 19 use the typographic one', () => {
    const real = fs.readFileSync(REAL_FILE, 'utf8')
    expect(real).not.toContain('’')
    const names = (parse(real, { bom: true, columns: true }) as Array<Record<string, string>>).map((row) => row['Facility Name']!)
    expect(names.filter((name) => name.includes("MARY'S"))).toHaveLength(24)
    expect(names.filter((name) => name.includes('MARYS'))).toHaveLength(13)
    expect(new Set(SAINT_MARYS.map(([name, city]) => `${name}|${city}`)).size).toBe(19)
  })

  it('the importer stores the search keys of every facility', async () => {
    const rows = await getDb().selectFrom('facilities').select(['name', 'city', 'nameKey', 'cityKey']).execute()
    expect(rows.length).toBeGreaterThanOrEqual(5_432 + 19)
    expect(rows.filter((r) => r.nameKey !== facilitySearchKey(r.name) || r.cityKey !== facilitySearchKey(r.city))).toEqual([])
    expect(rows.find((r) => r.name === 'Saint Mary’s Orthopedic Surgery Center')).toMatchObject({ nameKey: 'saint marys orthopedic surgery center', cityKey: 'dallas' })
  })

  it.each(["Mary's", 'mary’s', "MARY'S", 'Marys', 'mary‘s'])('"%s" finds all 19 Saint Mary’s and the CMS spellings', async (text) => {
    const found = await allFound(text)
    expect(typographic(found)).toHaveLength(19)
    expect(found).toEqual(expect.arrayContaining(["ST. MARY'S HOSPITAL", 'ST MARYS HOSPITAL', "SAINT MARY'S HOSPITAL", 'HEALTHALLIANCE HOSPITAL MARYS AVENUE CAMPUS']))
    expect(found).toHaveLength(19 + CMS_MARYS)
  })

  it.each(["Saint Mary's", 'St Marys', 'St. Mary’s', 'SAINT MARY’S'])('"%s" finds Saint, St. and St spellings alike', async (text) => {
    const found = await allFound(text)
    expect(typographic(found)).toHaveLength(19)
    expect(found).toEqual(expect.arrayContaining(["ST. MARY'S HOSPITAL", 'ST MARYS HOSPITAL', "SAINT MARY'S HOSPITAL", 'MERCY HEALTH SAINT MARY\'S']))
    // Hospitals in Saint Marys (GA, OH, PA) are found by their city.
    expect(found).toEqual(expect.arrayContaining(['PENN HIGHLANDS ELK', 'GRAND LAKE HEALTH SYSTEM']))
    expect(found).toHaveLength(19 + CMS_SAINT_MARYS)
  })

  it('keeps the other filters working with the search text', async () => {
    const view = await list(`?q=${encodeURIComponent("Mary's")}&state=TX`)
    expect(view.rows.map((r) => r.name).sort()).toEqual([
      'Saint Mary’s Hospital', 'Saint Mary’s Medical Center', 'Saint Mary’s Medical Center of San Antonio', 'Saint Mary’s Orthopedic Surgery Center', 'Saint Mary’s Regional Medical Center',
    ])
  })

  it('a search of 101 characters shows no facilities and says it is too long; the filters stay', async () => {
    const text = `Saint Mary’s ${'x'.repeat(88)}`
    expect(text).toHaveLength(101)
    const view = await list(`?q=${encodeURIComponent(text)}&state=TX&stars=3`)
    expect(view).toMatchObject({ total: 0, rows: [] })
    expect(view.query).toMatchObject({ q: text, qError: SEARCH_TEXT_TOO_LONG, state: 'TX', stars: 3, page: 1 })
    expect(SEARCH_TEXT_TOO_LONG).toBe('Search text is too long: use at most 100 characters.')
    expect(view.filters.states).toContain('TX')
  })

  it('a search of exactly 100 characters is searched', async () => {
    const text = `Saint Mary’s ${'x'.repeat(87)}`
    expect(text).toHaveLength(100)
    const view = await list(`?q=${encodeURIComponent(text)}`)
    expect(view.query).toMatchObject({ q: text, qError: null })
    expect(view.total).toBe(0)
    const padded = await list(`?q=${encodeURIComponent(`Mary’s${' '.repeat(94)}`)}`)
    expect(padded.query).toMatchObject({ q: 'Mary’s', qError: null })
    expect(padded.total).toBe(19 + CMS_MARYS)
  })

  it('a search with a control character shows no facilities and says why', async () => {
    const view = await list('?q=Mary%00s')
    expect(view).toMatchObject({ total: 0, rows: [] })
    expect(view.query).toMatchObject({ q: 'Mary\uFFFDs', qError: SEARCH_TEXT_UNSEARCHABLE })
  })

  it('the page shows the message next to the search field, and no rows', async () => {
    const handler = documentHandler([
      { id: 'routes/admin', path: 'admin', module: adminLayout },
      { id: 'routes/admin.facilities._index', parentId: 'routes/admin', path: 'facilities', index: true, module: facilityList },
    ])
    const response = await handler(getRequest(`/admin/facilities?q=${'a'.repeat(101)}`, cookie))
    expect(response.status).toBe(200)
    const page = await response.text()
    expect(page).toMatch(/<input[^>]*id="q"[^>]*aria-invalid="true"[^>]*aria-describedby="q-error"/)
    expect(page).toMatch(/<input[^>]*id="q"[^>]*maxLength="100"/i)
    expect(page).toContain('<ul id="q-error" class="error-list"><li>Search text is too long: use at most 100 characters.</li></ul>')
    expect(page).toContain('0<!-- --> facilit<!-- -->ies')
    expect(page).not.toMatch(/<tbody>\s*<tr/)
  })

  it('a renamed facility gets new keys from the next import', async () => {
    await importCmsFolder(writeFolder(fs.readFileSync(REAL_FILE, 'utf8'), { "030010,ST. MARY'S HOSPITAL,": '030010,Saint Mary’s Hospital of Tucson,' }))
    const renamed = await getDb().selectFrom('facilities').select(['name', 'nameKey']).where('city', '=', 'TUCSON').where('name', 'like', 'Saint Mary%').executeTakeFirstOrThrow()
    expect(renamed).toEqual({ name: 'Saint Mary’s Hospital of Tucson', nameKey: 'saint marys hospital of tucson' })
    expect(await allFound('marys hospital of tucson')).toEqual(['Saint Mary’s Hospital of Tucson'])
  })

  it('the migration fills the keys of facilities that were there before it', async () => {
    const { db, dialect } = getDatabase()
    const before = await db.selectFrom('facilities').select(['id', 'nameKey', 'cityKey']).orderBy('id').execute()
    await facilitySearchKeysMigration.down(db)
    await facilitySearchKeysMigration.up(db, dialect)
    expect(await db.selectFrom('facilities').select(['id', 'nameKey', 'cityKey']).orderBy('id').execute()).toEqual(before)
    expect(before.length).toBeGreaterThan(5_000)
  }, 60_000)
})
