/**
 * The page-size table of docs/performance.md from several `npm run bench` result files (issue 24):
 * `npx tsx bench/page-table.ts bench/results/bench-A.json bench/results/bench-B.json …`. Sizes, rows
 * and status are the first run's (a page that differs in another run is named on stderr); server
 * time is the median over the runs of each run's median. Prints Markdown.
 */
import fs from 'node:fs'
import type { PageFigure } from './pages'

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('Usage: npx tsx bench/page-table.ts <bench result JSON>…')
  process.exit(2)
}
const runs = files.map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as { at: string; database: string; loadAverage: number[]; pages: PageFigure[] })
const databases = new Set(runs.map((run) => run.database))
if (databases.size > 1) throw new Error(`The runs are on different databases: ${[...databases].join(', ')}`)
const [first] = runs
if (!first || first.pages.length === 0) throw new Error(`${files[0]} has no page figures (was the pages section skipped?)`)

const keyOf = (page: PageFigure) => `${page.route} ${page.person}`
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

console.log(`Runs: ${runs.map((run) => `${run.at} (load ${run.loadAverage.map((value) => value.toFixed(2)).join(' ')})`).join('; ')}, database ${first.database}`)
console.log('')
console.log('| route | person | status | HTML KB | gzip KB | server ms | rows | bounded |')
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |')
for (const page of first.pages) {
  const same = runs.map((run) => run.pages.find((other) => keyOf(other) === keyOf(page)))
  const missing = same.findIndex((other) => other === undefined)
  if (missing >= 0) throw new Error(`${files[missing]} has no figure for ${keyOf(page)}`)
  for (const [index, other] of same.entries()) {
    if (other!.status !== page.status || other!.rows !== page.rows) console.error(`note: ${keyOf(page)} differs in ${files[index]} (status ${other!.status}, rows ${other!.rows})`)
  }
  const ms = median(same.map((other) => other!.medianMs))
  console.log(`| ${page.route} | ${page.person} | ${page.status} | ${(page.bytes / 1024).toFixed(1)} | ${(page.gzipBytes / 1024).toFixed(1)} | ${Number(ms.toFixed(1))} | ${page.rows} | ${page.bounded ? 'yes' : '**no**'} |`)
}
