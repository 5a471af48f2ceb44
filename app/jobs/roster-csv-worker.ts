/**
 * The CSV reader thread of a roster check (issue 24): parses the file and validates each line
 * while the import's thread compares and writes (two cores). It sends lines in file order, in
 * batches of LINES_PER_MESSAGE as one JSON string, and stays at most READ_AHEAD_MESSAGES ahead.
 * Started by readCsvLinesInWorker (app/services/roster-lines.server.ts).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CsvFileError, readDelimitedRecords } from '~/services/csv-reader.server'
import { LINES_PER_MESSAGE, READ_AHEAD_MESSAGES, readRosterLine, type CsvLinesJob, type CsvLinesMessage, type ReadRosterLine } from '~/services/roster-lines.server'
import { csvSourceRecord } from '~/services/roster-sources.server'

if (!parentPort) throw new Error('roster-csv-worker runs as a worker thread')
const port = parentPort
const job = workerData as CsvLinesJob
// ZIPs are looked up in the table the import's thread made (validation asks only about 5 digits): not the ZIP package, ~80 MB per thread.
const context = { plans: job.plans, today: job.today, isKnownZip: (zip: string) => job.knownZips[Number(zip)] === 1 }

let credits = READ_AHEAD_MESSAGES
let wake: (() => void) | null = null
port.on('message', () => {
  credits++
  wake?.()
  wake = null
})
const post = (message: CsvLinesMessage) => port.postMessage(message)

let lines: ReadRosterLine[] = []
let bytes = 0
async function send() {
  if (lines.length === 0) return
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
  credits--
  post({ type: 'lines', json: JSON.stringify(lines), bytes })
  lines = []
}

// No top-level await: under tsx the thread runs as a CommonJS bundle (roster-lines.server.ts), where it is
// not allowed (esbuild refuses to bundle it, and the import then silently read the file on its own thread).
async function main() {
  try {
    let header = true
    for await (const record of readDelimitedRecords(job.path, { label: job.label, delimiter: job.delimiter })) {
      // The header was read and checked by the import's thread.
      if (header) {
        header = false
        continue
      }
      bytes = record.bytes
      lines.push(readRosterLine(csvSourceRecord(record, job.columns, job.delimiter), context))
      if (lines.length >= LINES_PER_MESSAGE) await send()
    }
    await send()
    post({ type: 'end' })
  } catch (error) {
    post({ type: 'error', fileError: error instanceof CsvFileError, message: error instanceof Error ? error.message : String(error) })
  }
}
void main()
