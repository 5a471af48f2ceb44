import type { Kysely } from 'kysely'
import type { Database, Import } from '~/db/schema'
import { closestColumn, detectDelimiter, readRosterHeader } from '~/domain/roster/columns'
import type { RosterColumn } from '~/domain/roster/roster-row'
import { CsvFileError, firstLineOf, readDelimitedRecords } from './csv-reader.server'

/** A file that cannot be read as a roster at all: nothing is staged, and the message says why. */
export class RosterFileError extends Error {}

export interface RosterSourceRecord {
  /** CSV: the line the record starts on; 834: the INS segment's position in the file. */
  line: number
  /** CSV-shaped values: only the columns the file carries for this member. */
  values: Partial<Record<RosterColumn, string>>
  /** Problems found while reading (a line with too many fields, an 834 loop that breaks a rule). */
  problems: Array<{ column: string; reason: string }>
}

export interface RosterSource {
  /** Members missing from the file get their coverage ended (a CSV marked full, an 834 with BGN08 4 or RX). */
  fullFile: boolean
  /** File-level problems that do not stop the reading (unknown columns). */
  fileProblems: Array<{ line: number; column: string; reason: string }>
  records: AsyncIterable<RosterSourceRecord>
  /** The file's likely number of members, from what has been read so far. */
  estimateRows: (rowsRead: number) => number | null
  /** 834: the 999 acknowledgment, once every record was read. */
  acknowledgment?: () => string
  /** Stops reading (after a look at the header only). */
  close: () => Promise<void>
  /** A CSV file, which can also be read again on a worker thread (after its header; roster-lines.server.ts). */
  csv?: { path: string; label: string; delimiter: string; columns: Array<RosterColumn | null>; setBytesRead: (bytes: number) => void }
}

export interface SourceContext {
  employerId: string
  db: Kysely<Database>
  today: string
  /** Only the envelope or header is looked at. */
  precheck?: boolean
}

/** Opens an import's stored file as roster records (CSV with any known header spelling and delimiter, or X12 834). */
export async function openRosterSource(found: Import, context: SourceContext): Promise<RosterSource> {
  if (!found.storedPath) throw new RosterFileError(`${found.fileName}: the uploaded file is no longer kept; upload it again.`)
  if (found.kind === 'x12_834') return (await import('./roster-source-834.server')).open834Source(found, found.storedPath, context)
  return openCsvSource(found.storedPath, found.fileName, found.fullFile === 1, found.fileBytes)
}

async function openCsvSource(path: string, label: string, fullFile: boolean, fileBytes: number): Promise<RosterSource> {
  let firstLine: string
  try {
    firstLine = firstLineOf(path)
  } catch {
    throw new RosterFileError(`${label}: file not found`)
  }
  const delimiter = detectDelimiter(firstLine)
  const records = readDelimitedRecords(path, { label, delimiter })
  const iterator = records[Symbol.asyncIterator]()
  const first = await nextRecord(iterator)
  if (!first) throw new RosterFileError(`${label}: the file is empty`)
  const header = readRosterHeader(first.fields)
  if (header.missing.length > 0) {
    const has = first.fields.filter((f) => f.trim()).map((f) => `"${f.trim().slice(0, 40)}"`)
    throw new RosterFileError(
      `${label}: not the expected file: missing column${header.missing.length > 1 ? 's' : ''} ${header.missing.map((m) => `"${m}"`).join(', ')}. ` +
        `The file's columns are ${has.slice(0, 20).join(', ')}${has.length > 20 ? ` and ${has.length - 20} more` : ''}${delimiter !== ',' ? ` (separated by ${delimiter === ';' ? 'semicolons' : 'tabs'})` : ''}.`,
    )
  }
  const fileProblems = [
    ...header.unknown.map((name) => {
      const near = closestColumn(name)
      return {
        line: first.line, column: name.slice(0, 60),
        reason: near
          ? `column "${name.slice(0, 60)}" is not one this portal reads, so its values were ignored: did you mean "${near}"? Rename the column and upload again`
          : `column "${name.slice(0, 60)}" is not one this portal reads: its values were ignored and not stored`,
      }
    }),
    ...header.repeated.map((column) => ({ line: first.line, column, reason: `the file has the column ${column} twice; only the first is read` })),
  ]
  let bytesRead = 0
  async function* rows(): AsyncGenerator<RosterSourceRecord> {
    for (;;) {
      const record = await nextRecord(iterator)
      if (!record) return
      bytesRead = record.bytes
      yield csvSourceRecord(record, header.columns, delimiter)
    }
  }
  return {
    fullFile,
    fileProblems,
    records: rows(),
    close: async () => {
      await iterator.return?.(undefined)
    },
    csv: { path, label, delimiter, columns: header.columns, setBytesRead: (bytes) => (bytesRead = bytes) },
    estimateRows: (rowsRead) => (bytesRead > 0 ? Math.max(rowsRead, Math.round((rowsRead * fileBytes) / bytesRead)) : null),
  }
}

/** A CSV record as roster values: only the columns the header names, and a problem when the field count differs. */
export function csvSourceRecord(record: { line: number; fields: string[] }, columns: ReadonlyArray<RosterColumn | null>, delimiter: string): RosterSourceRecord {
  const values: Partial<Record<RosterColumn, string>> = {}
  columns.forEach((column, index) => {
    if (column) values[column] = record.fields[index] ?? ''
  })
  const problems: RosterSourceRecord['problems'] = []
  if (record.fields.length !== columns.length) {
    problems.push({
      column: '',
      reason: `has ${record.fields.length} fields where the header has ${columns.length}: a value with a ${delimiter === ',' ? 'comma' : delimiter === ';' ? 'semicolon' : 'tab'} that is not in quotes, or a missing one`,
    })
  }
  return { line: record.line, values, problems }
}

async function nextRecord<T>(iterator: AsyncIterator<T>): Promise<T | undefined> {
  try {
    const next = await iterator.next()
    return next.done ? undefined : next.value
  } catch (error) {
    if (error instanceof CsvFileError) throw new RosterFileError(error.message)
    throw error
  }
}

/**
 * A quick look before an upload is queued: is this a roster file at all (text, the required
 * columns; an 834 with a readable envelope)? Null when it may be; else the one message to show.
 */
export async function precheckRosterFile(found: Pick<Import, 'kind' | 'fileName' | 'storedPath' | 'fullFile' | 'fileBytes'>, context: { employerId: string; db: Kysely<Database>; today: string }): Promise<string | null> {
  try {
    const source = await openRosterSource(found as Import, { ...context, precheck: true })
    await source.close()
    return null
  } catch (error) {
    if (error instanceof RosterFileError) return error.message
    throw error
  }
}
