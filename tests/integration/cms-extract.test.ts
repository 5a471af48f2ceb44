import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { openDatabase, type DatabaseConnection } from '~/db/connection'
import { CMS_EXTRACT_SPECS } from '~/domain/cms/extract'
import { extractCmsRelease, MANIFEST_FILE, toCsv } from '~/services/cms-extract.server'
import { CMS_FILES, importCmsFolder } from '~/services/cms-import.server'
import { readCsv } from '~/services/csv-reader.server'
import { migrateToLatest } from '../../db/migrate'

/**
 * `npm run cms:extract` (issue 19): the committed extract in db/data/cms must be what the script
 * makes of the release in ../shared/data/cms (so it cannot drift from the script), and importing
 * it must give the database the full release gives.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const SHARED = path.resolve(ROOT, '../shared/data/cms')
const COMMITTED = path.join(ROOT, 'db/data/cms')
const hasSharedData = fs.existsSync(path.join(SHARED, 'Hospital_General_Information.csv'))
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-extract-'))

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Every file under a folder, as paths relative to it, sorted. */
function filesUnder(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

/** The extract's own files (SOURCES.md is written by hand, not by the script). */
const generatedFiles = (folder: string) => filesUnder(folder).filter((file) => file !== 'SOURCES.md')

describe('the extract spec', () => {
  it('covers every file the importer reads', () => {
    expect(Object.keys(CMS_EXTRACT_SPECS).sort()).toEqual([...CMS_FILES].sort())
  })

  it('writes CSV that the importer reads back to the same values (quotes exactly where needed)', async () => {
    const header = ['Facility ID', 'Facility Name', 'Score']
    const rows = [
      ['010001', 'SMITH, JONES & "PARTNERS"', '$22,530'],
      ['010005', ' LEADING SPACE', 'line one\nline two'],
      ['01014F', 'PLAIN NAME', ''],
    ]
    const text = toCsv(header, rows)
    expect(text.split('\n')[0]).toBe('Facility ID,Facility Name,Score')
    expect(text).toContain('01014F,PLAIN NAME,\n')
    const file = path.join(tmp, 'round-trip.csv.gz')
    fs.writeFileSync(file, zlib.gzipSync(text))
    const read: string[][] = []
    for await (const row of readCsv(file, { label: 'round-trip', requiredColumns: header })) read.push(header.map((name) => row.values[name]!))
    expect(read).toEqual(rows)
  })
})

describe.runIf(hasSharedData)('cms:extract on the release in ../shared/data/cms', () => {
  it('writes exactly the committed db/data/cms, the same bytes on a second run', async () => {
    const first = path.join(tmp, 'first')
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cms-extract.ts', SHARED, '--out', first], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 })
    expect(cli.stderr).toBe('')
    expect(cli.status).toBe(0)
    expect(cli.stdout).toMatch(/Wrote \d+ KB to /)

    const second = path.join(tmp, 'second')
    await extractCmsRelease(SHARED, second)
    expect(generatedFiles(second)).toEqual(generatedFiles(first))
    for (const file of generatedFiles(first)) expect(fs.readFileSync(path.join(second, file)).equals(fs.readFileSync(path.join(first, file))), file).toBe(true)

    // The committed extract is the script's output: the same files, the same manifest (which holds
    // each file's sha256 before gzip) and the same text in every .gz. The .gz bytes are not compared:
    // Node's bundled zlib may compress the same text differently on another build or CPU.
    expect(generatedFiles(COMMITTED)).toEqual(generatedFiles(first))
    expect(fs.readFileSync(path.join(COMMITTED, MANIFEST_FILE), 'utf8')).toBe(fs.readFileSync(path.join(first, MANIFEST_FILE), 'utf8'))
    for (const file of generatedFiles(first).filter((f) => f.endsWith('.gz'))) {
      const committed = zlib.gunzipSync(fs.readFileSync(path.join(COMMITTED, file)))
      expect(committed.equals(zlib.gunzipSync(fs.readFileSync(path.join(first, file)))), `${file} differs from the script's output: run npm run cms:extract -- ../shared/data/cms`).toBe(true)
    }
    expect(fs.existsSync(path.join(COMMITTED, 'SOURCES.md'))).toBe(true)
  }, 180_000)

  it('imports the same facilities and quality facts as the full release', async () => {
    await importCmsFolder(SHARED)
    const full = await facts()
    const extract = await withFreshDatabase(async () => {
      await importCmsFolder(COMMITTED)
      return facts()
    })
    expect(full.facilities.length).toBeGreaterThanOrEqual(5000)
    expect(new Set(full.measures.map((m) => m.measureCode))).toEqual(new Set(['COMP_HIP_KNEE', 'READM_30_HIP_KNEE', 'READM_30_HIP_KNEE_HRRP', 'MSPB_1', 'MEDICARE_IP_DISCHARGES']))
    expect(full.facilities.filter((f) => f.coordinateSource === 'cms_location').length).toBeGreaterThan(4000)
    expect(extract.facilities).toEqual(full.facilities)
    expect(extract.measures).toEqual(full.measures)
  }, 300_000)
})

/** What an import stores, without ids and timestamps (which differ between two databases). */
async function facts() {
  const db = getDb()
  const facilities = await db
    .selectFrom('facilities')
    .select(['ccn', 'name', 'address', 'city', 'state', 'zip', 'county', 'phone', 'latitude', 'longitude', 'starRating', 'coordinateSource', 'facilityType', 'ownership', 'hasEmergencyServices'])
    .orderBy('ccn')
    .execute()
  const measures = await db
    .selectFrom('qualityMeasures')
    .innerJoin('facilities', 'facilities.id', 'qualityMeasures.facilityId')
    .select([
      'facilities.ccn', 'qualityMeasures.measureCode', 'qualityMeasures.value', 'qualityMeasures.comparison', 'qualityMeasures.denominator', 'qualityMeasures.periodStart',
      'qualityMeasures.periodEnd', 'qualityMeasures.source', 'qualityMeasures.footnote',
    ])
    .orderBy('facilities.ccn')
    .orderBy('qualityMeasures.measureCode')
    .execute()
  return { facilities, measures }
}

/**
 * Runs `work` with the app's database switched to a second, freshly migrated one (a SQLite file,
 * or a PostgreSQL schema beside this file's), then switches back and drops it.
 */
async function withFreshDatabase<T>(work: () => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL!
  const isPostgres = /^postgres(ql)?:\/\//.test(url)
  const id = randomUUID().replace(/-/g, '').slice(0, 12)
  const schema = `t_${id}`
  const sqliteFile = path.join(ROOT, 'tests/.tmp', `it-extract-${id}.db`)
  if (isPostgres) {
    const admin = openDatabase({ url })
    await sql`create schema ${sql.id(schema)}`.execute(admin.db)
    await admin.db.destroy()
  }
  const fresh: DatabaseConnection = isPostgres ? openDatabase({ url, schema }) : openDatabase({ url: `file:${sqliteFile}` })
  const previous = globalThis.__portalDatabase
  try {
    await migrateToLatest(fresh.db, fresh.dialect)
    globalThis.__portalDatabase = fresh
    return await work()
  } finally {
    globalThis.__portalDatabase = previous
    await fresh.db.destroy()
    if (isPostgres) {
      const admin = openDatabase({ url })
      await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db)
      await admin.db.destroy()
    } else {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFile}${suffix}`, { force: true })
    }
  }
}
