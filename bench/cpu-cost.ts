/**
 * Per-request CPU cost of pages on the production server (issue 24): CPU seconds the server process
 * used (user + system, from /proc) divided by the requests it answered, which a busy machine
 * disturbs far less than requests per second. `npx tsx bench/cpu-cost.ts [requests]` after
 * `npm run build`, on data/bench.db (or DATABASE_URL). PORT picks the server's port (3402).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
process.env.DATABASE_URL ??= `file:${path.join(root, 'data/bench.db')}`
process.env.SESSION_SECRET ??= 'bench-session-secret-0123456789-0123456789'
process.env.NODE_ENV = 'production'
const requests = Number(process.argv[2] ?? 300)
const port = Number(process.env.PORT ?? 3402)

const { getDatabase } = await import('../app/db/client.server')
const { createUserSession } = await import('../app/auth/session.server')
const { seedId } = await import('../db/seed/random')
const { db } = getDatabase()
const employerId = seedId('bench-org', 'BENCH0001')
const cookie = (await createUserSession(seedId('bench-user', 'member'))).split(';')[0]!
const center = await db
  .selectFrom('programNetwork')
  .innerJoin('programVersions', 'programVersions.id', 'programNetwork.programVersionId')
  .innerJoin('programs', 'programs.id', 'programVersions.programId')
  .innerJoin('offers', 'offers.id', 'programNetwork.offerId')
  .innerJoin('facilities', 'facilities.id', 'offers.facilityId')
  .select(['facilities.zip', 'offers.id as offerId'])
  .where('programs.employerId', '=', employerId)
  .executeTakeFirstOrThrow()
await db.destroy()

const extra = process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []
const server = spawn(process.execPath, [...extra, path.join(root, 'server.mjs')], { env: { ...process.env, PORT: String(port), RATE_LIMIT_SCALE: '1000', ACCESS_LOG: 'off' }, stdio: 'inherit' })
const origin = `http://127.0.0.1:${port}`
for (let i = 0; i < 200; i++) {
  if (await fetch(`${origin}/healthz`).then((r) => r.ok).catch(() => false)) break
  await new Promise((r) => setTimeout(r, 100))
}
const ticks = () => {
  const fields = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return Number(fields[11]) + Number(fields[12]) // utime + stime, in clock ticks (1/100 s)
}
const pages: Record<string, string> = {
  healthz: '/healthz',
  search: `/member/care?procedure=TKA&zip=${center.zip}&radius=250&sort=quality`,
  center: `/member/care/${center.offerId}`,
}
const only = process.env.PAGES?.split(',')
for (const [name, url] of Object.entries(pages)) {
  if (only && !only.includes(name)) continue
  const sample = await fetch(origin + url, { headers: { cookie, 'accept-encoding': 'gzip' } })
  const body = await sample.text()
  if (!sample.ok) throw new Error(`${name} answered ${sample.status}`)
  for (let i = 0; i < 30; i++) await fetch(origin + url, { headers: { cookie } }).then((r) => r.arrayBuffer()) // warm-up
  const before = ticks()
  let next = 0
  const worker = async () => {
    while (next++ < requests) {
      const r = await fetch(origin + url, { headers: { cookie, 'accept-encoding': process.env.ENCODING ?? 'identity' } })
      await r.arrayBuffer()
      if (!r.ok) throw new Error(`${name} answered ${r.status}`)
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  const ms = ((ticks() - before) * 10) / requests
  console.log(`${name.padEnd(8)} ${ms.toFixed(2).padStart(7)} ms CPU per request (${requests} requests, ${Math.round(body.length / 1024)} KB HTML)`)
}
server.kill('SIGINT')
await new Promise((r) => server.on('exit', r))
