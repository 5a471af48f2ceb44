// Sums the vitest and Playwright JSON reports of a test-all run: a table per stage and the
// closing line `N passed, N failed`. Exits non-zero when anything failed or nothing ran.
import fs from 'node:fs'
import path from 'node:path'

const dir = process.argv[2]
let passed = 0
let failed = 0
let skipped = 0
const rows = []
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))
  let p = 0
  let f = 0
  let s = 0
  if ('numPassedTests' in report) {
    p = report.numPassedTests
    f = report.numFailedTests
    s = report.numPendingTests + (report.numTodoTests ?? 0)
  } else {
    p = report.stats.expected
    f = report.stats.unexpected + report.stats.flaky
    s = report.stats.skipped
  }
  rows.push(`${path.basename(file, '.json').padEnd(22)} ${String(p).padStart(5)} passed ${String(f).padStart(4)} failed ${String(s).padStart(4)} skipped`)
  passed += p
  failed += f
  skipped += s
}
console.log(rows.join('\n'))
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
