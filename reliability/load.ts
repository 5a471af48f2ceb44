/**
 * `npm run load [-- --servers 1 --kill-after S --users 200 --coordinators 5 --duration 60
 * --think-min 1000 --think-max 2000 --seed N --port P --timeout 30 --p95-target 500 --keep]`
 * (issues 10 and 24): the production build (`npm run build`; run here when build/ is missing)
 * served by --servers processes of `node server.mjs` on loopback, all on one fresh database
 * (SQLite file in a temporary directory, WAL, or a fresh PostgreSQL schema when DATABASE_URL is
 * postgres://…) migrated and seeded with the demo data, behind a round-robin proxy
 * (reliability/round-robin-proxy.ts, its own process) that skips a server refusing connections.
 * --users members (each its own account on a distinct roster member of the demo employers)
 * search, open centers and request care, and --coordinators care coordinators (signed in through
 * the real form) work the queue one valid step at a time, with a think time between requests and
 * each from its own address (X-Forwarded-For, TRUST_PROXY=1). --kill-after S kills one server
 * with SIGKILL S seconds in; the run goes on. E-mails go to an SMTP sink here (loopback).
 * Then: the database is checked against every write acknowledged; a guesser's wrong passwords
 * through the proxy are refused after exactly the sign-in limit, whichever server counts them;
 * every e-mail marked sent was received once; no job is left or done twice (when the jobs table
 * exists) (reliability/load-check.ts). Prints a table (p50/p95 per request kind against the
 * --p95-target), writes JSON and the servers' logs under reliability/results/, exits 1 on FAIL.
 * Nothing listens beyond 127.0.0.1; every wait is bounded.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { SMTPServer } from 'smtp-server'
import { machine, RESULTS_DIR, ROOT } from './harness'
import { checkEmails, checkJobs, checkWrites, messageIdOf, snapshot, type Delivery, type EmailCheck, type JobCheck, type RateLimitProbe, type WriteCheck } from './load-check'
import {
  createRandom, REQUEST_KINDS, runCoordinator, runMember, signInCoordinator,
  type LoadCoordinator, type LoadMember, type RunContext, type Sample,
} from './load-users'

const USAGE = 'Usage: npm run load -- [--servers 1] [--kill-after S] [--users 200] [--coordinators 5] [--duration 60] [--think-min 1000] [--think-max 2000] [--seed N] [--port P] [--timeout 30] [--p95-target 500] [--keep]'
const SESSION_SECRET = 'load-test-session-secret-0123456789-0123456789'
const PG_SCHEMA = 'load_test'
/** Chance that a member who opened a center requests care there, and that the request is sent twice at once. */
const BEHAVIOUR = { requestRate: 0.35, doubleSubmitRate: 0.1 }

// ---------------------------------------------------------------------------------------------
// Arguments

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        users: { type: 'string', default: '200' },
        coordinators: { type: 'string', default: '5' },
        duration: { type: 'string', default: '60' },
        'think-min': { type: 'string', default: '1000' },
        'think-max': { type: 'string', default: '2000' },
        seed: { type: 'string' },
        port: { type: 'string' },
        timeout: { type: 'string', default: '30' },
        keep: { type: 'boolean', default: false },
        servers: { type: 'string', default: '1' },
        'kill-after': { type: 'string' },
        'p95-target': { type: 'string', default: '500' },
      },
    })
    const int = (name: string, value: unknown, min: number, max: number) => {
      const n = Number(value)
      if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`)
      return n
    }
    const options = {
      members: int('users', values.users, 1, 2000),
      coordinators: int('coordinators', values.coordinators, 0, 50),
      durationSeconds: int('duration', values.duration, 1, 3600),
      thinkMs: { min: int('think-min', values['think-min'], 0, 60_000), max: int('think-max', values['think-max'], 0, 60_000) },
      seed: values.seed === undefined ? Date.now() % 1_000_000 : int('seed', values.seed, 0, 2 ** 31),
      port: values.port === undefined ? null : int('port', values.port, 1024, 65535),
      timeoutMs: int('timeout', values.timeout, 1, 600) * 1000,
      keep: values.keep === true,
      servers: int('servers', values.servers, 1, 16),
      killAfterSeconds: values['kill-after'] === undefined ? null : int('kill-after', values['kill-after'], 1, 3600),
      p95TargetMs: int('p95-target', values['p95-target'], 0, 60_000),
    }
    if (options.thinkMs.max < options.thinkMs.min) throw new Error('--think-max must be at least --think-min')
    if (options.killAfterSeconds !== null && options.servers < 2) throw new Error('--kill-after needs --servers 2 or more (one must keep answering)')
    if (options.killAfterSeconds !== null && options.killAfterSeconds >= options.durationSeconds) throw new Error('--kill-after must be within --duration')
    return options
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    process.exit(2)
  }
}

const options = parseOptions()
const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')

// ---------------------------------------------------------------------------------------------
// Helpers

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const percentile = (sorted: readonly number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!)

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * A Linux process's CPU seconds (all threads), peak resident memory, and for its main thread (the
 * event loop) the seconds it ran and the seconds it was ready but waited for a CPU (schedstat: on
 * a shared machine, the time other processes took). Null elsewhere.
 */
function processUsage(pid: number | undefined): { cpuSeconds: number; peakRssMb: number; loopRunSeconds: number; loopWaitSeconds: number } | null {
  if (pid === undefined) return null
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime + stime, in USER_HZ (100 on Linux)
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    const [runNs, waitNs] = fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number)
    return { cpuSeconds: ticks / 100, peakRssMb: Math.round(Number(hwm ?? 0) / 1024), loopRunSeconds: runNs! / 1e9, loopWaitSeconds: waitNs! / 1e9 }
  } catch {
    return null
  }
}

function machineInfoOf() {
  return {
    ...machine(['app', 'db', 'server.mjs']),
    loadAverageBefore: os.loadavg().map((n) => round(n, 2)),
    /** When build/ was made: the server runs that build, whatever the working tree holds now. */
    builtAt: fs.statSync(path.join(ROOT, 'build/index.js')).mtime.toISOString(),
  }
}

// ---------------------------------------------------------------------------------------------
// Build and database

if (!fs.existsSync(path.join(ROOT, 'build/index.js'))) {
  console.log('No build found: running `npm run build`')
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 10 * 60_000 })
}

let workDir: string | null = null
if (isPostgres) {
  process.env.DATABASE_SCHEMA = PG_SCHEMA
} else {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-load-'))
  process.env.DATABASE_URL = `file:${path.join(workDir, 'load.db')}`
  delete process.env.DATABASE_SCHEMA
}
const databaseUrl = process.env.DATABASE_URL!
const databaseSchema = process.env.DATABASE_SCHEMA
Object.assign(process.env, { SESSION_SECRET, NODE_ENV: 'production' })
// Nothing leaves the machine: no e-mail, no Stripe, no map tiles.
for (const name of ['SMTP_URL', 'STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE', 'MAPBOX_ACCESS_TOKEN']) delete process.env[name]

// App modules read the environment on first use, so they are loaded after it is set.
const { openDatabase } = await import('../app/db/connection')
const { getDatabase } = await import('../app/db/client.server')
const { createUserSession } = await import('../app/auth/session.server')
const { migrateToLatest } = await import('../db/migrate')
const { seedDemoData, DEMO_PASSWORD } = await import('../db/seed/index')
const { EMPLOYERS } = await import('../db/seed/metros')
const { seedId } = await import('../db/seed/random')

const machineInfo = machineInfoOf()
const setupStarted = performance.now()
if (isPostgres) {
  const admin = openDatabase({ url: databaseUrl })
  await sql`drop schema if exists ${sql.id(PG_SCHEMA)} cascade`.execute(admin.db)
  await sql`create schema ${sql.id(PG_SCHEMA)}`.execute(admin.db)
  await admin.db.destroy()
}
const { db, dialect } = getDatabase()
await migrateToLatest(db, dialect)
await seedDemoData(db)
const databaseVersion =
  dialect === 'sqlite'
    ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(db)).rows[0]!.v}`
    : ((await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v.split(' on ')[0] ?? 'PostgreSQL')

/** Members on distinct roster rows that have no account and no demo case, spread over the demo employers. */
async function createAccounts() {
  const random = createRandom(options.seed)
  const now = new Date().toISOString()
  const { passwordHash } = await db.selectFrom('users').select('passwordHash').where('email', '=', 'coordinator@coe-platform.example').executeTakeFirstOrThrow()
  const taken = new Set([
    ...(await db.selectFrom('cases').select('rosterMemberId').execute()).map((r) => r.rosterMemberId),
    ...(await db.selectFrom('memberships').select('rosterMemberId').where('rosterMemberId', 'is not', null).execute()).map((r) => r.rosterMemberId!),
  ])
  const pools = await Promise.all(
    EMPLOYERS.map(async (employer) => {
      const rows = (await db.selectFrom('rosterMembers').select(['id', 'zip']).where('employerId', '=', seedId('org', employer.code)).orderBy('employeeId').execute()).filter((r) => !taken.has(r.id))
      for (let i = rows.length - 1; i > 0; i--) {
        const j = random.int(0, i)
        ;[rows[i], rows[j]] = [rows[j]!, rows[i]!]
      }
      return { employer, rows, otherZips: [...employer.homeZips, ...rows.slice(0, 30).map((r) => r.zip)] }
    }),
  )
  const members: Array<Omit<LoadMember, 'cookie'>> = []
  for (let i = 0; i < options.members; i++) {
    const pool = pools[i % pools.length]!
    const row = pool.rows[Math.floor(i / pools.length)]
    if (!row) throw new Error(`Not enough roster members for ${options.members} users`)
    members.push({
      index: i, userId: randomUUID(), rosterMemberId: row.id, homeZip: row.zip, procedures: pool.employer.program.procedures, otherZips: pool.otherZips,
      address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    })
  }
  const coordinators: LoadCoordinator[] = Array.from({ length: options.coordinators }, (_, i) => ({
    index: i, userId: randomUUID(), email: `load-coordinator-${i + 1}@load-test.invalid`, address: `10.1.0.${i + 1}`,
  }))
  await db.transaction().execute(async (trx) => {
    const users = [
      ...members.map((m) => ({ id: m.userId, email: `load-member-${m.index + 1}@load-test.invalid`, passwordHash, displayName: `Load Member ${m.index + 1}`, createdAt: now, lastLoginAt: null })),
      ...coordinators.map((c) => ({ id: c.userId, email: c.email, passwordHash, displayName: `Load Coordinator ${c.index + 1}`, createdAt: now, lastLoginAt: null })),
    ]
    const memberships = [
      ...members.map((m, i) => ({ id: randomUUID(), userId: m.userId, organizationId: seedId('org', pools[i % pools.length]!.employer.code), role: 'employee' as const, rosterMemberId: m.rosterMemberId, createdAt: now })),
      ...coordinators.map((c) => ({ id: randomUUID(), userId: c.userId, organizationId: seedId('org', 'PLATFORM'), role: 'care_coordinator' as const, rosterMemberId: null, createdAt: now })),
    ]
    for (let i = 0; i < users.length; i += 200) await trx.insertInto('users').values(users.slice(i, i + 200)).execute()
    for (let i = 0; i < memberships.length; i += 200) await trx.insertInto('memberships').values(memberships.slice(i, i + 200)).execute()
  })
  // Members' sessions as sign-in makes them (the session table and the signed cookie); coordinators sign in through the form.
  const withSessions: LoadMember[] = []
  for (const member of members) withSessions.push({ ...member, cookie: (await createUserSession(member.userId)).split(';')[0]! })
  return { members: withSessions, coordinators }
}

const { members, coordinators } = await createAccounts()
const before = await snapshot(db)
await db.destroy()
globalThis.__portalDatabase = undefined
const setupSeconds = (performance.now() - setupStarted) / 1000
console.log(`load: ${databaseVersion}${workDir ? ` in ${workDir}` : ` schema ${PG_SCHEMA}`}; demo data and ${members.length} member + ${coordinators.length} coordinator accounts in ${round(setupSeconds)} s`)

// ---------------------------------------------------------------------------------------------
// Server

fs.mkdirSync(RESULTS_DIR, { recursive: true })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')

// A local SMTP sink (loopback): every e-mail the servers send is received here and counted by
// Message-ID, so an e-mail sent twice by two servers shows.
const deliveries: Delivery[] = []
const smtpSink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      deliveries.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), messageId: messageIdOf(Buffer.concat(chunks).toString('utf8')) })
      callback()
    })
  },
})
// A server killed mid-conversation resets its SMTP connection: expected, counted, never fatal.
let smtpConnectionErrors = 0
smtpSink.on('error', () => smtpConnectionErrors++)
smtpSink.listen(0, '127.0.0.1')
await once(smtpSink.server, 'listening')
const smtpUrl = `smtp://127.0.0.1:${(smtpSink.server.address() as net.AddressInfo).port}`

interface AppServer {
  index: number
  port: number
  process: ChildProcess
  logFile: string
  stderr: string
  exited: Promise<number | null>
  killed: boolean
}
// server.mjs listens on every interface; the preload binds it to 127.0.0.1 for this run.
// LOAD_SERVER_CPU_PROF=<dir> writes a V8 CPU profile of each server there (`node --cpu-prof`), as BENCH_CPU_PROF does for the roster bench.
const profileFlags = process.env.LOAD_SERVER_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.LOAD_SERVER_CPU_PROF] : []
const serverArgs = [...profileFlags, '--import', pathToFileURL(path.join(ROOT, 'reliability/loopback-only.mjs')).href, path.join(ROOT, 'server.mjs')]
const servers: AppServer[] = []
for (let index = 0; index < options.servers; index++) {
  const port = await freePort()
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), NODE_ENV: 'production', SESSION_SECRET, TRUST_PROXY: '1', ACCESS_LOG: 'off', DATABASE_URL: databaseUrl,
    // The real limits: the probe after the run meets them (the simulated users stay below them).
    RATE_LIMIT_SCALE: '1', SMTP_URL: smtpUrl,
  }
  if (databaseSchema) serverEnv.DATABASE_SCHEMA = databaseSchema
  const logFile = path.join(RESULTS_DIR, `load-${stamp}-server${options.servers > 1 ? `-${index + 1}` : ''}.log`)
  const log = fs.createWriteStream(logFile)
  const child = spawn(process.execPath, serverArgs, { cwd: ROOT, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  const server: AppServer = { index, port, process: child, logFile, stderr: '', exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))), killed: false }
  child.stdout!.on('data', (chunk: Buffer) => log.write(chunk))
  child.stderr!.on('data', (chunk: Buffer) => {
    log.write(chunk)
    if (server.stderr.length < 5_000_000) server.stderr += chunk.toString('utf8')
  })
  void server.exited.then(() => log.end())
  servers.push(server)
}
const serverLogFile = servers[0]!.logFile

// The load balancer's stand-in, in its own process so it does not share the load generator's event loop.
const proxyPort = options.port ?? (await freePort())
const baseUrl = `http://127.0.0.1:${proxyPort}`
const proxy = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'reliability/round-robin-proxy.ts'), String(proxyPort), ...servers.map((s) => String(s.port))], {
  cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'],
})
let proxyOutput = ''
proxy.stdout!.on('data', (chunk: Buffer) => (proxyOutput += chunk.toString('utf8')))
const proxyExited = new Promise<number | null>((resolve) => proxy.once('exit', (code) => resolve(code)))

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null
// However this script ends (an error, the watchdog), no server outlives it.
process.on('exit', () => {
  for (const child of [...servers.map((s) => s.process), proxy]) if (isRunning(child)) child.kill('SIGKILL')
})

async function stopProcess(child: ChildProcess, exited: Promise<unknown>) {
  if (!isRunning(child)) return
  child.kill('SIGTERM')
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)])
  if (!stopped) {
    child.kill('SIGKILL')
    await exited
  }
}
async function stopServers() {
  await Promise.all(servers.map((s) => stopProcess(s.process, s.exited)))
}
async function stopAll() {
  await stopServers()
  await stopProcess(proxy, proxyExited)
  smtpSink.close()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130))
  })
}
// The run's time bound: setup is done; the run, its checks and the report take far less than this.
const watchdog = setTimeout(() => {
  console.error('load: time limit reached, stopping')
  void stopAll().then(() => process.exit(3))
}, (options.durationSeconds + 300) * 1000)

async function waitFor(url: string, what: string, exitCode: () => number | null) {
  // Generous: on a busy machine N servers starting at once take a while.
  const until = Date.now() + 180_000
  while (Date.now() < until) {
    if (exitCode() !== null) throw new Error(`${what} exited with ${exitCode()}`)
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false)
    if (ok) return
    await sleep(100)
  }
  throw new Error(`${what} did not answer ${url} within 180 s`)
}
await Promise.all(servers.map((s) => waitFor(`http://127.0.0.1:${s.port}/healthz`, `server.mjs ${s.index + 1} (see ${s.logFile})`, () => s.process.exitCode)))
await waitFor(`${baseUrl}/healthz`, 'the proxy', () => proxy.exitCode)

// ---------------------------------------------------------------------------------------------
// The run

const ctx: RunContext = {
  baseUrl, deadline: Infinity, thinkMs: options.thinkMs, timeoutMs: options.timeoutMs,
  samples: [], problems: [], careAcks: [], transitionAcks: [], uncertainWrites: [], startedAt: 0,
}
const signedIn = []
for (const coordinator of coordinators) {
  const client = await signInCoordinator(ctx, coordinator, DEMO_PASSWORD, createRandom(options.seed + 10_000 + coordinator.index))
  if (client) signedIn.push({ coordinator, client })
}
const serverUsage = () => servers.map((s) => processUsage(s.process.pid))
const usageBefore = serverUsage()
const proxyUsageBefore = processUsage(proxy.pid)
const ownCpuBefore = process.cpuUsage()
const ownUsageBefore = processUsage(process.pid)
// The load generator's own event-loop lag: it adds to every latency measured, so it is reported.
const ownLoopDelay = monitorEventLoopDelay({ resolution: 10 })
ownLoopDelay.enable()
console.log(`load: ${members.length} members and ${signedIn.length} coordinators for ${options.durationSeconds} s against ${options.servers} server(s) through ${baseUrl} (think ${options.thinkMs.min}–${options.thinkMs.max} ms, seed ${options.seed}${options.killAfterSeconds === null ? '' : `; kill -9 of one server at ${options.killAfterSeconds} s`})`)
ctx.startedAt = Date.now()
ctx.deadline = ctx.startedAt + options.durationSeconds * 1000
/** The server killed on purpose (--kill-after), when, and its CPU use until then. */
let kill: { server: AppServer; atMs: number; at: Date; usage: ReturnType<typeof processUsage> } | null = null
const killTimer = options.killAfterSeconds === null ? null : setTimeout(() => {
  const victim = servers.at(-1)!
  const usage = processUsage(victim.process.pid)
  victim.killed = true
  victim.process.kill('SIGKILL')
  kill = { server: victim, atMs: Date.now() - ctx.startedAt, at: new Date(), usage }
  console.log(`  ${Math.round(kill.atMs / 1000)} s: killed server ${victim.index + 1} (port ${victim.port}, pid ${victim.process.pid}) with SIGKILL`)
}, options.killAfterSeconds * 1000)
const progress = setInterval(() => {
  const seconds = Math.round((Date.now() - ctx.startedAt) / 1000)
  const bad = ctx.samples.filter((s) => s.outcome === 'server-error' || s.outcome === 'network-error').length
  console.log(`  ${seconds} s: ${ctx.samples.length} requests, ${ctx.careAcks.length} care requests and ${ctx.transitionAcks.length} steps acknowledged, ${bad} 5xx/network errors`)
}, 10_000)
await Promise.all([
  ...members.map((member) => runMember(ctx, member, createRandom(options.seed + 1 + member.index), BEHAVIOUR)),
  ...signedIn.map(({ coordinator, client }) => runCoordinator(ctx, coordinator, client, createRandom(options.seed + 20_000 + coordinator.index))),
])
const wallSeconds = (Date.now() - ctx.startedAt) / 1000
clearInterval(progress)
if (killTimer) clearTimeout(killTimer)
const usageAfter = servers.map((s, i) => (s.killed ? (kill as { usage: ReturnType<typeof processUsage> } | null)?.usage ?? null : serverUsage()[i]!))
const proxyUsageAfter = processUsage(proxy.pid)
const ownCpu = process.cpuUsage(ownCpuBefore)
const ownUsageAfter = processUsage(process.pid)
ownLoopDelay.disable()
const generator = {
  cpuSeconds: round((ownCpu.user + ownCpu.system) / 1e6),
  waitedForCpuSeconds: ownUsageBefore && ownUsageAfter ? round(ownUsageAfter.loopWaitSeconds - ownUsageBefore.loopWaitSeconds) : null,
  loopDelayP99Ms: round(ownLoopDelay.percentile(99) / 1e6),
  loopDelayMaxMs: round(ownLoopDelay.max / 1e6),
}

// Rate limits across servers: a guesser's wrong passwords for one account from one address go
// round-robin over every server still up; the server that answers the (limit+1)th refuses it
// whichever it is, so the count is shared. Real limits (RATE_LIMIT_SCALE=1 on the servers).
async function probeRateLimits(): Promise<RateLimitProbe> {
  const { RATE_LIMITS } = await import('../app/auth/rate-limits.server')
  const limit = RATE_LIMITS.signIn.pair.points
  const email = `load-member-${members.length}@load-test.invalid`
  const statuses: number[] = []
  const servedBy: string[] = []
  for (let attempt = 1; attempt <= limit + 2; attempt++) {
    const response = await fetch(`${baseUrl}/login`, {
      // A guess the client gave up on may still be counted by the server: wait for every answer.
      method: 'POST', redirect: 'manual', signal: AbortSignal.timeout(Math.max(options.timeoutMs, 120_000)),
      headers: { 'x-forwarded-for': '10.9.0.1', origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password: `wrong guess ${attempt}`, redirectTo: '/member' }),
    }).catch(() => null)
    statuses.push(response?.status ?? 0)
    servedBy.push(response?.headers.get('x-served-by') ?? '?')
    await response?.text()
  }
  const lockedAt = statuses.findIndex((st) => st === 429)
  const alive = servers.filter((s) => !s.killed).length
  const distinctServers = new Set(servedBy.slice(0, limit + 1).filter((port) => port !== '?')).size
  const refusedBefore = statuses.slice(0, limit).every((st) => st === 401)
  const passed = refusedBefore && lockedAt === limit && statuses.slice(limit).every((st) => st === 429) && distinctServers === Math.min(alive, limit + 1)
  const detail = `${limit} wrong passwords answered ${refusedBefore ? '401' : statuses.slice(0, limit).join(',')}, attempt ${lockedAt + 1 || 'none'} refused with 429; attempts spread over ${distinctServers} of ${alive} servers still up`
  return { limit, statuses, servedBy, lockedAt: lockedAt === -1 ? null : lockedAt + 1, distinctServers, passed, detail }
}
const probe = await probeRateLimits()

/**
 * The jobs a killed server held stay "running" until their lease runs out; then a server still up
 * claims them again (ADR 0022). Wait for the queue to drain (at most the longest lease, 60 s, and a
 * few polls) before stopping the servers, so the jobs check sees the retry rather than the lease.
 */
async function drainJobs(maxMs: number): Promise<{ open: number; seconds: number }> {
  const connection = openDatabase({ url: databaseUrl, schema: databaseSchema })
  const started = Date.now()
  try {
    for (;;) {
      const open = Number((await sql<{ n: number | string }>`select count(*) as n from jobs where status in ('queued', 'running')`.execute(connection.db)).rows[0]!.n)
      if (open === 0 || Date.now() - started > maxMs) return { open, seconds: round((Date.now() - started) / 1000) }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  } finally {
    await connection.db.destroy()
  }
}
const drained = await drainJobs(75_000)
console.log(`  jobs: ${drained.open === 0 ? `queue drained ${drained.seconds} s after the run` : `${drained.open} still open after ${drained.seconds} s`}`)

await stopServers()
// What the proxy saw, as it stops.
await stopProcess(proxy, proxyExited)
const proxyStats = (() => {
  const line = proxyOutput.split('\n').find((l) => l.startsWith('stats '))
  return line ? (JSON.parse(line.slice(6)) as { requests: number; byServer: Record<string, number>; refusedRetries: number; failed: number; noServer: number }) : null
})()
await new Promise<void>((resolve) => smtpSink.close(() => resolve()))

// ---------------------------------------------------------------------------------------------
// Checks

const { check, emails, jobs } = await (async (): Promise<{ check: WriteCheck; emails: EmailCheck; jobs: JobCheck }> => {
  const connection = openDatabase({ url: databaseUrl, schema: databaseSchema })
  try {
    const writes = await checkWrites(connection.db, connection.dialect, before, {
      careAcks: ctx.careAcks, transitionAcks: ctx.transitionAcks, uncertainWrites: ctx.uncertainWrites,
      coordinatorUserIds: new Set(coordinators.map((c) => c.userId)),
      memberUserIdOfRosterMember: new Map(members.map((m) => [m.rosterMemberId, m.userId])),
      addressOfUser: new Map([...members.map((m) => [m.userId, m.address] as const), ...coordinators.map((c) => [c.userId, c.address] as const)]),
    })
    return { check: writes, emails: await checkEmails(connection.db, deliveries), jobs: await checkJobs(connection.db, connection.dialect, killedAt()) }
  } finally {
    await connection.db.destroy()
  }
})()

function killedAt(): Date | null {
  return (kill as { at: Date } | null)?.at ?? null
}

const serverErrors = servers
  .map((s) => s.stderr)
  .join('\n')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    try {
      const entry = JSON.parse(line) as { level?: string; method?: string; path?: string; message?: string }
      return entry.level === 'error' ? { method: entry.method, path: entry.path, message: entry.message } : null
    } catch {
      return { method: undefined, path: undefined, message: line.slice(0, 500) }
    }
  })
  .filter((entry) => entry !== null)

// ---------------------------------------------------------------------------------------------
// Report

function summarize(kind: string, samples: Sample[]) {
  const times = samples.filter((s) => s.status !== null).map((s) => s.ms).sort((a, b) => a - b)
  const count = (outcome: Sample['outcome']) => samples.filter((s) => s.outcome === outcome).length
  return {
    kind,
    requests: samples.length,
    ok: count('ok'),
    conflict: count('conflict'),
    rateLimited: count('rate-limited'),
    unexpected: count('unexpected'),
    serverErrors: count('server-error'),
    networkErrors: count('network-error'),
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times.at(-1) ?? NaN),
  }
}
const kinds = REQUEST_KINDS.map((kind) => summarize(kind, ctx.samples.filter((s) => s.kind === kind))).filter((k) => k.requests > 0)
const runSamples = ctx.samples.filter((s) => s.kind !== 'sign-in')
const total = summarize('all (run)', runSamples)
/** Requests and latency per 10 s of the run: stalls show as a bucket with a high p95. */
const timeline = Array.from({ length: Math.ceil(options.durationSeconds / 10) }, (_, i) => {
  const bucket = runSamples.filter((s) => s.atMs >= i * 10_000 && s.atMs < (i + 1) * 10_000)
  const times = bucket.map((s) => s.ms).sort((a, b) => a - b)
  return { fromSecond: i * 10, requests: bucket.length, p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), maxMs: round(times.at(-1) ?? NaN) }
})
const statusCounts: Record<string, number> = {}
for (const s of ctx.samples) statusCounts[String(s.status ?? 'network error')] = (statusCounts[String(s.status ?? 'network error')] ?? 0) + 1
/** Each server's CPU, event-loop thread time and peak memory over the run (the killed one's until its kill). */
const perServer = servers.map((server, i) => {
  const b = usageBefore[i]
  const a = usageAfter[i]
  return {
    port: server.port, killed: server.killed, log: path.relative(ROOT, server.logFile),
    cpuSeconds: a && b ? round(a.cpuSeconds - b.cpuSeconds) : null,
    eventLoop: a && b ? { runSeconds: round(a.loopRunSeconds - b.loopRunSeconds), waitedForCpuSeconds: round(a.loopWaitSeconds - b.loopWaitSeconds) } : null,
    peakRssMb: a?.peakRssMb ?? null,
    proxied: proxyStats?.byServer[server.port] ?? null,
  }
})
const sum = (values: Array<number | null | undefined>) => (values.some((v) => v === null || v === undefined) ? null : round(values.reduce<number>((t, v) => t + v!, 0)))
const serverCpu = sum(perServer.map((s) => s.cpuSeconds))
const eventLoop = perServer.every((s) => s.eventLoop) ? { runSeconds: sum(perServer.map((s) => s.eventLoop!.runSeconds))!, waitedForCpuSeconds: sum(perServer.map((s) => s.eventLoop!.waitedForCpuSeconds))! } : null
const proxyCpu = proxyUsageBefore && proxyUsageAfter ? round(proxyUsageAfter.cpuSeconds - proxyUsageBefore.cpuSeconds) : null
/**
 * Requests in flight at the killed server when it died: the proxy answers them 502 (a reset
 * connection is not retried: the request may have been handled). Expected, so not failures.
 */
const killed = kill as { atMs: number } | null
const inFlightAtKill = killed ? ctx.samples.filter((s) => s.status === 502 && s.atMs <= killed.atMs + 1_000 && s.atMs + s.ms >= killed.atMs - 1_000) : []
const UNCERTAIN_NOTE = 'answered 5xx or lost on the way'
/** A write without a success answer is explained when the user's request was one of those in flight at the kill. */
const unexplained = killed ? check.unacknowledged.filter((text) => !text.includes(UNCERTAIN_NOTE)) : check.unacknowledged
const target = options.p95TargetMs
const overTarget = target > 0 ? kinds.filter((k) => k.p95Ms > target) : []

const failures: string[] = []
const totalOf = (key: 'serverErrors' | 'networkErrors' | 'unexpected' | 'rateLimited') => kinds.reduce((sum, k) => sum + k[key], 0)
const serverErrorCount = totalOf('serverErrors') - inFlightAtKill.length
if (serverErrorCount > 0) failures.push(`${serverErrorCount} server errors (5xx)${inFlightAtKill.length ? ` besides the ${inFlightAtKill.length} in flight at the kill` : ''}`)
if (totalOf('networkErrors') > 0) failures.push(`${totalOf('networkErrors')} network errors or timeouts`)
if (totalOf('unexpected') > 0) failures.push(`${totalOf('unexpected')} unexpected answers (see problems)`)
if (signedIn.length < coordinators.length) failures.push(`${coordinators.length - signedIn.length} coordinators could not sign in`)
if (serverErrors.length > 0) failures.push(`${serverErrors.length} error lines in the server log`)
if (check.lost.length > 0) failures.push(`${check.lost.length} acknowledged writes lost or different`)
if (check.duplicates.length > 0) failures.push(`${check.duplicates.length} duplicated writes`)
if (unexplained.length > 0) failures.push(`${unexplained.length} writes without a success answer`)
if (!probe.passed) failures.push(`rate limits across servers: ${probe.detail}`)
if (emails.duplicates.length > 0) failures.push(`${emails.duplicates.length} e-mails received more than once`)
if (emails.missing.length > 0) failures.push(`${emails.missing.length} e-mails marked sent but not received`)
if (emails.unexpected.length > 0) failures.push(`${emails.unexpected.length} e-mails received that no outbox row marks sent`)
if (jobs.leftOver.length > 0) failures.push(`${jobs.leftOver.length} jobs left queued or running`)
if (jobs.ranTwice.length > 0) failures.push(`${jobs.ranTwice.length} jobs done more than once`)
if (proxyStats === null) failures.push('the proxy did not report its counts')
for (const k of overTarget) failures.push(`${k.kind}: p95 ${k.p95Ms} ms over the ${target} ms target`)
if (check.wrongState.length > 0) failures.push(`${check.wrongState.length} cases not in their last acknowledged status`)
if (check.addressMismatches.length > 0) failures.push(`${check.addressMismatches.length} audit entries without the user's address`)
if (check.integrity.length > 0) failures.push(`database integrity: ${check.integrity.slice(0, 3).join('; ')}`)
if (check.doubleSubmits.answeredWithOneCase < check.doubleSubmits.pairs) failures.push(`${check.doubleSubmits.pairs - check.doubleSubmits.answeredWithOneCase} double submits answered with two cases`)
if (check.acknowledged.newCases === 0 || (signedIn.length > 0 && check.acknowledged.transitions === 0 && options.durationSeconds >= 20)) {
  failures.push('too few writes acknowledged for the check to mean anything')
}
const verdict = failures.length === 0 ? 'PASS' : 'FAIL'

const pad = (text: string | number, width: number, left = false) => (left ? String(text).padEnd(width) : String(text).padStart(width))
const meets = (k: { p95Ms: number }) => (target === 0 ? '' : k.p95Ms <= target ? 'yes' : 'NO')
console.log(`\n${pad('requests by kind', 18, true)}${pad('count', 7)}${pad('ok', 7)}${pad('422 conflict', 13)}${pad('429', 6)}${pad('other', 7)}${pad('5xx', 6)}${pad('net err', 8)}${pad('p50 ms', 9)}${pad('p95 ms', 9)}${pad('p99 ms', 9)}${pad(`p95≤${target}`, 10)}`)
for (const k of [...kinds, total]) {
  console.log(`${pad(k.kind, 18, true)}${pad(k.requests, 7)}${pad(k.ok, 7)}${pad(k.conflict, 13)}${pad(k.rateLimited, 6)}${pad(k.unexpected, 7)}${pad(k.serverErrors, 6)}${pad(k.networkErrors, 8)}${pad(k.p50Ms, 9)}${pad(k.p95Ms, 9)}${pad(k.p99Ms, 9)}${pad(meets(k), 10)}`)
}
const lines: Array<[string, string]> = [
  ['users', `${members.length + signedIn.length} (${members.length} members, ${signedIn.length} coordinators), think time ${options.thinkMs.min / 1000}–${options.thinkMs.max / 1000} s`],
  ['duration', `${options.durationSeconds} s (${round(wallSeconds)} s until the last request in flight ended)`],
  ['throughput', `${runSamples.length} requests, ${round(runSamples.length / wallSeconds)} req/s`],
  ['errors', `5xx ${totalOf('serverErrors')}, network ${totalOf('networkErrors')}, 429 ${totalOf('rateLimited')}, other unexpected ${totalOf('unexpected')}, server log errors ${serverErrors.length}`],
  ['care requests', `new cases acknowledged ${check.acknowledged.newCases}, found ${check.found.newCases}; "existing" answers ${check.acknowledged.existingAnswers}, correct ${check.found.existingAnswers}; double submits ${check.doubleSubmits.pairs}, one case each ${check.doubleSubmits.answeredWithOneCase}`],
  ['coordinator steps', `acknowledged ${check.acknowledged.transitions}, found ${check.found.transitions}; refused as conflicts ${kinds.find((k) => k.kind === 'transition')?.conflict ?? 0}`],
  ['writes', `acknowledged ${check.acknowledged.newCases + check.acknowledged.transitions}, found ${check.found.newCases + check.found.transitions}; lost ${check.lost.length}, duplicates ${check.duplicates.length}, unacknowledged ${check.unacknowledged.length}, wrong status ${check.wrongState.length}, audit address mismatches ${check.addressMismatches.length}, integrity ${!check.integrityChecked ? 'not checked (PostgreSQL)' : check.integrity.length === 0 ? 'ok' : 'FAILED'}`],
  ['servers', `${servers.length} on one ${dialect === 'sqlite' ? 'SQLite file (WAL)' : 'PostgreSQL database'}: ${serverCpu === null ? '?' : `${serverCpu} CPU s (${round(serverCpu / wallSeconds, 2)} cores)`}${eventLoop ? `; event-loop threads ran ${eventLoop.runSeconds} s, waited ${eventLoop.waitedForCpuSeconds} s for a CPU` : ''}`],
  ...perServer.map((s, i): [string, string] => [`  server ${i + 1}`, `port ${s.port}${s.killed ? ' (killed)' : ''}: ${s.proxied ?? '?'} requests proxied, ${s.cpuSeconds ?? '?'} CPU s, peak RSS ${s.peakRssMb ?? '?'} MB${s.eventLoop ? `, loop waited ${s.eventLoop.waitedForCpuSeconds} s for a CPU` : ''}`]),
  ['proxy', `${proxyCpu ?? '?'} CPU s; ${proxyStats ? `${proxyStats.requests} requests, ${proxyStats.refusedRetries} refused connections retried on the next server, ${proxyStats.failed} answered 502` : 'no counts'}`],
  ['kill', killed ? `server ${servers.findIndex((s) => s.killed) + 1} killed at ${round(killed.atMs / 1000)} s; ${inFlightAtKill.length} requests in flight there answered 502; ${check.unacknowledged.length - unexplained.length} writes of those requests landed without an answer` : 'none'],
  ['rate limits', `${probe.passed ? 'PASS' : 'FAIL'}: ${probe.detail} (servers ${probe.servedBy.join(',')}; statuses ${probe.statuses.join(',')})`],
  ['e-mails', `${emails.received} received, ${emails.markedSent} marked sent, ${emails.unsent} unsent, ${smtpConnectionErrors} SMTP connections broken; duplicates ${emails.duplicates.length}, missing ${emails.missing.length}, unexpected ${emails.unexpected.length}${emails.byMessageId ? ' (by Message-ID)' : ' (no outbox Message-ID in the mails: compared per recipient)'}`],
  ['jobs', jobs.tableExists ? `${jobs.total} jobs (${Object.entries(jobs.byStatus).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}); left queued/running ${jobs.leftOver.length}, done twice ${jobs.ranTwice.length}, retried after the kill ${jobs.retriedAfterKill}` : 'skipped: no jobs table in this database yet'],
  ['load generator', `${generator.cpuSeconds} CPU s, waited ${generator.waitedForCpuSeconds ?? '?'} s for a CPU, event-loop lag p99 ${generator.loopDelayP99Ms} ms (max ${generator.loopDelayMaxMs} ms)`],
  ['machine', `${machineInfo.cpu}, ${machineInfo.memoryGiB} GiB, ${machineInfo.node}, ${databaseVersion}, load average before ${machineInfo.loadAverageBefore.join(' ')}; build of ${machineInfo.builtAt}, commit ${machineInfo.commit}${machineInfo.uncommitted.length ? ` + ${machineInfo.uncommitted.length} uncommitted app files` : ''}`],
]
lines.splice(3, 0, ['per 10 s', timeline.map((b) => `${b.fromSecond}s: ${b.requests} req p95 ${Math.round(b.p95Ms)} ms`).join(' · ')])
console.log('')
for (const [label, text] of lines) console.log(`${pad(label, 18, true)}${text}`)
for (const problem of ctx.problems.slice(0, 10)) console.log(`  problem: ${problem.kind} ${problem.method} ${problem.path.split('?')[0]} → ${problem.status ?? 'no answer'}: ${problem.detail}`)
for (const entry of serverErrors.slice(0, 5)) console.log(`  server log: ${entry.method ?? ''} ${entry.path ?? ''} ${entry.message}`)
for (const text of [...emails.duplicates, ...emails.missing, ...jobs.leftOver, ...jobs.ranTwice].slice(0, 5)) console.log(`  check: ${text}`)
for (const text of [...check.lost, ...check.duplicates, ...unexplained, ...check.wrongState, ...check.addressMismatches].slice(0, 10)) console.log(`  database: ${text}`)
console.log(`\n${verdict}${failures.length ? `: ${failures.join('; ')}` : ''}`)

const limit = <T>(items: T[]) => items.slice(0, 100)
const resultFile = path.join(RESULTS_DIR, `load-${stamp}.json`)
fs.writeFileSync(
  resultFile,
  `${JSON.stringify(
    {
      at: new Date(ctx.startedAt).toISOString(),
      verdict,
      failures,
      options: { ...options, behaviour: BEHAVIOUR },
      machine: { ...machineInfo, loadAverageAfter: os.loadavg().map((n) => round(n, 2)), database: databaseVersion },
      setupSeconds: round(setupSeconds),
      wallSeconds: round(wallSeconds, 2),
      requestsPerSecond: round(runSamples.length / wallSeconds),
      kinds,
      total,
      timeline,
      statusCounts,
      server: { count: servers.length, cpuSeconds: serverCpu, eventLoop, perServer, errorLines: serverErrors.length, errors: limit(serverErrors), log: path.relative(ROOT, serverLogFile) },
      proxy: { cpuSeconds: proxyCpu, ...proxyStats },
      kill: killed ? { atMs: killed.atMs, inFlightAnswered502: inFlightAtKill.length, writesLandedWithoutAnswer: check.unacknowledged.length - unexplained.length } : null,
      rateLimitProbe: probe,
      emails: { ...emails, duplicates: limit(emails.duplicates), missing: limit(emails.missing), unexpected: limit(emails.unexpected) },
      jobs: { ...jobs, leftOver: limit(jobs.leftOver), ranTwice: limit(jobs.ranTwice) },
      loadGenerator: generator,
      writes: { ...check, lost: limit(check.lost), duplicates: limit(check.duplicates), unacknowledged: limit(check.unacknowledged), wrongState: limit(check.wrongState), addressMismatches: limit(check.addressMismatches) },
      problems: ctx.problems,
    },
    null,
    2,
  )}\n`,
)
console.log(`Written to ${path.relative(ROOT, resultFile)} (server log ${path.relative(ROOT, serverLogFile)})`)

if (options.keep) console.log(`Database kept: ${workDir ? path.join(workDir, 'load.db') : `schema ${PG_SCHEMA}`}`)
else if (workDir) fs.rmSync(workDir, { recursive: true, force: true })
else {
  const admin = openDatabase({ url: databaseUrl })
  await sql`drop schema if exists ${sql.id(PG_SCHEMA)} cascade`.execute(admin.db)
  await admin.db.destroy()
}
clearTimeout(watchdog)
process.exit(verdict === 'PASS' ? 0 : 1)
