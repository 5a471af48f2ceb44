import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { claimImport, countImports, findImport, findRunningImport, insertImport, listImports } from '~/db/repositories/imports.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { deletePlanGroupCode, findPlanGroupCode, insertPlanGroupCode, listPlanGroupCodes } from '~/db/repositories/plan-group-codes.server'
import { countImportChangesMatching, findTerminationLimit, listImportChanges, updateTerminationLimit, type ChangeFilter } from '~/db/repositories/roster-import.server'
import type { Import, ImportKind, RosterChangeKind } from '~/db/schema'
import { toIsoDate } from '~/domain/dates'
import { DEFAULT_TERMINATION_LIMIT_PERCENT } from '~/domain/roster/difference'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { getEnv } from '~/env.server'
import { notFound } from '~/http/responses.server'
import { enqueueImportJob } from './import-jobs.server'
import { neutralizeFormula } from './report-exports.server'
import { applyRefusal, parseCounts, parseReport } from './roster-import.server'
import { precheckRosterFile } from './roster-sources.server'
import { receiveFileUpload } from './upload.server'
import { looksLikeX12 } from './x12-834-reader.server'

export const MAX_ELIGIBILITY_UPLOAD_BYTES = 200_000_000
/** Names a roster or 834 file is saved under by HR, payroll and benefits-administration systems. */
export const ELIGIBILITY_EXTENSIONS = ['.csv', '.txt', '.tsv', '.834', '.edi', '.x12', '.dat'] as const
export const CHANGES_PER_PAGE = 50
export const IMPORTS_PER_PAGE = 20

export interface ImportOptions {
  fullFile: boolean
  allOrNothing: boolean
  reviewFirst: boolean
  confirmTerminations: boolean
}

export type CreateImportResult = { ok: true; importId: string; kind: ImportKind } | { ok: false; error: string }

/** What kind of eligibility file this is, from its first bytes (never from its name). */
export function detectImportKind(filePath: string): ImportKind {
  const head = Buffer.alloc(512)
  const descriptor = fs.openSync(filePath, 'r')
  const length = fs.readSync(descriptor, head, 0, head.length, 0)
  fs.closeSync(descriptor)
  return looksLikeX12(head.subarray(0, length)) ? 'x12_834' : 'roster_csv'
}

async function sha256Of(filePath: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of fs.createReadStream(filePath)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/**
 * Registers a roster or 834 file as an import of this employer (issue 17): the file is kept under
 * IMPORT_FILES_DIR until its import ends, its SHA-256 recorded, and a quick look refuses what is
 * not a roster at all (nothing is then written). Only one file per employer is read at a time.
 */
export async function createImport(
  scope: EmployerScope,
  file: { path: string; fileName: string },
  options: ImportOptions,
  by: { userId: string | null; label: string },
  now = new Date(),
): Promise<CreateImportResult> {
  const db = getDb()
  const running = await findRunningImport(db, scope.employerId)
  if (running) {
    return { ok: false, error: `Another file (${running.fileName}, sent by ${running.createdByLabel}) is being processed for your roster. Upload "${file.fileName}" again when it has finished.` }
  }
  const id = newId()
  const kind = detectImportKind(file.path)
  const folder = path.resolve(getEnv().IMPORT_FILES_DIR)
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 })
  const storedPath = path.join(folder, id)
  fs.copyFileSync(file.path, storedPath)
  const fileBytes = fs.statSync(storedPath).size
  const candidate = { kind, fileName: file.fileName, storedPath, fullFile: options.fullFile ? 1 : 0, fileBytes } as const
  const refusal = await precheckRosterFile(candidate, { employerId: scope.employerId, db, today: toIsoDate(now) })
  if (refusal) {
    fs.rmSync(storedPath, { force: true })
    return { ok: false, error: refusal }
  }
  await insertImport(db, {
    id, organizationId: scope.employerId, kind, fileName: file.fileName.slice(0, 200), fileSha256: await sha256Of(storedPath), fileBytes, storedPath, status: 'queued',
    fullFile: options.fullFile ? 1 : 0, allOrNothing: options.allOrNothing ? 1 : 0, reviewFirst: options.reviewFirst ? 1 : 0, confirmTerminations: options.confirmTerminations ? 1 : 0,
    createdByUserId: by.userId, createdByLabel: by.label, createdAt: now.toISOString(),
  })
  return { ok: true, importId: id, kind }
}

/** The HR admin's upload: streamed to disk, registered, and checked in the background. */
export async function uploadEligibilityFile(actor: Actor, scope: EmployerScope, request: Request): Promise<CreateImportResult> {
  const upload = await receiveFileUpload(request, 'file', MAX_ELIGIBILITY_UPLOAD_BYTES, { extensions: ELIGIBILITY_EXTENSIONS, kind: 'a roster (CSV) or 834 file' })
  if (!upload.ok) return upload
  try {
    const flag = (name: string) => upload.fields.get(name) === 'on'
    const created = await createImport(
      scope,
      { path: upload.filePath, fileName: upload.fileName },
      { fullFile: flag('fullFile'), allOrNothing: flag('allOrNothing'), reviewFirst: flag('reviewFirst'), confirmTerminations: false },
      { userId: actor.userId, label: actor.email },
    )
    if (created.ok) await enqueueImportJob({ importId: created.importId, action: 'check' })
    return created
  } finally {
    upload.cleanup()
  }
}

/** The employer's import, or a 404 when it is not theirs. */
export async function requireImport(scope: EmployerScope, importId: string): Promise<Import> {
  const found = await findImport(getDb(), scope, importId)
  if (!found) throw notFound('Import')
  return found
}

/** Apply a reviewed difference (the termination guard needs `confirmTerminations` when the file ends too many). */
export async function requestApply(actor: Actor, scope: EmployerScope, importId: string, confirmTerminations: boolean): Promise<{ ok: true } | { ok: false; error: string }> {
  const db = getDb()
  const found = await requireImport(scope, importId)
  const refusal = await applyRefusal(db, found, confirmTerminations)
  if (refusal) return { ok: false, error: refusal }
  if (!(await claimImport(db, importId, ['review'], { status: 'applying', confirmTerminations: confirmTerminations ? 1 : found.confirmTerminations, appliedByUserId: actor.userId, message: null }))) {
    return { ok: false, error: 'This import is no longer waiting to be applied.' }
  }
  await enqueueImportJob({ importId, action: 'apply', userId: actor.userId })
  return { ok: true }
}

/** Check the same file again (after another file was applied, or after fixing the plans it named). */
export async function recheckImport(actor: Actor, scope: EmployerScope, importId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const found = await requireImport(scope, importId)
  if (found.status !== 'review' || !found.storedPath) return { ok: false, error: 'Only a file waiting to be applied can be checked again; upload it again instead.' }
  if (!(await claimImport(getDb(), importId, ['review'], { status: 'queued', message: null }))) return { ok: false, error: 'This import is no longer waiting to be applied.' }
  await enqueueImportJob({ importId, action: 'check' })
  void actor
  return { ok: true }
}

/** Resume applying a difference an error interrupted (the changes already written are skipped). */
export async function resumeImport(actor: Actor, scope: EmployerScope, importId: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const found = await requireImport(scope, importId)
  if (found.status !== 'failed' || found.appliedByUserId === null) return { ok: false, error: 'Only an import whose applying was interrupted can be resumed.' }
  if (!(await claimImport(getDb(), importId, ['failed'], { status: 'applying', message: null }))) return { ok: false, error: 'This import is no longer interrupted.' }
  await enqueueImportJob({ importId, action: 'apply', userId: actor.userId })
  return { ok: true }
}

/** Set a reviewed file aside without applying it (its difference stays in the history). */
export async function discardImport(actor: Actor, scope: EmployerScope, importId: string, now = new Date()): Promise<{ ok: true } | { ok: false; error: string }> {
  const db = getDb()
  const found = await requireImport(scope, importId)
  const at = now.toISOString()
  if (!(await claimImport(db, importId, ['review'], { status: 'discarded', finishedAt: at, storedPath: null, message: `Set aside by ${actor.email} without applying it.` }))) {
    return { ok: false, error: 'Only a file waiting to be applied can be set aside.' }
  }
  if (found.storedPath) fs.rmSync(found.storedPath, { force: true })
  await insertAuditEntry(db, actor, { action: 'roster.import_discarded', subjectType: 'import', subjectId: importId, employerId: scope.employerId, at })
  return { ok: true }
}

export async function setTerminationLimit(actor: Actor, scope: EmployerScope, percent: number, now = new Date()) {
  const db = getDb()
  await db.transaction().execute(async (trx) => {
    await updateTerminationLimit(trx, scope.employerId, percent)
    await insertAuditEntry(trx, actor, { action: 'roster.termination_limit_set', subjectType: 'organization', subjectId: scope.employerId, employerId: scope.employerId, at: now.toISOString(), detail: JSON.stringify({ percent }) })
  })
}

export function importHistory(scope: EmployerScope, page: number) {
  const db = getDb()
  return Promise.all([listImports(db, scope, { offset: (page - 1) * IMPORTS_PER_PAGE, limit: IMPORTS_PER_PAGE }), countImports(db, scope)]).then(([rows, total]) => ({
    rows: rows.map((row) => ({ ...row, counts: parseCounts(row.counts) })),
    total,
    pages: Math.max(1, Math.ceil(total / IMPORTS_PER_PAGE)),
  }))
}

/** A difference's values as a person reads them: the plan by its name, not its id. */
export function readableValues(values: Record<string, unknown> | null, planNames: ReadonlyMap<string, string>): Record<string, unknown> | null {
  if (!values || !('healthPlanId' in values)) return values
  const { healthPlanId, ...rest } = values
  return { ...rest, plan: typeof healthPlanId === 'string' ? (planNames.get(healthPlanId) ?? healthPlanId) : healthPlanId }
}
const readableFields = (fields: string[]) => fields.map((f) => (f === 'healthPlanId' ? 'plan' : f))

export async function planNamesOf(scope: EmployerScope): Promise<Map<string, string>> {
  return new Map((await listHealthPlans(getDb(), scope)).map((p) => [p.id, p.name]))
}

export interface DifferenceQuery extends ChangeFilter {
  afterSeq: number
}

/** One import with its counts, report and one page of its difference; reading member-level changes is audited. */
export async function importDetail(actor: Actor, scope: EmployerScope, importId: string, query: DifferenceQuery) {
  const db = getDb()
  const found = await requireImport(scope, importId)
  const [changes, matching, plans] = await Promise.all([
    listImportChanges(db, importId, query, { afterSeq: query.afterSeq, limit: CHANGES_PER_PAGE + 1 }),
    countImportChangesMatching(db, importId, query),
    planNamesOf(scope),
  ])
  if (changes.length > 0) {
    await insertAuditEntry(db, actor, { action: 'roster.difference_viewed', subjectType: 'import', subjectId: importId, employerId: scope.employerId, at: new Date().toISOString() })
  }
  return {
    import: { ...found, storedPath: undefined, acknowledgment: undefined, hasAcknowledgment: found.acknowledgment !== null },
    counts: parseCounts(found.counts),
    report: parseReport(found.report),
    changes: changes.slice(0, CHANGES_PER_PAGE).map((c) => ({
      ...c,
      fields: readableFields(c.fields.split(',')),
      previous: readableValues(c.previous ? (JSON.parse(c.previous) as Record<string, unknown>) : null, plans),
      next: readableValues(JSON.parse(c.next) as Record<string, unknown>, plans)!,
    })),
    nextAfterSeq: changes.length > CHANGES_PER_PAGE ? changes[CHANGES_PER_PAGE - 1]!.seq : null,
    matching,
  }
}

const KIND_LABEL: Record<RosterChangeKind, string> = { added: 'added', changed: 'changed', ended: 'coverage ended', reinstated: 'reinstated' }
const describe = (values: Record<string, unknown> | null, fields: string[]) => (values ? fields.map((f) => `${f}=${values[f] ?? ''}`).join('; ') : '')

/**
 * The whole difference as CSV (header first), written page by page so a million-line difference
 * never sits in memory. Downloading member-level data is audited.
 */
export async function differenceCsv(actor: Actor, scope: EmployerScope, importId: string): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const db = getDb()
  const found = await requireImport(scope, importId)
  await insertAuditEntry(db, actor, { action: 'roster.difference_exported', subjectType: 'import', subjectId: importId, employerId: scope.employerId, at: new Date().toISOString() })
  const plans = await planNamesOf(scope)
  const encoder = new TextEncoder()
  let afterSeq = -1
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (afterSeq === -1) {
        controller.enqueue(encoder.encode(stringify([['employee_id', 'change', 'fields', 'before', 'after', 'open_case', 'line']], { record_delimiter: '\r\n' })))
        afterSeq = 0
      }
      const rows = await listImportChanges(db, importId, {}, { afterSeq, limit: 5_000 })
      if (rows.length === 0) return controller.close()
      afterSeq = rows[rows.length - 1]!.seq
      const records = rows.map((row) => {
        const fields = readableFields(row.fields.split(','))
        const before = readableValues(row.previous ? (JSON.parse(row.previous) as Record<string, unknown>) : null, plans)
        const after = readableValues(JSON.parse(row.next) as Record<string, unknown>, plans)
        return [row.employeeId, KIND_LABEL[row.kind], fields.join(' '), describe(before, fields), describe(after, fields), row.hasOpenCase ? 'yes' : 'no', row.sourceLine ?? '']
      })
      controller.enqueue(encoder.encode(stringify(records.map((r) => r.map((v) => neutralizeFormula(v))), { record_delimiter: '\r\n' })))
    },
  })
  return { fileName: `${path.parse(found.fileName).name}-difference.csv`, body }
}

/** The row-by-row report as CSV (line, column, reason), header first. */
export async function reportCsv(scope: EmployerScope, importId: string): Promise<{ fileName: string; body: string }> {
  const found = await requireImport(scope, importId)
  const report = parseReport(found.report)
  const rows = report.rejected.map((r) => [r.line, r.column, r.reason].map((v) => neutralizeFormula(v)))
  return { fileName: `${path.parse(found.fileName).name}-report.csv`, body: stringify([['line', 'column', 'reason'], ...rows], { record_delimiter: '\r\n' }) }
}

/** The 999 acknowledgment of an 834 import. */
export async function acknowledgmentFile(scope: EmployerScope, importId: string): Promise<{ fileName: string; body: string }> {
  const found = await requireImport(scope, importId)
  if (!found.acknowledgment) throw notFound('Acknowledgment')
  return { fileName: `${path.parse(found.fileName).name}-999.x12`, body: found.acknowledgment }
}

/** The roster page's settings: the termination limit and the 834 plan codes. */
export async function rosterSettings(scope: EmployerScope) {
  const db = getDb()
  const [limit, codes, plans, running] = await Promise.all([
    findTerminationLimit(db, scope.employerId),
    listPlanGroupCodes(db, scope),
    listHealthPlans(db, scope),
    findRunningImport(db, scope.employerId),
  ])
  return { terminationLimitPercent: limit ?? DEFAULT_TERMINATION_LIMIT_PERCENT, codes, plans: plans.map((p) => ({ id: p.id, name: p.name })), running: running ?? null }
}

export type FieldErrors = Record<string, string[]>

/** Maps an 834 REF*1L group or policy number to one of the employer's plans. */
export async function addPlanGroupCode(actor: Actor, scope: EmployerScope, input: { code: string; healthPlanId: string }, now = new Date()): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors }> {
  const db = getDb()
  const plans = await listHealthPlans(db, scope)
  if (!plans.some((p) => p.id === input.healthPlanId)) return { ok: false, fieldErrors: { healthPlanId: ['Choose one of your health plans.'] } }
  const codeKey = input.code.toUpperCase()
  const existing = await findPlanGroupCode(db, scope, codeKey)
  if (existing) return { ok: false, fieldErrors: { code: [`${existing.code} is already mapped; remove it first to map it to another plan.`] } }
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertPlanGroupCode(trx, { id: newId(), employerId: scope.employerId, code: input.code, codeKey, healthPlanId: input.healthPlanId, createdAt: at })
    await insertAuditEntry(trx, actor, { action: 'roster.plan_code_added', subjectType: 'organization', subjectId: scope.employerId, employerId: scope.employerId, at, detail: JSON.stringify(input) })
  })
  return { ok: true }
}

export async function removePlanGroupCode(actor: Actor, scope: EmployerScope, id: string, now = new Date()): Promise<boolean> {
  const db = getDb()
  return db.transaction().execute(async (trx) => {
    const removed = await deletePlanGroupCode(trx, scope, id)
    if (removed) await insertAuditEntry(trx, actor, { action: 'roster.plan_code_removed', subjectType: 'organization', subjectId: scope.employerId, employerId: scope.employerId, at: now.toISOString(), detail: JSON.stringify({ id }) })
    return removed
  })
}
