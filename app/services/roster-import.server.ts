import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { createRosterInserter, endCoverageOfMissing, hasRosterMembers, listRosterByEmployeeIds, updateRosterMember } from '~/db/repositories/roster-import.server'
import type { NewRosterMember } from '~/db/schema'
import { toIsoDate } from '~/domain/dates'
import { parseRosterRow, REQUIRED_ROSTER_COLUMNS, type RosterRow } from '~/domain/roster/roster-row'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { zipCentroid } from '~/integrations/zip-geocoding.server'
import { CsvFileError, readCsv } from './csv-reader.server'
import { receiveCsvUpload } from './upload.server'

export interface RosterImportOptions {
  label: string
  actor: Actor | null
  /** Members missing from the file get a coverage end the day before the file's date. */
  fullFile: boolean
  /** Import nothing when any row is rejected (otherwise the valid rows are imported). */
  allOrNothing: boolean
  now?: Date
  onProgress?: (rowsRead: number) => void
}

export interface RosterImportReport {
  rowsRead: number
  inserted: number
  updated: number
  unchanged: number
  coverageEnded: number
  /** The first MAX_REPORTED problems, in file order (a bad 1,000,000-row file does not fill memory). */
  rejected: Array<{ line: number; column: string; reason: string }>
  /** Every problem found, including those beyond `rejected`. */
  problems: number
  imported: boolean
}

export const MAX_REPORTED = 1_000
const BATCH = 2_000
/** Rows per INSERT: 1,000 × 16 columns stays under SQLite's 32,766 bound parameters. */
const INSERT_ROWS = 1_000
const COMPARED = ['firstName', 'lastName', 'dateOfBirth', 'zip', 'healthPlanId', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount'] as const

/** Thrown inside the import's transaction to roll it back (all-or-nothing with problems, or an empty file). */
class NothingImported extends Error {}

/**
 * Loads an eligibility roster CSV (DESIGN §6) in one streaming pass inside one transaction:
 * each row is checked (and its employee id against the rows before it), the valid rows are
 * upserted by employee id in batches, and the transaction is rolled back when all-or-nothing
 * meets a problem. Memory holds the employee ids seen and one batch, never the whole file.
 */
export async function importRosterFile(scope: EmployerScope, path: string, options: RosterImportOptions): Promise<RosterImportReport> {
  const now = options.now ?? new Date()
  const today = toIsoDate(now)
  const at = now.toISOString()
  const db = getDb()
  const plans = await listHealthPlans(db, scope)
  const planIdByName = new Map(plans.map((plan) => [plan.name, plan.id]))
  const context = { planNames: new Set(planIdByName.keys()), isKnownZip: (zip: string) => zipCentroid(zip) !== null, today }
  const report: RosterImportReport = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, coverageEnded: 0, rejected: [], problems: 0, imported: false }
  const reject = (line: number, column: string, reason: string) => {
    report.problems++
    if (report.rejected.length < MAX_REPORTED) report.rejected.push({ line, column, reason })
  }
  const firstLine = new Map<string, number>()

  try {
    await db.transaction().execute(async (trx) => {
      // A first load (no one on the roster yet) needs no look-up of existing members.
      const hadMembers = await hasRosterMembers(trx, scope.employerId)
      const insertRosterMembers = createRosterInserter(trx)
      let batch: RosterRow[] = []
      const flush = async () => {
        if (batch.length === 0) return
        const existing = hadMembers
          ? new Map((await listRosterByEmployeeIds(trx, scope.employerId, batch.map((r) => r.employeeId))).map((r) => [r.employeeId, r]))
          : undefined
        const inserts: NewRosterMember[] = []
        for (const row of batch) {
          const healthPlanId = planIdByName.get(row.planName)!
          const current = existing?.get(row.employeeId)
          if (!current) {
            inserts.push({
              id: newId(), employerId: scope.employerId, employeeId: row.employeeId, firstName: row.firstName, lastName: row.lastName,
              dateOfBirth: row.dateOfBirth, zip: row.zip, healthPlanId, coverageTier: row.coverageTier, coverageStart: row.coverageStart,
              coverageEnd: row.coverageEnd, dependentsCount: row.dependentsCount, deductibleMetCents: 0, oopPaidCents: 0, createdAt: at, updatedAt: at,
            })
          } else if (COMPARED.some((field) => current[field] !== (field === 'healthPlanId' ? healthPlanId : row[field]))) {
            const { planName: _planName, ...fields } = row
            await updateRosterMember(trx, current.id, { ...fields, healthPlanId, updatedAt: at })
            report.updated++
          } else report.unchanged++
        }
        for (let i = 0; i < inserts.length; i += INSERT_ROWS) await insertRosterMembers(inserts.slice(i, i + INSERT_ROWS))
        report.inserted += inserts.length
        batch = []
      }

      for await (const { line, values } of readCsv(path, { label: options.label, requiredColumns: REQUIRED_ROSTER_COLUMNS })) {
        report.rowsRead++
        if (report.rowsRead % 10_000 === 0) options.onProgress?.(report.rowsRead)
        const result = parseRosterRow(values, context)
        const employeeId = (values.employee_id ?? '').trim()
        const seenAt = employeeId ? firstLine.get(employeeId) : undefined
        if (seenAt !== undefined) reject(line, 'employee_id', `${employeeId} already appears on line ${seenAt}`)
        else if (employeeId) firstLine.set(employeeId, line)
        if (!result.ok) for (const error of result.errors) reject(line, error.column, error.reason)
        // With all-or-nothing, the first problem ends the writing; the rest of the file is still checked.
        else if (seenAt === undefined && !(options.allOrNothing && report.problems > 0)) {
          batch.push(result.row)
          if (batch.length >= BATCH) await flush()
        }
      }
      if (report.rowsRead === 0) reject(1, '', 'the file has a header but no members')
      if (report.problems > 0 && (options.allOrNothing || report.rowsRead === 0)) throw new NothingImported()

      await flush()
      if (options.fullFile) {
        const dayBefore = toIsoDate(new Date(now.getTime() - 86_400_000))
        report.coverageEnded = await endCoverageOfMissing(trx, scope.employerId, new Set(firstLine.keys()), dayBefore, at)
      }
      await insertAuditEntry(trx, options.actor, {
        action: 'roster.imported', subjectType: 'roster_file', subjectId: options.label, employerId: scope.employerId, at,
        detail: JSON.stringify({ inserted: report.inserted, updated: report.updated, ended: report.coverageEnded, rejected: report.problems }),
      })
    })
  } catch (error) {
    if (!(error instanceof NothingImported)) throw error
    return { ...report, inserted: 0, updated: 0, unchanged: 0, coverageEnded: 0 }
  }
  report.imported = true
  return report
}

export const MAX_ROSTER_UPLOAD_BYTES = 200_000_000

/** The employer admin's upload: streamed to disk, then imported with the chosen modes. */
export async function importUploadedRoster(actor: Actor, scope: EmployerScope, request: Request) {
  const upload = await receiveCsvUpload(request, 'file', MAX_ROSTER_UPLOAD_BYTES)
  if (!upload.ok) return { ok: false as const, error: upload.error }
  try {
    const report = await importRosterFile(scope, upload.filePath, {
      label: upload.fileName,
      actor,
      fullFile: upload.fields.get('fullFile') === 'on',
      allOrNothing: upload.fields.get('allOrNothing') === 'on',
    })
    return { ok: true as const, fileName: upload.fileName, report }
  } catch (error) {
    if (error instanceof CsvFileError) return { ok: false as const, error: error.message }
    throw error
  } finally {
    upload.cleanup()
  }
}
