/**
 * `npm run import:roster -- --employer <code> [--full-file] [--all-or-nothing] [--confirm-terminations] [--dry-run] <file>`
 * `npm run import:834 -- --employer <code> [--confirm-terminations] [--dry-run] <file.834>`
 *
 * Loads an employer's eligibility roster (CSV) or X12 834 enrollment file into the database named
 * by DATABASE_URL, through the same checks, difference, termination guard and history as the
 * portal's upload (issue 17). Prints progress, the difference and the report; an 834 gets its 999
 * acknowledgment written beside it (or to --ack <path>).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { getDatabase } from '../app/db/client.server'
import { findRunningImport, updateImport } from '../app/db/repositories/imports.server'
import { findEmployerByCode } from '../app/db/repositories/roster-import.server'
import { createImport, detectImportKind } from '../app/services/eligibility-files.server'
import { applyImport, applyRefusal, checkImport, parseCounts, parseReport } from '../app/services/roster-import.server'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    employer: { type: 'string' },
    'full-file': { type: 'boolean', default: false },
    'all-or-nothing': { type: 'boolean', default: false },
    'confirm-terminations': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    expect: { type: 'string' },
    ack: { type: 'string' },
  },
})
const file = positionals[0]
const usage = values.expect === '834'
  ? 'Usage: npm run import:834 -- --employer <code> [--confirm-terminations] [--dry-run] [--ack <999 file>] <file.834>'
  : 'Usage: npm run import:roster -- --employer <code> [--full-file] [--all-or-nothing] [--confirm-terminations] [--dry-run] <roster.csv>'
if (!values.employer || !file) {
  console.error(usage)
  process.exit(2)
}
if (!fs.existsSync(file)) {
  console.error(`${file}: file not found`)
  process.exit(1)
}
const kind = detectImportKind(file)
if (values.expect === '834' && kind !== 'x12_834') {
  console.error(`${path.basename(file)} does not start with an ISA segment: it is not an X12 834 file (use import:roster for a CSV roster).`)
  process.exit(1)
}

const { db } = getDatabase()
const count = (n: number) => n.toLocaleString('en-US')
const progress = (label: string) => (done: number, estimate: number | null) => process.stderr.write(`  ${label} ${count(done)}${estimate ? ` of about ${count(estimate)}` : ''}\r`)
try {
  const employer = await findEmployerByCode(db, values.employer)
  if (!employer) {
    console.error(`No employer with code ${values.employer}.`)
    process.exitCode = 1
  } else {
    // A command-line import killed part-way (its process is gone) is finished first: an apply resumes after its last
    // written chunk, a check starts again (ADR 0014). Imports sent from the portal are the server's to resume.
    const interrupted = await findRunningImport(db, employer.id)
    if (interrupted?.createdByLabel.startsWith('cli:')) {
      console.error(`Finishing the interrupted import of ${interrupted.fileName} (${interrupted.status}) first.`)
      if (interrupted.status === 'applying') await applyImport(interrupted.id)
      else await updateImport(db, interrupted.id, { status: 'failed', finishedAt: new Date().toISOString(), storedPath: null, message: 'The command that checked this file was stopped before it finished: nothing was changed.' })
    }
    const started = Date.now()
    const rssAtStart = process.memoryUsage().rss
    const created = await createImport(
      { employerId: employer.id },
      { path: file, fileName: path.basename(file) },
      { fullFile: values['full-file'], allOrNothing: values['all-or-nothing'], reviewFirst: values['dry-run'], confirmTerminations: values['confirm-terminations'] },
      { userId: null, label: `cli:${os.userInfo().username}` },
    )
    if (!created.ok) {
      console.error(`Import refused, nothing was changed.\n${created.error}`)
      process.exitCode = 1
    } else {
      let result = await checkImport(created.importId, { onProgress: progress('checked') })
      const report = parseReport(result.report)
      for (const r of report.rejected.slice(0, 200)) console.error(`  ${kind === 'x12_834' ? 'segment' : 'line'} ${r.line}${r.column ? `, ${r.column}` : ''}: ${r.reason}`)
      const problems = parseCounts(result.counts).problems
      if (problems > 200) console.error(`  … and ${count(problems - 200)} more`)
      for (const note of report.notes.slice(0, 20)) console.error(`  note: ${note}`)
      if (result.acknowledgment) {
        const ackPath = values.ack ?? `${file}.999`
        fs.writeFileSync(ackPath, result.acknowledgment)
        console.log(`999 acknowledgment written to ${ackPath}`)
      }
      const summary = () => {
        const c = parseCounts(result.counts)
        return `${count(c.rowsRead)} ${kind === 'x12_834' ? 'members' : 'rows'}: ${count(c.added)} added, ${count(c.changed)} changed, ${count(c.ended)} coverage ended, ${count(c.reinstated)} reinstated, ${count(c.unchanged)} unchanged, ${count(c.problems)} problem(s)${c.withOpenCase ? `; ${count(c.withOpenCase)} with an open case` : ''}`
      }
      if (result.status === 'refused') {
        console.error(`${employer.name}: ${result.message}\n  ${summary()}`)
        process.exitCode = 1
      } else if (result.status === 'review' && values['dry-run']) {
        console.log(`${employer.name}: difference only (--dry-run), nothing was changed.\n  ${summary()}\n  Import ${created.importId}: apply it on the roster page, or run again without --dry-run.`)
      } else {
        if (result.status === 'review') {
          const refusal = await applyRefusal(db, result, values['confirm-terminations'])
          if (refusal) {
            console.error(`${employer.name}: ${refusal}\n  ${summary()}\n  Run again with --confirm-terminations to apply it.`)
            process.exitCode = 1
          } else {
            if (values['confirm-terminations']) await updateImport(db, created.importId, { confirmTerminations: 1 })
            result = await applyImport(created.importId, { onProgress: progress('applied') })
          }
        }
        if (result.status === 'applied') {
          const seconds = (Date.now() - started) / 1000
          console.log(`${employer.name}: ${summary()}. ${seconds.toFixed(1)} s.`)
          // Figures for operators and the benchmark: rows a second and memory (peak RSS of this process).
          const peak = process.resourceUsage().maxRSS * 1024
          console.log(`  ${Math.round(parseCounts(result.counts).rowsRead / seconds)} rows/s, peak RSS ${(peak / 1e6).toFixed(0)} MB (at start ${(rssAtStart / 1e6).toFixed(0)} MB)`)
          // The check stamps checkedAt before it applies (a file that needs no review is applied by the same call).
          const checkedAt = result.checkedAt ? Date.parse(result.checkedAt) : started
          console.log(`  checked in ${((checkedAt - started) / 1000).toFixed(1)} s, applied in ${((Date.now() - checkedAt) / 1000).toFixed(1)} s`)
        }
      }
    }
  }
} finally {
  await db.destroy()
}
