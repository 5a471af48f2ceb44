import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { employeeIdKey } from '~/domain/roster/names'
import { parseRosterRow, type RosterColumn, type RosterPatch, type RosterRowContext } from '~/domain/roster/roster-row'
import { RosterFileError, type RosterSourceRecord } from './roster-sources.server'

/** One file line, read and validated: what the check compares with the roster (issue 17). */
export interface ReadRosterLine {
  line: number
  /** Problems found while reading, then (when there were none) the row's validation errors. */
  problems: Array<{ column: string; reason: string }>
  /** The employee id as written, trimmed, and its key (empty when the line has none). */
  rawId: string
  key: string
  /** A hash of the line's values (duplicate detection); 0 without a key. */
  hash: number
  /** The validated row, or null when the line has a problem. */
  row: RosterPatch | null
}

/** Validates one record: the same for the 834 reader, a small CSV and the CSV reader thread. */
export function readRosterLine(record: RosterSourceRecord, context: RosterRowContext): ReadRosterLine {
  const rawId = (record.values.employee_id ?? '').trim()
  const key = employeeIdKey(rawId)
  const result = record.problems.length > 0 ? null : parseRosterRow(record.values, context)
  const problems = result && !result.ok ? [...record.problems, ...result.errors] : record.problems
  return { line: record.line, problems, rawId, key, hash: key ? hashValues(record.values) : 0, row: result?.ok ? result.row : null }
}

/** A 27-bit hash of a line's values, whatever the order of its columns. */
export function hashValues(values: Readonly<Record<string, string | undefined>>): number {
  let hash = 0x811c9dc5
  for (const key of Object.keys(values).sort()) {
    const text = `${key}=${(values[key] ?? '').trim()};`
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0
  }
  return hash >>> 5
}

/** What the CSV reader thread needs: the file, its delimiter and header, and the validation context (functions stay behind). */
export interface CsvLinesJob {
  path: string
  label: string
  delimiter: string
  columns: Array<RosterColumn | null>
  plans: RosterRowContext['plans']
  today: string
  /** The known ZIPs, one byte per 5-digit ZIP (1: known), from `knownZipTable`. */
  knownZips: Uint8Array
}

/**
 * The ZIPs `isKnownZip` knows, as a table the reader thread can look 5-digit ZIPs up in (validation
 * only asks about 5 digits): 100 KB, where loading the ZIP package in the thread cost ~80 MB of RSS
 * (issue 24's 200 MB bound at 1,000,000 rows).
 */
export function knownZipTable(isKnownZip: (zip: string) => boolean): Uint8Array {
  const table = new Uint8Array(100_000)
  for (let zip = 0; zip < table.length; zip++) if (isKnownZip(String(zip).padStart(5, '0'))) table[zip] = 1
  return table
}

export type CsvLinesMessage =
  | { type: 'lines'; json: string; bytes: number }
  | { type: 'end' }
  | { type: 'error'; fileError: boolean; message: string }

/**
 * Messages the reader thread may run ahead of the check (each LINES_PER_MESSAGE lines): bounds memory
 * (a message is ~250 KB of JSON). While the check compares and stages a batch (BATCH lines, ~0.1 s of
 * SQL), the thread reads on: with 2 it waited through every batch's SQL, and a 100,000-line check took
 * 3.1 s instead of 2.4 s (issue 24). 6 is as fast as 12 at 1,000,000 lines, and 12 grew the import's
 * memory by ~20 MB, past the 200 MB bound.
 */
export const READ_AHEAD_MESSAGES = 6
export const LINES_PER_MESSAGE = 1_000

/**
 * The reader thread's code: the bundled file beside the build, or (the TypeScript sources, under tsx:
 * the CLI, development, tests) the worker bundled here once per process with esbuild and run as a
 * script: tsx's loader in the thread would cost it another ~100 MB. Null when neither is possible.
 */
function readerEntry(): Promise<{ code: string; eval: boolean } | null> {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.ts')) {
    const built = path.join(path.dirname(here), 'roster-csv-worker.js')
    return Promise.resolve(fs.existsSync(built) ? { code: built, eval: false } : null)
  }
  bundled ??= bundleReader(path.resolve(path.dirname(here), '../jobs/roster-csv-worker.ts')).catch(() => null)
  return bundled
}
let bundled: Promise<{ code: string; eval: boolean } | null> | undefined

async function bundleReader(source: string) {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [source], bundle: true, write: false, platform: 'node', format: 'cjs', target: 'node20', tsconfig: path.resolve('tsconfig.json'), logLevel: 'silent',
    // Packages load from node_modules (native addons among them); the app's own `~/…` modules are bundled.
    plugins: [{ name: 'packages-stay-external', setup: (b) => b.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true })) }],
  })
  return { code: result.outputFiles[0]!.text, eval: true }
}

export async function canReadCsvInWorker(): Promise<boolean> {
  return (await readerEntry()) !== null
}

/**
 * Reads and validates a CSV roster on a worker thread (issue 24): csv-parse and the row checks run
 * on a second core while this thread compares and writes. Lines come in file order, in batches of
 * LINES_PER_MESSAGE as one JSON string each (cheaper to pass than thousands of objects); a file
 * that cannot be read ends the iteration with a RosterFileError after the lines read before it,
 * as the in-thread reader does. Stopping the iteration stops the thread.
 */
export async function* readCsvLinesInWorker(job: CsvLinesJob, onBytes: (bytes: number) => void): AsyncGenerator<ReadRosterLine[]> {
  const entry = await readerEntry()
  if (!entry) throw new Error('the CSV reader thread is not built')
  // A small heap of its own: the thread holds a few batches at a time, and a collector with room to spare would not run (RSS, issue 24).
  // execArgv: [] — the thread's code is plain JavaScript; it needs none of the process's flags (tsx's --import among them).
  const worker = new Worker(entry.code, { eval: entry.eval, execArgv: [], workerData: job, resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 2 } })
  const queue: CsvLinesMessage[] = []
  let failure: Error | null = null
  let wake: (() => void) | null = null
  const signal = () => {
    wake?.()
    wake = null
  }
  worker.on('message', (message: CsvLinesMessage) => {
    queue.push(message)
    signal()
  })
  worker.on('error', (error) => {
    failure = error instanceof Error ? error : new Error(String(error))
    signal()
  })
  worker.on('exit', (code) => {
    failure ??= new Error(`the CSV reader thread stopped (exit code ${code}) before the end of the file`)
    signal()
  })
  try {
    for (;;) {
      while (queue.length === 0 && failure === null) await new Promise<void>((resolve) => (wake = resolve))
      const message = queue.shift()
      if (!message) throw failure!
      if (message.type === 'end') return
      if (message.type === 'error') throw message.fileError ? new RosterFileError(message.message) : new Error(`CSV reader thread: ${message.message}`)
      worker.postMessage('more')
      onBytes(message.bytes)
      yield JSON.parse(message.json) as ReadRosterLine[]
    }
  } finally {
    worker.removeAllListeners('exit')
    await worker.terminate()
  }
}
