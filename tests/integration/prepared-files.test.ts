import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { openDatabase } from '~/db/connection'
import { newId } from '~/db/ids'
import { findGeneratedFile } from '~/db/repositories/generated-files.server'
import { findJob, insertJob } from '~/db/repositories/jobs.server'
import * as dashboard from '~/routes/employer.dashboard'
import * as exportsRoute from '~/routes/employer.exports.$kind[.csv]'
import * as employerPdf from '~/routes/employer.contracts.$contractId_.periods.$periodId[.pdf]'
import * as employerPeriod from '~/routes/employer.contracts.$contractId_.periods.$periodId'
import { closeContractPeriod } from '~/services/contract-periods.server'
import { enqueueJob, pruneFinishedJobs, runNextJob } from '~/services/job-queue.server'
import { EXPORT_FILE_KIND } from '~/services/report-exports.server'
import { STATEMENT_FILE_KIND } from '~/services/statement-files.server'
import { contractParties, pastYears, signedContract, type ContractParties } from './contract-fixtures'
import { cookieFor, getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/*
 * Files made by jobs (issue 24, ADR 0029) on this file's database (SQLite, or PostgreSQL with
 * DATABASE_URL): a second connection plays a second server. Each file is made once however many
 * workers race for its job; only its owner downloads it; a failed job shows its error; pruning
 * deletes old done jobs and expired files only.
 */

const other = openDatabase({ url: process.env.DATABASE_URL!, schema: process.env.DATABASE_SCHEMA }).db
afterAll(() => other.destroy())

let t: TwoTenants
let p: ContractParties
let contractId: string
let periodId: string
const cookies = {} as Record<'adminA' | 'adminB', string>
const PERIOD = 'from=2026-01-01&to=2026-12-31'

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  p = await contractParties(t)
  const contract = await signedContract(p, pastYears(2010, 1), 'Files')
  contractId = contract.contractId
  periodId = contract.periods[0]!.id
  expect((await closeContractPeriod(p.adminA, p.purchaser, contractId, periodId, new Date('2011-04-01T00:00:00Z'))).ok).toBe(true)
  cookies.adminA = await cookieFor(t.users.adminA)
  cookies.adminB = await cookieFor(t.users.adminB)
})

const filesOfJob = (jobId: string) => getDb().selectFrom('generatedFiles').select(['id', 'ownerKey', 'fileName', 'sizeBytes']).where('jobId', '=', jobId).execute()

describe('a file job is done once', () => {
  it.each([
    ['the statement PDF', STATEMENT_FILE_KIND, () => ({ contractId, periodId, format: 'pdf' }), /^statement-files-period-1\.pdf$/],
    ['the statement CSV', STATEMENT_FILE_KIND, () => ({ contractId, periodId, format: 'csv' }), /^statement-files-period-1\.csv$/],
    ['the cases export', EXPORT_FILE_KIND, () => ({ employerId: t.a.employerId, kind: 'cases', query: { from: '2026-01-01', to: '2026-12-31', programId: null } }), /^cases-2026-01-01-to-2026-12-31\.csv$/],
    ['the invoices export', EXPORT_FILE_KIND, () => ({ employerId: t.a.employerId, kind: 'invoices', query: { from: '2026-01-01', to: '2026-12-31', programId: null } }), /^invoices-/],
    ['the savings export', EXPORT_FILE_KIND, () => ({ employerId: t.a.employerId, kind: 'savings', query: { from: '2026-01-01', to: '2026-12-31', programId: null } }), /^savings-/],
  ] as const)('%s: two servers race for its job; one runs it, one file is stored', async (_name, kind, payload, fileName) => {
    const { id } = await enqueueJob(getDb(), kind, payload())
    const [a, b] = await Promise.all([runNextJob(getDb(), [kind], { workerId: 'server-a', jobId: id }), runNextJob(other, [kind], { workerId: 'server-b', jobId: id })])
    expect([a?.outcome, b?.outcome].filter(Boolean)).toEqual(['done'])
    const job = await findJob(getDb(), id)
    expect(job).toMatchObject({ status: 'done', attempts: 1 })
    const files = await filesOfJob(id)
    expect(files).toHaveLength(1)
    expect(files[0]!.fileName).toMatch(fileName)
    expect(files[0]!.sizeBytes).toBeGreaterThan(0)
    // Nothing is left for a third claim.
    expect(await runNextJob(other, [kind], { workerId: 'server-c', jobId: id })).toBeUndefined()
  })

  it('asks once for a double click: the second request finds the same job, and the file is made once', async () => {
    const path = `/employer/contracts/${contractId}/periods/${periodId}`
    const ask = () => statusOf(employerPeriod.action, postRequest(path, { intent: 'prepare-csv' }, { cookie: cookies.adminA }), { contractId, periodId })
    const [first, second] = await Promise.all([ask(), ask()])
    expect([first.status, second.status]).toEqual([302, 302])
    const jobs = await getDb().selectFrom('jobs').select(['id', 'status']).where('kind', '=', STATEMENT_FILE_KIND).where('dedupeKey', 'like', '%:csv:%').execute()
    expect(jobs).toHaveLength(1)
    expect(await filesOfJob(jobs[0]!.id)).toHaveLength(1)
    // The page links the file; the download is the stored file.
    const page = (await statusOf(employerPeriod.loader, getRequest(path, cookies.adminA), { contractId, periodId })).body as { files: { csv: { state: string } } }
    expect(page.files.csv.state).toBe('ready')
  })
})

describe('downloads', () => {
  const exportPath = `/employer/exports/cases.csv?${PERIOD}`
  const download = async (cookie: string) => {
    try {
      return (await exportsRoute.loader({ request: getRequest(exportPath, cookie), params: { kind: 'cases' }, context: {} })) as Response
    } catch (thrown) {
      if (thrown instanceof Response) return thrown
      throw thrown
    }
  }

  it('sends the person back to the dashboard until the export is prepared, then serves it from the database', async () => {
    const before = await download(cookies.adminA)
    expect(before.status).toBe(302)
    expect(before.headers.get('Location')).toBe(`/employer/dashboard?${PERIOD}#exports-heading`)
    const asked = await statusOf(exportsRoute.action, postRequest(exportPath, {}, { cookie: cookies.adminA }), { kind: 'cases' })
    expect(asked).toMatchObject({ status: 302, location: `/employer/dashboard?${PERIOD}#exports-heading` })
    const view = (await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, cookies.adminA))).body as { exports: Record<string, { state: string; fileName?: string }> }
    expect(view.exports.cases).toMatchObject({ state: 'ready', fileName: 'cases-2026-01-01-to-2026-12-31.csv' })
    expect(view.exports.invoices).toEqual({ state: 'none' })
    const response = await download(cookies.adminA)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="cases-2026-01-01-to-2026-12-31.csv"')
    expect((await response.text()).split('\r\n')[0]).toMatch(/^case_id,employee_id,procedure,/)
  })

  it('refuses the file to another employer: its admin is sent to prepare its own, and the stored file is not found under its owner key', async () => {
    const job = await getDb().selectFrom('jobs').select('id').where('kind', '=', EXPORT_FILE_KIND).where('dedupeKey', 'like', `employer-export:${t.a.employerId}:cases:%`).executeTakeFirstOrThrow()
    const response = await download(cookies.adminB)
    expect(response.status).toBe(302)
    expect(await response.text()).toBe('')
    const viewB = (await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, cookies.adminB))).body as { exports: Record<string, { state: string }> }
    expect(viewB.exports.cases).toEqual({ state: 'none' })
    expect(await findGeneratedFile(getDb(), `employer:${t.b.employerId}`, job.id)).toBeUndefined()
    expect(await findGeneratedFile(getDb(), `employer:${t.a.employerId}`, job.id)).toBeDefined()
    // A statement file is the contract's: another employer's admin gets 404 on the period's download.
    expect((await statusOf(employerPdf.loader, getRequest(`/employer/contracts/${contractId}/periods/${periodId}.pdf`, cookies.adminB), { contractId, periodId })).status).toBe(404)
  })

  it('shows a failed job’s error on the dashboard, and "Try again" queues a new job that makes the file', async () => {
    // A job for the invoices export that cannot run (its payload is not an export's): it fails at once.
    const key = `employer-export:${t.a.employerId}:invoices:2026-01-01:2026-12-31:all`
    const { id } = await insertJob(getDb(), {
      id: newId(), kind: EXPORT_FILE_KIND, payload: JSON.stringify({ employerId: t.a.employerId, kind: 'members' }), status: 'queued', attempts: 0, maxAttempts: 3,
      runAfter: new Date().toISOString(), dedupeKey: key, createdAt: new Date().toISOString(),
    })
    expect((await runNextJob(getDb(), [EXPORT_FILE_KIND], { jobId: id }))?.outcome).toBe('failed')
    const view = (await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, cookies.adminA))).body as { exports: Record<string, { state: string; error?: string }> }
    expect(view.exports.invoices!.state).toBe('failed')
    expect(view.exports.invoices!.error).toContain('The file could not be prepared: not an export job')
    expect(view.exports.invoices!.error).toContain(id)
    expect((await download(cookies.adminA)).status).toBe(200) // the cases export is unaffected

    const retried = await statusOf(exportsRoute.action, postRequest(`/employer/exports/invoices.csv?${PERIOD}`, {}, { cookie: cookies.adminA }), { kind: 'invoices' })
    expect(retried.status).toBe(302)
    const after = (await statusOf(dashboard.loader, getRequest(`/employer/dashboard?${PERIOD}`, cookies.adminA))).body as { exports: Record<string, { state: string }> }
    expect(after.exports.invoices!.state).toBe('ready')
    // The failed job stays (its key freed) as the history of what went wrong.
    expect(await findJob(getDb(), id)).toMatchObject({ status: 'failed', dedupeKey: null })
  })
})

describe('pruning', () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
  async function job(status: 'queued' | 'running' | 'done' | 'failed', finishedDaysAgo: number | null, file?: { expiresInDays: number }) {
    const id = newId()
    await getDb()
      .insertInto('jobs')
      .values({
        id, kind: 'test.prune', payload: '{}', status, attempts: status === 'queued' ? 0 : 1, maxAttempts: 3, runAfter: daysAgo(30), lockedBy: null, lockedUntil: status === 'running' ? daysAgo(-1) : null,
        progress: null, lastError: status === 'failed' ? 'broken' : null, dedupeKey: null, createdAt: daysAgo(30), startedAt: null, finishedAt: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
      })
      .execute()
    if (file) {
      await getDb()
        .insertInto('generatedFiles')
        .values({ id: newId(), jobId: id, ownerKey: 'employer:x', fileName: 'f.csv', contentType: 'text/csv', sizeBytes: 1, content: Buffer.from('x'), createdAt: daysAgo(1), expiresAt: daysAgo(-file.expiresInDays) })
        .execute()
    }
    return id
  }

  it('deletes done jobs older than the limit with their files, and expired files; keeps recent done, failed, queued and running jobs', async () => {
    const oldDone = await job('done', 20, { expiresInDays: 5 })
    const recentDone = await job('done', 1, { expiresInDays: 6 })
    const recentDoneExpired = await job('done', 2, { expiresInDays: -1 })
    const oldFailed = await job('failed', 20)
    const oldQueued = await job('queued', null)
    const running = await job('running', null)
    const pruned = await pruneFinishedJobs(getDb(), new Date(), 14)
    expect(pruned).toEqual({ jobs: 1, files: 2 })
    const left = await getDb().selectFrom('jobs').select('id').where('kind', '=', 'test.prune').execute()
    expect(left.map((row) => row.id).sort()).toEqual([recentDone, recentDoneExpired, oldFailed, oldQueued, running].sort())
    const files = await getDb().selectFrom('generatedFiles').select('jobId').where('ownerKey', '=', 'employer:x').execute()
    expect(files.map((row) => row.jobId)).toEqual([recentDone])
    expect(oldDone).not.toBe(recentDone)
    // Pruning again finds nothing more.
    expect(await pruneFinishedJobs(getDb(), new Date(), 14)).toEqual({ jobs: 0, files: 0 })
  })
})
