/**
 * `npm run bench:lighthouse` (issue 9): Lighthouse's mobile profile on the member search page, in
 * Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium), against the production build on
 * the demo database (data/portal.db; `npm run demo` or `npm run db:seed` makes it). Prints the
 * performance and accessibility scores and writes the full report under bench/results/.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
process.env.DATABASE_URL ??= `file:${path.join(root, 'data/portal.db')}`
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-0123456789'
const { createUserSession } = await import('../app/auth/session.server')
const { getDatabase } = await import('../app/db/client.server')

const member = await getDatabase().db.selectFrom('users').select('id').where('email', '=', 'member@acme.example').executeTakeFirst()
if (!member) {
  console.error('No demo member: run `npm run db:seed` (or `npm run demo`) first.')
  process.exit(2)
}
const cookie = (await createUserSession(member.id)).split(';')[0]!
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3500) // several checkouts on one machine
const server = spawn(process.execPath, [path.join(root, 'server.mjs')], { env: { ...process.env, PORT: String(port), NODE_ENV: 'production' }, stdio: 'ignore' })
for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 100))

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const url = `http://localhost:${port}/member/care?procedure=TKA&radius=500&sort=quality`
  const result = await lighthouse(url, { port: chrome.port, output: 'json', onlyCategories: ['performance', 'accessibility'], extraHeaders: { Cookie: cookie }, formFactor: 'mobile', logLevel: 'error' })
  if (!result) throw new Error('Lighthouse returned no result')
  const { categories, audits } = result.lhr
  const score = (key: string) => Math.round((categories[key]?.score ?? 0) * 100)
  console.log(`Lighthouse (mobile) on ${url}`)
  console.log(`  performance ${score('performance')} (target ≥ 95), accessibility ${score('accessibility')} (target 100)`)
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.log(`  ${audits[id]?.title}: ${audits[id]?.displayValue}`)
  }
  const failing = Object.values(audits).filter((a) => a.score !== null && a.score < 1 && categories.accessibility?.auditRefs.some((r) => r.id === a.id))
  for (const a of failing) console.log(`  accessibility: ${a.title}`)
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync(path.join('bench/results', `lighthouse-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), String(result.report))
} finally {
  await chrome.kill()
  server.kill()
  await getDatabase().db.destroy()
}
