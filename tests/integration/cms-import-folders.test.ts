import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { getEnv } from '~/env.server'
import * as auditPage from '~/routes/admin.audit'
import * as importsPage from '~/routes/admin.imports'
import { CMS_FILES } from '~/services/cms-import.server'
import { expectNoChange } from './hostile'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/**
 * Issue 18, findings 6 and 7: the CMS import page imports only a folder it lists from the imports
 * root (IMPORTS_DIR), answers everything else with one message, and every import (page or CLI) is
 * audited with who, what and the counts.
 */

const ROOT_DIR = path.resolve(import.meta.dirname, '../..')
const SHARED = path.resolve(import.meta.dirname, '../../../shared/data/cms')
const hasSharedData = fs.existsSync(path.join(SHARED, 'Hospital_General_Information.csv'))
const REFUSAL = 'Choose one of the folders in the imports folder.'

const HGI_HEADER =
  '"Facility ID","Facility Name","Address","City/Town","State","ZIP Code","County/Parish","Telephone Number","Hospital Type","Hospital Ownership","Emergency Services","Hospital overall rating"'
const HGI_ROWS = [
  '010001,SOUTHEAST HEALTH MEDICAL CENTER,1108 ROSS CLARK CIRCLE,DOTHAN,AL,36301,HOUSTON,(334) 793-8701,Acute Care Hospitals,Government - Hospital District or Authority,Yes,4',
  '050454,UCSF MEDICAL CENTER,505 PARNASSUS AVE,SAN FRANCISCO,CA,94143,SAN FRANCISCO,(415) 476-1000,Acute Care Hospitals,Government - State,Yes,Not Available',
  '01014F,VA TEST HOSPITAL,1 VETERANS WAY,TUSCALOOSA,AL,35404,TUSCALOOSA,(205) 554-2000,Veterans Administration,Government - Federal,Yes,Not Available',
]
const COMP_PIVOT = ['facility_id,comp_score_comp_hip_knee,comp_flag_comp_hip_knee', '10001,3.2,No Different Than the National Rate', '50454,,Number of Cases Too Small']
const SMALL_RELEASE = { 'Hospital_General_Information.csv': [HGI_HEADER, ...HGI_ROWS].join('\n'), 'derived/complications_cleaned.csv': COMP_PIVOT.join('\n') }
const FILE_TIME = new Date('2026-01-15T12:00:00Z')

/** Writes `files` (path inside the folder → text) into `dir`, dated FILE_TIME. */
function writeFolder(dir: string, files: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
    fs.utimesSync(file, FILE_TIME, FILE_TIME)
  }
  return dir
}

let t: TwoTenants
let cookie: string
let root: string
/** A small CMS release outside the imports root: reachable through the symlink the operator placed, never by its path. */
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'cms-outside-'))

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  cookie = await cookieFor(t.users.platform)
  root = getEnv().IMPORTS_DIR
  writeFolder(outside, SMALL_RELEASE)
})

// The imports root is one folder per test file (IMPORTS_DIR, tests/setup/integration-env.ts; the
// environment is read once); each test starts from the same contents.
beforeEach(() => {
  fs.rmSync(root, { recursive: true, force: true })
  writeFolder(path.join(root, '2026-01'), SMALL_RELEASE)
  writeFolder(path.join(root, 'broken'), { 'Hospital_General_Information.csv': [HGI_HEADER, HGI_ROWS[0], '050454,"UCSF MEDICAL'].join('\n') })
  writeFolder(path.join(root, 'not-cms'), { 'readme.txt': 'not a release' })
  writeFolder(path.join(root, '.hidden'), SMALL_RELEASE)
  fs.writeFileSync(path.join(root, 'notes.txt'), 'a file, not a folder')
  fs.symlinkSync(outside, path.join(root, '2025-10'))
  fs.symlinkSync(path.join(os.tmpdir(), 'no-such-folder-for-cms-import-test'), path.join(root, 'gone'))
  fs.symlinkSync(path.join(root, 'notes.txt'), path.join(root, 'file-link'))
})

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true })
  fs.rmSync(outside, { recursive: true, force: true })
})

type PageData = Awaited<ReturnType<typeof importsPage.loader>>
type ImportAnswer = { kind: string; ok: boolean; error?: string; report?: { importId: string; facilitiesTotal: number; changed: boolean; files: Array<{ file: string }>; measuresInserted: number; marketPricesChanged: number } }

const page = async () => (await statusOf(importsPage.loader, getRequest('/admin/imports', cookie))) as { status: number; body: PageData }
const post = async (folder: string) =>
  (await statusOf(importsPage.action, postRequest('/admin/imports', { folder }, { cookie }))) as { status: number; body: ImportAnswer }
/** The audit entries of `action` written since the test started (ids are UUIDv7: they sort by time). */
let since = ''
const auditEntries = (action: string) => getDb().selectFrom('auditLog').selectAll().where('action', '=', action).where('id', '>', since).orderBy('id').execute()
beforeEach(async () => {
  since = (await getDb().selectFrom('auditLog').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst())?.id ?? ''
})

describe('the CMS import page lists the folders of the imports root', () => {
  it('lists its direct subfolders and the symlinks to folders placed there, sorted, with what each holds', async () => {
    const { status, body } = await page()
    expect(status).toBe(200)
    expect(body.importsRoot).toBe(root)
    expect(body.cmsFileCount).toBe(CMS_FILES.length)
    expect(body.folders).toEqual([
      { name: '2025-10', hasGeneralInformation: true, cmsFiles: 2, newestFileAt: FILE_TIME.toISOString() },
      { name: '2026-01', hasGeneralInformation: true, cmsFiles: 2, newestFileAt: FILE_TIME.toISOString() },
      { name: 'broken', hasGeneralInformation: true, cmsFiles: 1, newestFileAt: FILE_TIME.toISOString() },
      { name: 'not-cms', hasGeneralInformation: false, cmsFiles: 0, newestFileAt: null },
    ])
  })

  it('lists nothing when the imports root does not exist (the page then names the root to place releases in)', async () => {
    fs.rmSync(root, { recursive: true, force: true })
    const { status, body } = await page()
    expect(status).toBe(200)
    expect(body.folders).toEqual([])
    expect(body.importsRoot).toBe(root)
  })
})

describe('anything but the name of a listed folder gets the same one message and changes nothing', () => {
  it.each([
    ['nothing chosen', ''],
    ['a server folder that exists', '/root/.ssh'],
    ['a server folder that does not', '/nonexistent'],
    ['the parent folder', '../'],
    ['..', '..'],
    ['.', '.'],
    ['a path out of the root', '../x'],
    ['a path through a listed folder', '2026-01/../2026-01'],
    ['a file inside a listed folder', '2026-01/Hospital_General_Information.csv'],
    ['a listed name with a trailing slash', '2026-01/'],
    ['a listed name with a space in front', ' 2026-01'],
    ['a listed name with a line break', '2026-01\n'],
    ['a listed name with a NUL character', '2026-01\u0000'],
    ['a NUL character in front', '\u00002026-01'],
    ['a name that is not there', 'no-such-release'],
    ['a hidden folder of the root', '.hidden'],
    ['a file of the root', 'notes.txt'],
    ['a symlink to a file', 'file-link'],
    ['a broken symlink', 'gone'],
    ['a release folder outside the root, by its absolute path', outside],
    ['a release folder outside the root, by a relative path', path.relative(ROOT_DIR, outside)],
    ...(hasSharedData ? [['the real CMS release outside the root, by its absolute path', SHARED] as [string, string]] : []),
    ['5,000 characters', 'x'.repeat(5_000)],
  ])('%s', async (_name, folder) => {
    const answer = await expectNoChange(() => post(folder))
    expect(answer.status).toBe(422)
    expect(answer.body).toEqual({ kind: 'cms', ok: false, error: REFUSAL })
  })
})

describe('importing a listed folder', () => {
  it('imports it and audits who, which folder, the files read and the counts', async () => {
    const first = await post('2026-01')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ kind: 'cms', ok: true, report: { facilitiesTotal: 3, changed: true } })
    // The page's list of files is the importer's.
    expect(first.body.report!.files.map((f) => f.file)).toEqual([...CMS_FILES])
    const [entry] = await auditEntries('cms.imported')
    expect(entry).toMatchObject({ actorUserId: t.users.platform, actorLabel: null, subjectType: 'cms_folder', subjectId: '2026-01', employerId: null })
    expect(JSON.parse(entry!.detail!)).toEqual({
      importId: first.body.report!.importId,
      files: { 'Hospital_General_Information.csv': 3, 'derived/complications_cleaned.csv': 2 },
      missing: CMS_FILES.filter((file) => file !== 'Hospital_General_Information.csv' && file !== 'derived/complications_cleaned.csv'),
      facilitiesTotal: 3,
      facilitiesInserted: 3,
      facilitiesUpdated: 0,
      facilitiesInactivated: 0,
      facilitiesReactivated: 0,
      measuresInserted: 2,
      measuresUpdated: 0,
      measuresCleared: 0,
      marketPricesChanged: first.body.report!.marketPricesChanged,
      changed: true,
    })

    // The same files again: nothing changes, and that run is audited too.
    const second = await post('2026-01')
    expect(second.body).toMatchObject({ ok: true, report: { changed: false } })
    const entries = await auditEntries('cms.imported')
    expect(entries).toHaveLength(2)
    expect(JSON.parse(entries[1]!.detail!)).toMatchObject({ facilitiesInserted: 0, facilitiesUpdated: 0, measuresInserted: 0, changed: false })
  })

  it('follows a symlink the operator placed in the root', async () => {
    const answer = await post('2025-10')
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ ok: true, report: { facilitiesTotal: 3 } })
    expect((await auditEntries('cms.imported')).at(-1)).toMatchObject({ subjectId: '2025-10', actorUserId: t.users.platform })
  })

  it('refuses a listed folder with a bad file (422, the file named), changes nothing but the audit log, which records the refusal', async () => {
    // The refusal is in the audit log and the import history, nothing else.
    const answer = await expectNoChange(() => post('broken'), ['auditLog', 'cmsImports'])
    expect(answer.status).toBe(422)
    expect(answer.body.error).toMatch(/Hospital_General_Information\.csv: unreadable CSV/)
    const [entry] = await auditEntries('cms.import_refused')
    expect(entry).toMatchObject({ actorUserId: t.users.platform, subjectType: 'cms_folder', subjectId: 'broken' })
    expect(JSON.parse(entry!.detail!).message).toBe(answer.body.error)
  })

  it.runIf(hasSharedData)('imports the real CMS release through a symlink in the root', async () => {
    fs.symlinkSync(SHARED, path.join(root, 'cms-real'))
    expect((await page()).body.folders.find((f) => f.name === 'cms-real')).toMatchObject({ hasGeneralInformation: true, cmsFiles: 9 })
    const answer = await post('cms-real')
    expect(answer.status).toBe(200)
    expect(answer.body.report!.facilitiesTotal).toBeGreaterThanOrEqual(5000)
  })
})

describe('the command line (npm run import:cms)', () => {
  const runCli = (folder: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-cms.ts', folder], { cwd: ROOT_DIR, env: process.env, encoding: 'utf8', timeout: 60_000 })
  const label = `CLI: ${os.userInfo().username}`

  it('takes any folder and audits the import under the operating-system user, refused ones too; the audit page shows and finds that user', async () => {
    const done = runCli(outside)
    expect(done.status, done.stderr).toBe(0)
    const [entry] = await auditEntries('cms.imported')
    expect(entry).toMatchObject({ actorUserId: null, actorOrganizationId: null, actorLabel: label, subjectType: 'cms_folder', subjectId: outside })
    // The earlier tests imported these hospitals already (the real release changed them): the counts are this run's.
    expect(JSON.parse(entry!.detail!)).toEqual({
      importId: expect.any(String),
      files: { 'Hospital_General_Information.csv': 3, 'derived/complications_cleaned.csv': 2 },
      missing: expect.arrayContaining(['Payment-National.csv']),
      facilitiesTotal: 3,
      facilitiesInserted: expect.any(Number),
      facilitiesUpdated: expect.any(Number),
      facilitiesInactivated: expect.any(Number),
      facilitiesReactivated: expect.any(Number),
      measuresInserted: expect.any(Number),
      measuresUpdated: expect.any(Number),
      measuresCleared: expect.any(Number),
      marketPricesChanged: expect.any(Number),
      changed: expect.any(Boolean),
    })

    const refused = runCli(path.join(root, 'broken'))
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('Import failed, nothing was changed.')
    const [refusal] = await auditEntries('cms.import_refused')
    expect(refusal).toMatchObject({ actorUserId: null, actorLabel: label, subjectId: path.join(root, 'broken') })
    expect(JSON.parse(refusal!.detail!).message).toMatch(/unreadable CSV/)

    const search = await statusOf(auditPage.loader, getRequest(`/admin/audit?actor=${encodeURIComponent('cli:')}&action=cms.`, cookie))
    const entries = (search.body as { entries: Array<{ action: string; actorEmail: string | null; actorLabel: string | null }> }).entries
    expect(entries.map((e) => [e.action, e.actorEmail, e.actorLabel])).toEqual([
      ['cms.import_refused', null, label],
      ['cms.imported', null, label],
    ])
  })
})
