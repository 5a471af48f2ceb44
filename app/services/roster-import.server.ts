import fs from 'node:fs'
import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { claimImport, findLastAppliedImport, unsafeFindImportById, updateImport } from '~/db/repositories/imports.server'
import {
  countImportChanges,
  countNotEndedMembers,
  deleteImportChanges,
  deleteImportChangesAtLines,
  findTerminationLimit,
  insertImportChanges,
  findApplyChunk,
  insertAddedMembersFromChanges,
  listAddedWithNonAsciiNames,
  listOtherChangesToApply,
  listMembersWithOpenCases,
  listNotEndedMembers,
  listRosterByIdKeys,
  listRosterByLooseIds,
  updateRosterMember,
  useBulkWriteCache,
} from '~/db/repositories/roster-import.server'
import type { Database, Import } from '~/db/schema'
import { addDays, toIsoDate } from '~/domain/dates'
import { checkTerminations, compareMember, DEFAULT_TERMINATION_LIMIT_PERCENT, endMissingMember, terminationRefusal, type RosterValues, type StoredRosterMember, type TerminationCheck } from '~/domain/roster/difference'
import { rosterKeys, withoutLeadingZeros } from '~/domain/roster/names'
import type { RosterPatch, RosterRowContext } from '~/domain/roster/roster-row'
import { zipCentroid } from '~/integrations/zip-geocoding.server'
import { canReadCsvInWorker, knownZipTable, readCsvLinesInWorker, readRosterLine, type ReadRosterLine } from './roster-lines.server'
import { openRosterSource, RosterFileError, type RosterSource } from './roster-sources.server'

/** Counts of one import, stored with it (JSON in imports.counts). */
export interface ImportCounts {
  rowsRead: number
  added: number
  changed: number
  ended: number
  reinstated: number
  unchanged: number
  problems: number
  withOpenCase: number
  /** Members whose coverage had not ended when the file was checked (the termination guard's base). */
  covered: number
}

export interface ImportProblem {
  line: number
  column: string
  reason: string
}

/** The row-by-row report (JSON in imports.report). */
export interface ImportReport {
  /** The first MAX_REPORTED problems, in file order. */
  rejected: ImportProblem[]
  /** Notes that change nothing (a line repeated word for word, empty lines skipped). */
  notes: string[]
  termination: TerminationCheck | null
}

export const MAX_REPORTED = 1_000
/**
 * File lines compared with the roster per round trip; their changes are staged in one transaction
 * (issue 24: 2,000 lines a commit made the commits, each a WAL checkpoint, a third of a large check).
 */
const BATCH = 10_000
/**
 * Staged changes written to the roster per transaction: short, so other writers never wait long for
 * SQLite's lock (issue 17), but not so short that a large file is cut into hundreds of commits: each
 * commit rewrites every index page the chunk touched (a new member touches seven B-trees) and, past
 * SQLite's 1,000-page WAL threshold, checkpoints. 2,000 made the commits half of a first load's
 * apply (issue 24); 10,000 new members hold the lock for ~0.1 s on a quiet machine.
 */
const APPLY_CHUNK = 10_000
const EMPTY_COUNTS: ImportCounts = { rowsRead: 0, added: 0, changed: 0, ended: 0, reinstated: 0, unchanged: 0, problems: 0, withOpenCase: 0, covered: 0 }

/**
 * CSV files from this size on are read and validated on a worker thread while this one compares and
 * writes (issue 24); smaller ones are not worth starting a thread for (~0.3 s).
 */
export const CSV_WORKER_MIN_BYTES = 2_000_000

/** The file's lines, read and validated: on a worker thread for a large CSV, else here, one record at a time. */
async function* readLines(source: RosterSource, context: RosterRowContext, workerMinBytes: number, fileBytes: number): AsyncGenerator<ReadRosterLine[]> {
  if (source.csv && fileBytes >= workerMinBytes && (await canReadCsvInWorker())) {
    const { setBytesRead, ...file } = source.csv
    await source.close()
    yield* readCsvLinesInWorker({ ...file, plans: context.plans.map((p) => ({ id: p.id, name: p.name })), today: context.today, knownZips: knownZipTable(context.isKnownZip) }, setBytesRead)
    return
  }
  for await (const record of source.records) yield [readRosterLine(record, context)]
}

export type ProgressReporter = (rowsDone: number, rowsEstimate: number | null) => void

export interface JobOptions {
  now?: Date
  onProgress?: ProgressReporter
  db?: Kysely<Database>
  /** Tests: the size from which a CSV is read on a worker thread (CSV_WORKER_MIN_BYTES). */
  csvWorkerMinBytes?: number
}

export function parseCounts(json: string | null): ImportCounts {
  return json ? { ...EMPTY_COUNTS, ...(JSON.parse(json) as Partial<ImportCounts>) } : { ...EMPTY_COUNTS }
}
export function parseReport(json: string | null): ImportReport {
  return json ? (JSON.parse(json) as ImportReport) : { rejected: [], notes: [], termination: null }
}

/**
 * Packs what duplicate detection needs of a line into one number (a million-line file keeps a
 * million of them): a 27-bit hash of its values, the line (24 bits), "staged a change" and "valid".
 */
const pack = (hash: number, line: number, staged: boolean, ok: boolean) => hash * 2 ** 26 + line * 4 + (staged ? 2 : 0) + (ok ? 1 : 0)
const unpack = (value: number) => ({ hash: Math.floor(value / 2 ** 26), line: Math.floor(value / 4) % 2 ** 24, staged: (value & 2) !== 0, ok: (value & 1) !== 0 })

/**
 * Checks a roster or 834 file against the employer's roster and stages the difference (DESIGN §6,
 * issue 17): every line is validated, compared with the stored member (only the columns the file
 * has count) and each change is written to roster_import_changes; nothing on the roster changes.
 * Then, when the file needs no review and its terminations are within the employer's limit (or
 * were confirmed), the difference is applied.
 */
export async function checkImport(importId: string, options: JobOptions = {}): Promise<Import> {
  const db = options.db ?? getDb()
  const now = options.now ?? new Date()
  const today = toIsoDate(now)
  const at = now.toISOString()
  const found = await unsafeFindImportById(db, importId)
  if (!found) throw new Error(`import ${importId} not found`)
  const employerId = found.organizationId
  const lastApplied = await findLastAppliedImport(db, employerId)
  await updateImport(db, importId, { status: 'checking', startedAt: at, rowsDone: 0, baseImportId: lastApplied?.id ?? null, message: null })
  await deleteImportChanges(db, importId)
  await useBulkWriteCache(db)

  const plans = await listHealthPlans(db, { employerId })
  const context = { plans, isKnownZip: (zip: string) => zipCentroid(zip) !== null, today }
  const counts: ImportCounts = { ...EMPTY_COUNTS }
  const report: ImportReport = { rejected: [], notes: [], termination: null }
  const reject = (line: number, column: string, reason: string) => {
    counts.problems++
    if (report.rejected.length < MAX_REPORTED) report.rejected.push({ line, column, reason })
  }
  const seen = new Map<string, number>()
  const retract: number[] = []
  const insertChanges = (rows: Parameters<typeof insertImportChanges>[1]) => insertImportChanges(db, rows)
  // A batch's changes (several statements of at most 3,000 rows) are one commit.
  const stageChanges = (rows: Parameters<typeof insertImportChanges>[1]) => (rows.length === 0 ? undefined : db.transaction().execute((trx) => insertImportChanges(trx, rows)))
  let seq = 0
  // A first load (no one on the roster yet) needs no look-up of stored members.
  const hadMembers = (await countNotEndedMembers(db, employerId, '0000-01-01')) > 0

  let source
  try {
    source = await openRosterSource(found, { employerId, db, today })
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error
    return finish(db, importId, { status: 'refused', message: error.message, counts, report, at })
  }
  for (const problem of source.fileProblems) reject(problem.line, problem.column, problem.reason)

  let batch: Array<{ line: number; key: string; row: RosterPatch }> = []
  const flush = async () => {
    if (batch.length === 0) return
    const keys = [...new Set(batch.map((b) => b.key))]
    const stored = hadMembers ? new Map((await listRosterByIdKeys(db, employerId, keys)).map((m) => [m.employeeIdKey, m])) : new Map<string, StoredRosterMember & { employeeIdKey: string }>()
    const missingLoose = hadMembers ? [...new Set(batch.filter((b) => !stored.has(b.key)).map((b) => withoutLeadingZeros(b.key)))] : []
    const loose = new Map<string, string>()
    if (missingLoose.length > 0) for (const m of await listRosterByLooseIds(db, employerId, missingLoose)) loose.set(m.employeeIdLoose, m.employeeId)
    const staged: Array<{ line: number; kind: string; memberId: string; employeeId: string; fields: string[]; previous: unknown; next: unknown; existing: boolean }> = []
    for (const item of batch) {
      const current = stored.get(item.key)
      const shortened = current ? undefined : loose.get(withoutLeadingZeros(item.key))
      const markRejected = () => {
        const entry = unpack(seen.get(item.key)!)
        seen.set(item.key, pack(entry.hash, entry.line, false, false))
      }
      if (shortened !== undefined) {
        reject(item.line, 'employee_id', `"${item.row.employeeId}" is on your roster as ${shortened}: the ids differ only in leading zeros, which a spreadsheet drops when it reads ids as numbers; format the column as text and export again`)
        markRejected()
        continue
      }
      const comparison = compareMember(current, item.row, today)
      if (comparison.kind === 'incomplete') {
        reject(item.line, comparison.missing.join(', '), `${item.row.employeeId} is not on your roster yet, and a new member needs ${comparison.missing.join(', ')}`)
        markRejected()
      } else if (comparison.kind === 'unchanged') counts.unchanged++
      else {
        const entry = unpack(seen.get(item.key)!)
        seen.set(item.key, pack(entry.hash, entry.line, true, true))
        staged.push({
          line: item.line, kind: comparison.kind, memberId: current?.id ?? newId(), employeeId: current?.employeeId ?? item.row.employeeId,
          fields: comparison.fields, previous: comparison.previous, next: comparison.next, existing: current !== undefined,
        })
      }
    }
    const open = await listMembersWithOpenCases(db, staged.filter((s) => s.existing).map((s) => s.memberId))
    await stageChanges(
      staged.map((s) => ({
        importId, seq: ++seq, kind: s.kind as never, employeeId: s.employeeId, rosterMemberId: s.memberId, sourceLine: s.line, fields: s.fields.join(','),
        previous: s.previous ? JSON.stringify(s.previous) : null, next: JSON.stringify(s.next), hasOpenCase: open.has(s.memberId) ? 1 : 0,
      })),
    )
    batch = []
  }

  try {
    let lastProgress = 0
    for await (const lines of readLines(source, context, options.csvWorkerMinBytes ?? CSV_WORKER_MIN_BYTES, found.fileBytes)) {
      for (const line of lines) {
        counts.rowsRead++
        if (counts.rowsRead - lastProgress >= 5_000) {
          lastProgress = counts.rowsRead
          const estimate = source.estimateRows(counts.rowsRead)
          options.onProgress?.(counts.rowsRead, estimate)
          await updateImport(db, importId, { rowsDone: counts.rowsRead, rowsEstimate: estimate })
        }
        readLine(line)
        if (batch.length >= BATCH) await flush()
      }
    }
    await flush()
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error
    await deleteImportChanges(db, importId)
    // The file as a whole is refused: the rows read before the break are not reported one by one.
    report.rejected = []
    counts.problems = 0
    return finish(db, importId, { status: 'refused', message: error.message, counts, report, at })
  }

  function readLine(read: ReadRosterLine) {
    for (const problem of read.problems) reject(read.line, problem.column, problem.reason)
    const { rawId, key, hash, row } = read
    const ok = row !== null && read.problems.length === 0
    if (!key) return
    const previous = seen.get(key)
    if (previous === undefined) {
      seen.set(key, pack(hash, Math.min(read.line, 2 ** 24 - 1), false, ok))
      if (ok) batch.push({ line: read.line, key, row })
      return
    }
    const first = unpack(previous)
    if (!first.ok && ok) {
      // The earlier line was refused: this one, with the same id, is applied instead (a corrected line).
      reject(first.line, 'employee_id', `${rawId} appears again on line ${read.line}, which was applied instead of this line`)
      seen.set(key, pack(hash, Math.min(read.line, 2 ** 24 - 1), false, true))
      batch.push({ line: read.line, key, row })
    } else if (!first.ok) reject(read.line, 'employee_id', `${rawId} also appears on line ${first.line}; neither line could be applied`)
    else if (!ok) reject(read.line, 'employee_id', `${rawId} already appears on line ${first.line}, which is applied; this line is not`)
    else if (first.hash === hash) {
      if (report.notes.length < 100) report.notes.push(`Line ${read.line} repeats line ${first.line} (${rawId}) word for word: applied once.`)
    } else {
      // Two different valid lines for one person: which is right cannot be guessed, so neither is applied.
      reject(first.line, 'employee_id', `${rawId} appears again on line ${read.line} with different details; neither line was applied: keep the right one`)
      reject(read.line, 'employee_id', `${rawId} already appears on line ${first.line} with different details; neither line was applied: keep the right one`)
      if (batch.some((b) => b.key === key)) batch = batch.filter((b) => b.key !== key)
      else if (first.staged) retract.push(first.line)
      else counts.unchanged = Math.max(0, counts.unchanged - 1)
      seen.set(key, pack(first.hash, first.line, false, false))
    }
  }

  for (let i = 0; i < retract.length; i += 500) await deleteImportChangesAtLines(db, importId, retract.slice(i, i + 500))

  if (source.fullFile && counts.rowsRead > 0) {
    // Members missing from a full file: coverage ends the day before the file's date (never deleted).
    const dayBefore = addDays(today, -1)
    const missing = (await listNotEndedMembers(db, employerId, today)).filter((m) => !seen.has(m.employeeIdKey))
    for (let i = 0; i < missing.length; i += BATCH) {
      const slice = missing.slice(i, i + BATCH)
      const open = await listMembersWithOpenCases(db, slice.map((m) => m.id))
      await insertChanges(
        slice.map((m) => {
          const change = endMissingMember(m, dayBefore) as Extract<ReturnType<typeof endMissingMember>, { fields: unknown }>
          return {
            importId, seq: ++seq, kind: 'ended' as const, employeeId: m.employeeId, rosterMemberId: m.id, sourceLine: null, fields: change.fields.join(','),
            previous: JSON.stringify(change.previous), next: JSON.stringify(change.next), hasOpenCase: open.has(m.id) ? 1 : 0,
          }
        }),
      )
    }
  }

  const staged = await countImportChanges(db, importId)
  Object.assign(counts, { added: staged.added, changed: staged.changed, ended: staged.ended, reinstated: staged.reinstated, withOpenCase: staged.withOpenCase })
  counts.covered = await countNotEndedMembers(db, employerId, today)
  const limit = (await findTerminationLimit(db, employerId)) ?? DEFAULT_TERMINATION_LIMIT_PERCENT
  report.termination = checkTerminations(counts.ended, counts.covered, limit)
  const acknowledgment = source.acknowledgment?.() ?? null
  // Problems found while comparing with the roster come after those found while reading: file order for the person.
  report.rejected.sort((a, b) => a.line - b.line)

  if (counts.rowsRead === 0) {
    reject(1, '', 'the file has a header but no members')
    await deleteImportChanges(db, importId)
    return finish(db, importId, { status: 'refused', message: 'The file has no members: nothing was changed.', counts, report, at, acknowledgment })
  }
  if (counts.problems > 0 && found.allOrNothing) {
    await deleteImportChanges(db, importId)
    Object.assign(counts, { added: 0, changed: 0, ended: 0, reinstated: 0, unchanged: 0, withOpenCase: 0 })
    return finish(db, importId, {
      status: 'refused', at, acknowledgment, counts, report,
      message: `${counts.problems.toLocaleString('en-US')} problem${counts.problems === 1 ? '' : 's'} found and "import nothing if any row has a problem" was chosen: nothing was changed.`,
    })
  }
  const needsReview = found.reviewFirst === 1 || source.fullFile || found.kind === 'x12_834'
  const blocked = report.termination.needsConfirmation && found.confirmTerminations !== 1
  const checked = {
    counts: JSON.stringify(counts), report: JSON.stringify(report), acknowledgment, checkedAt: new Date().toISOString(), rowsDone: counts.rowsRead, rowsEstimate: counts.rowsRead,
    fullFile: source.fullFile ? (1 as const) : (0 as const),
  }
  // A file that needs no review goes straight from "checking" to "applying": never through
  // "review", which tells the person (and the import page, which then stops following the job)
  // that the file waits for them. Unless another file was applied meanwhile (its difference is
  // then stale): that one waits in review, saying why, as before.
  if (!needsReview && !blocked) {
    const appliedSince = ((await findLastAppliedImport(db, employerId))?.id ?? null) !== (lastApplied?.id ?? null)
    if (!appliedSince) {
      if (await claimImport(db, importId, ['checking'], { ...checked, status: 'applying', message: null, appliedByUserId: found.createdByUserId })) {
        return applyImport(importId, { ...options, db })
      }
      return (await unsafeFindImportById(db, importId))!
    }
  }
  await updateImport(db, importId, { ...checked, status: 'review', message: blocked ? terminationRefusal(report.termination) : null })
  if (needsReview || blocked) return (await unsafeFindImportById(db, importId))!
  // Reached only when another file was applied while this one was checked: applyImport records why it waits.
  return applyImport(importId, { ...options, db })
}

/** Why an import cannot be applied now, or null. */
export async function applyRefusal(db: Kysely<Database>, found: Import, confirmTerminations: boolean): Promise<string | null> {
  if (found.status !== 'review') return `This import is ${found.status}: it can be applied only once, after its difference is checked.`
  const lastApplied = await findLastAppliedImport(db, found.organizationId)
  if ((lastApplied?.id ?? null) !== found.baseImportId) {
    return 'Another roster file was applied after this difference was made, so it may no longer be right. Check this file again, then apply it.'
  }
  const report = parseReport(found.report)
  if (report.termination?.needsConfirmation && !confirmTerminations && found.confirmTerminations !== 1) return terminationRefusal(report.termination)
  return null
}

/**
 * Writes an import's staged difference to the roster (issue 17), in short transactions of
 * APPLY_CHUNK changes so that the roster's other readers and writers never wait for the whole file;
 * an interrupted apply resumes after the last chunk written (each change is idempotent).
 */
export async function applyImport(importId: string, options: JobOptions & { userId?: string | null } = {}): Promise<Import> {
  const db = options.db ?? getDb()
  const found = await unsafeFindImportById(db, importId)
  if (!found) throw new Error(`import ${importId} not found`)
  if (found.status === 'review') {
    const refusal = await applyRefusal(db, found, false)
    if (refusal) {
      await updateImport(db, importId, { message: refusal })
      return (await unsafeFindImportById(db, importId))!
    }
    if (!(await claimImport(db, importId, ['review'], { status: 'applying', message: null, appliedByUserId: options.userId ?? found.createdByUserId }))) {
      return (await unsafeFindImportById(db, importId))!
    }
  } else if (found.status !== 'applying') return found
  const counts = parseCounts(found.counts)
  const total = counts.added + counts.changed + counts.ended + counts.reinstated
  let appliedThrough = found.appliedThrough
  let done = 0
  await useBulkWriteCache(db)
  for (;;) {
    const chunk = await findApplyChunk(db, importId, appliedThrough, APPLY_CHUNK)
    if (chunk.size === 0) break
    const at = (options.now ?? new Date()).toISOString()
    await db.transaction().execute(async (trx) => {
      // New members go from the staged changes to the roster in one statement (issue 24); the others
      // (changed, ended, reinstated: each an UPDATE of its own fields) through JavaScript as before.
      if (chunk.size > chunk.others) {
        await insertAddedMembersFromChanges(trx, importId, found.organizationId, appliedThrough, chunk.lastSeq, at)
        for (const member of await listAddedWithNonAsciiNames(trx, importId, appliedThrough, chunk.lastSeq)) {
          const keys = rosterKeys({ employeeId: '', firstName: member.firstName, lastName: member.lastName })
          await updateRosterMember(trx, member.id, { firstNameKey: keys.firstNameKey, lastNameKey: keys.lastNameKey })
        }
      }
      if (chunk.others > 0) {
        const changes = await listOtherChangesToApply(trx, importId, appliedThrough, chunk.lastSeq)
        // The stored names of the chunk's renamed members in one query, not one per member (a round trip each on PostgreSQL).
        const renamed = changes.flatMap((c) => {
          const next = JSON.parse(c.next) as Partial<RosterValues>
          return next.firstName !== undefined || next.lastName !== undefined ? [c.rosterMemberId] : []
        })
        const names = await storedNames(trx, renamed)
        for (const change of changes) {
          const next = JSON.parse(change.next) as Partial<RosterValues>
          const keys = next.firstName !== undefined || next.lastName !== undefined ? namesKeys(names, change.rosterMemberId, next) : {}
          await updateRosterMember(trx, change.rosterMemberId, { ...next, ...keys, updatedAt: at })
        }
      }
      appliedThrough = chunk.lastSeq
      await updateImport(trx, importId, { appliedThrough, rowsDone: (done += chunk.size), rowsEstimate: total })
    })
    options.onProgress?.(done, total)
  }
  const at = (options.now ?? new Date()).toISOString()
  await db.transaction().execute(async (trx) => {
    await updateImport(trx, importId, { status: 'applied', finishedAt: at, storedPath: null, message: null })
    await insertAuditEntry(trx, found.appliedByUserId || options.userId ? { userId: (options.userId ?? found.appliedByUserId)!, organizationId: found.organizationId, ip: null } : null, {
      action: 'roster.imported', subjectType: 'import', subjectId: importId, employerId: found.organizationId, at,
      detail: JSON.stringify({ file: found.fileName, sha256: found.fileSha256, by: found.createdByLabel, added: counts.added, changed: counts.changed, ended: counts.ended, reinstated: counts.reinstated, rejected: counts.problems }),
    })
  })
  removeStoredFile(found.storedPath)
  return (await unsafeFindImportById(db, importId))!
}

async function storedNames(db: Kysely<Database>, rosterMemberIds: readonly string[]) {
  const names = new Map<string, { employeeId: string; firstName: string; lastName: string }>()
  for (let i = 0; i < rosterMemberIds.length; i += 500) {
    const rows = await db.selectFrom('rosterMembers').select(['id', 'employeeId', 'firstName', 'lastName']).where('id', 'in', rosterMemberIds.slice(i, i + 500)).execute()
    for (const row of rows) names.set(row.id, row)
  }
  return names
}

function namesKeys(names: ReadonlyMap<string, { employeeId: string; firstName: string; lastName: string }>, rosterMemberId: string, next: Partial<RosterValues>) {
  const current = names.get(rosterMemberId)
  if (!current) throw new Error(`roster member ${rosterMemberId} not found`)
  const keys = rosterKeys({ employeeId: current.employeeId, firstName: next.firstName ?? current.firstName, lastName: next.lastName ?? current.lastName })
  return { firstNameKey: keys.firstNameKey, lastNameKey: keys.lastNameKey }
}

async function finish(
  db: Kysely<Database>,
  importId: string,
  end: { status: 'refused' | 'failed'; message: string; counts: ImportCounts; report: ImportReport; at: string; acknowledgment?: string | null },
): Promise<Import> {
  const found = await unsafeFindImportById(db, importId)
  await db.transaction().execute(async (trx) => {
    await updateImport(trx, importId, {
      status: end.status, message: end.message, counts: JSON.stringify(end.counts), report: JSON.stringify(end.report), finishedAt: new Date().toISOString(),
      checkedAt: new Date().toISOString(), storedPath: null, acknowledgment: end.acknowledgment ?? null,
    })
    await insertAuditEntry(trx, found?.createdByUserId ? { userId: found.createdByUserId, organizationId: found.organizationId, ip: null } : null, {
      action: `roster.import_${end.status}`, subjectType: 'import', subjectId: importId, employerId: found?.organizationId ?? null, at: end.at,
      detail: JSON.stringify({ file: found?.fileName, by: found?.createdByLabel, rows: end.counts.rowsRead, problems: end.counts.problems, message: end.message }),
    })
  })
  removeStoredFile(found?.storedPath ?? null)
  return (await unsafeFindImportById(db, importId))!
}

function removeStoredFile(storedPath: string | null) {
  if (storedPath) fs.rmSync(storedPath, { force: true })
}
