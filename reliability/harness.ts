/**
 * Shared parts of the fault scripts (`npm run fault:roster`, `npm run fault:cms`; issue 10): run a
 * real import CLI in its own process, `kill -9` it after a delay, inspect the SQLite file it left
 * (integrity, foreign keys, old-or-new content), and print and save the figures. Local processes
 * and files only: nothing listens and nothing connects anywhere. Every child has a time limit.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import SqliteDatabase from 'better-sqlite3'

import { createRandom } from '../db/seed/random'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const RESULTS_DIR = path.join(ROOT, 'reliability/results')

export interface FaultArgs {
  trials: number
  seed: number
  /** Stop starting new trials after this many seconds (the run's time bound). */
  maxSeconds: number
  /** Time limit of one CLI run. */
  childTimeoutSeconds: number
  keep: boolean
  values: Record<string, string | boolean | undefined>
}

/** Flags common to both scripts plus the script's own string options. */
export function parseFaultArgs(usage: string, extra: Record<string, { type: 'string'; default?: string }> = {}): FaultArgs {
  try {
    const { values } = parseArgs({
      options: {
        trials: { type: 'string', default: '5' },
        seed: { type: 'string' },
        'max-seconds': { type: 'string', default: '900' },
        'child-timeout': { type: 'string', default: '300' },
        keep: { type: 'boolean', default: false },
        ...extra,
      },
    })
    const int = (name: string, value: unknown) => {
      const n = Number(value)
      if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`)
      return n
    }
    return {
      trials: Math.max(1, int('trials', values.trials)),
      seed: values.seed === undefined ? Date.now() % 1_000_000 : int('seed', values.seed),
      maxSeconds: int('max-seconds', values['max-seconds']),
      childTimeoutSeconds: int('child-timeout', values['child-timeout']),
      keep: values.keep === true,
      values: values as FaultArgs['values'],
    }
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`)
    process.exit(2)
  }
}


/** The machine and the commit a run was made on; `paths`: app code whose uncommitted changes the figures include. */
export function machine(paths: readonly string[] = ['app/services', 'app/db', 'app/domain/roster', 'app/domain/cms', 'scripts/import-roster.ts', 'scripts/import-cms.ts', 'db/migrations']) {
  const cpus = os.cpus()
  const db = new SqliteDatabase(':memory:')
  const sqlite = db.prepare('select sqlite_version()').pluck().get() as string
  db.close()
  let commit = 'unknown'
  let changed: string[] = []
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
    changed = execFileSync('git', ['status', '--porcelain', '--', ...paths], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean)
  } catch {
    // not a git checkout
  }
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? '?'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite,
    commit,
    /** Uncommitted changes to app code when the run was made (the figures are for the working tree). */
    uncommitted: changed,
  }
}

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * The event kill delays count from: the start of the process, the import's first write reaching
 * the WAL, or an output line (the CMS CLI's last "reading …" line, after which it writes).
 */
export type Anchor = 'start' | 'first-write' | RegExp

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  ms: number
  stdout: string
  stderr: string
  /** Last progress or output line before the process ended (or was killed). */
  lastOutput: string
  /** ms after the start when the WAL first held data (the import's first write reached the file). */
  firstWalWriteMs: number | null
  /** ms after the start when the anchor event happened. */
  anchorMs: number | null
  /** WAL size when the process was killed. */
  walBytesAtKill: number | null
  killedAtMs: number | null
  timedOut: boolean
}

export interface CliOptions {
  env: NodeJS.ProcessEnv
  /** The database file, to watch its WAL. */
  dbFile: string
  timeoutMs: number
  anchor?: Anchor
  /** SIGKILL (kill -9) this many ms after the anchor, unless the process has ended already. */
  killAfterAnchorMs?: number
  /** Called this many ms after the anchor (the concurrent-writer probe). */
  atAnchor?: { afterMs: number; run: (msSinceStart: number) => void }
}

/**
 * Runs `node <nodeArgs>` directly (not through npm or the tsx wrapper, whose child would survive
 * a kill of the wrapper) and resolves when it has exited.
 */
export function runCli(nodeArgs: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, nodeArgs, { cwd: ROOT, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const run: CliRun = {
      code: null, signal: null, ms: 0, stdout: '', stderr: '', lastOutput: '', firstWalWriteMs: null, anchorMs: null, walBytesAtKill: null, killedAtMs: null, timedOut: false,
    }
    const timers: NodeJS.Timeout[] = []
    const ended = () => child.exitCode !== null || child.signalCode !== null
    const wal = `${options.dbFile}-wal`
    const walSize = () => {
      try {
        return fs.statSync(wal).size
      } catch {
        return 0
      }
    }
    const reachAnchor = () => {
      if (run.anchorMs !== null) return
      run.anchorMs = performance.now() - started
      if (options.killAfterAnchorMs !== undefined) {
        timers.push(
          setTimeout(() => {
            if (ended()) return
            run.walBytesAtKill = walSize()
            run.killedAtMs = performance.now() - started
            child.kill('SIGKILL')
          }, options.killAfterAnchorMs),
        )
      }
      const at = options.atAnchor
      if (at) timers.push(setTimeout(() => !ended() && at.run(performance.now() - started), at.afterMs))
    }
    const onOutput = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      run[stream] += text
      const lines = text.split(/[\r\n]+/).map((line) => line.trim()).filter(Boolean)
      if (lines.length > 0) run.lastOutput = lines[lines.length - 1]!
      const anchor = options.anchor
      if (anchor instanceof RegExp && lines.some((line) => anchor.test(line))) reachAnchor()
    }
    child.stdout.on('data', onOutput('stdout'))
    child.stderr.on('data', onOutput('stderr'))
    const poll = setInterval(() => {
      if (run.firstWalWriteMs === null && walSize() > 0) {
        run.firstWalWriteMs = performance.now() - started
        if (options.anchor === 'first-write') reachAnchor()
      }
    }, 5)
    if ((options.anchor ?? 'start') === 'start') reachAnchor()
    timers.push(
      setTimeout(() => {
        run.timedOut = true
        child.kill('SIGKILL')
      }, options.timeoutMs),
    )
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearInterval(poll)
      for (const timer of timers) clearTimeout(timer)
      run.code = code
      run.signal = signal
      run.ms = performance.now() - started
      resolve(run)
    })
  })
}

/** A CLI run that must succeed; throws with its output otherwise. */
export async function runToCompletion(nodeArgs: string[], options: CliOptions): Promise<CliRun> {
  const run = await runCli(nodeArgs, options)
  if (run.code !== 0) {
    throw new Error(`${nodeArgs.join(' ')} ${run.timedOut ? `timed out after ${options.timeoutMs} ms` : `exited with ${run.code ?? run.signal}`}:\n${run.stdout}\n${run.stderr}`)
  }
  return run
}

// ---------------------------------------------------------------------------------------------
// Database files

/** Copies a closed, checkpointed database (no -wal) to a fresh file. */
export function copyDatabase(from: string, to: string) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${to}${suffix}`, { force: true })
  fs.copyFileSync(from, to)
}

/** Folds the WAL into the file and switches to a rollback journal, so a plain file copy is the whole database. */
export function checkpointAndClose(file: string) {
  const db = new SqliteDatabase(file, { fileMustExist: true })
  db.pragma('journal_mode = DELETE')
  db.close()
}

export interface Health {
  integrity: string
  foreignKeyViolations: number
  /** Tables of import runs (none today); rows of theirs left unfinished would block the next import. */
  importRunTables: string[]
}

/**
 * Opens the file as the next process would (SQLite recovers a hot WAL on open; frames without a
 * commit are ignored) and runs the checks. `query` runs on the same connection.
 */
export function inspect<T>(file: string, query: (db: SqliteDatabase.Database) => T): { health: Health; result: T } {
  const db = new SqliteDatabase(file, { fileMustExist: true, timeout: 5000 })
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ')
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length
    const importRunTables = db.prepare(`select name from sqlite_master where type = 'table' and name like '%import%'`).pluck().all() as string[]
    return { health: { integrity, foreignKeyViolations, importRunTables }, result: query(db) }
  } finally {
    db.close()
  }
}

/** sha256 of the rows of a query, in its order: the content, not the ids or timestamps. */
export function checksum(db: SqliteDatabase.Database, query: string): { rows: number; sha256: string } {
  const hash = createHash('sha256')
  let rows = 0
  for (const row of db.prepare(query).raw().iterate()) {
    hash.update(JSON.stringify(row))
    hash.update('\n')
    rows++
  }
  return { rows, sha256: hash.digest('hex').slice(0, 16) }
}

// ---------------------------------------------------------------------------------------------
// Kill plan and report

/**
 * Kill plan: one kill shortly before the write phase (the import is reading its input; with the
 * first-write anchor, its first changes are still in SQLite's page cache), the rest spread evenly,
 * each at a random point of its slice, over the write phase (anchor to 95 % of the shortest
 * complete run's end). When the write phase starts before anything reaches the WAL (an output
 * anchor), half of those kills count from the first write in the WAL instead, so that the state
 * "uncommitted frames in the WAL" is hit even when it lasts a fraction of a second.
 */
export type KillAnchor = 'start' | 'write-phase' | 'first-write'
export function killPlan(
  trials: number,
  anchorMs: number,
  windows: { writePhaseMs: number; afterFirstWriteMs: number | null },
  random: () => number,
): Array<{ anchor: KillAnchor; ms: number }> {
  const plan: Array<{ anchor: KillAnchor; ms: number }> = [{ anchor: 'start', ms: Math.round(anchorMs * (0.6 + 0.38 * random())) }]
  const spread = (anchor: KillAnchor, count: number, windowMs: number) => {
    for (let i = 0; i < count; i++) plan.push({ anchor, ms: Math.round((windowMs * (i + random())) / count) })
  }
  const rest = trials - 1
  const fromFirstWrite = windows.afterFirstWriteMs === null ? 0 : Math.floor(rest / 2)
  spread('write-phase', rest - fromFirstWrite, windows.writePhaseMs)
  if (fromFirstWrite > 0) spread('first-write', fromFirstWrite, windows.afterFirstWriteMs!)
  return plan
}

export interface TrialRow {
  trial: number
  killedAfterMs: number | null
  /** When the kill came, relative to what. */
  killPoint: string
  /** What the killed process was doing: its last output line, and whether its writes had reached the WAL. */
  phase: string
  walMBAtKill: number
  state: string
  integrity: string
  foreignKeyViolations: number
  rerunSeconds: number
  converged: boolean
  consistent: boolean
}

export function printTable(title: string, rows: TrialRow[]) {
  const header = ['trial', 'killed after ms', 'kill point', 'WAL MB at kill', 'phase at kill', 'state found', 'integrity', 'FK violations', 're-run s', 'converged']
  const body = rows.map((r) => [
    String(r.trial), r.killedAfterMs === null ? 'not killed' : String(Math.round(r.killedAfterMs)),
    r.killPoint,
    r.walMBAtKill.toFixed(1), r.phase.slice(0, 48), r.state,
    r.integrity, String(r.foreignKeyViolations), r.rerunSeconds.toFixed(1), r.converged ? 'yes' : 'NO',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${body.map(line).join('\n')}`)
}

export function writeResults(name: string, data: unknown): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/:/g, '-')}.json`)
  fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`)
  return file
}

export function seconds(ms: number): number {
  return Math.round(ms / 100) / 10
}

// ---------------------------------------------------------------------------------------------
// The experiment: clean run, concurrent-writer probe, kill trials

export interface Experiment<S> {
  name: string
  title: string
  args: FaultArgs
  /** A migrated database with the "old" content, closed and checkpointed; every run starts from a copy. */
  baseFile: string
  workDir: string
  /** `node` arguments of the import under test (run to completion, or killed). */
  cliArgs: string[]
  /** When the import starts writing (kills and the probe are timed from it). */
  writeStarts: Anchor
  /** How the report names that moment. */
  writeStartsLabel: string
  envFor: (dbFile: string) => NodeJS.ProcessEnv
  /** The content the import changes, as checksums (never ids or timestamps, which differ per run). */
  fingerprint: (db: SqliteDatabase.Database) => S
  /** 'old', 'new', or a description of a half import. */
  classify: (found: S, before: S, after: S) => string
  converged: (found: S, after: S) => boolean
  /** Figures of building the base, for the report. */
  setup: Record<string, unknown>
}

interface ProbeResult {
  atMsAfterStart: number
  readMs: number
  writeMs: number
  write: string
}

/**
 * Another process's small write (an audit entry, as a web request makes) while the import is
 * writing, with the app's busy_timeout of 5000 ms: how long it waits and whether it gets through.
 */
function concurrentWriteProbe(file: string, atMsAfterStart: number): ProbeResult {
  const db = new SqliteDatabase(file, { fileMustExist: true, timeout: 5000 })
  try {
    let started = performance.now()
    db.prepare('select count(*) from audit_log').get()
    const readMs = performance.now() - started
    started = performance.now()
    let write = 'ok'
    try {
      db.prepare(`insert into audit_log (id, occurred_at, action, subject_type) values (?, ?, 'reliability.probe', 'probe')`).run(`probe-${Date.now()}`, new Date().toISOString())
    } catch (error) {
      write = `${(error as { code?: string }).code ?? 'error'}: ${(error as Error).message}`
    }
    return { atMsAfterStart: Math.round(atMsAfterStart), readMs: Math.round(readMs * 10) / 10, writeMs: Math.round(performance.now() - started), write }
  } finally {
    db.close()
  }
}

export async function runExperiment<S>(e: Experiment<S>): Promise<number> {
  const runStarted = performance.now()
  const timeoutMs = e.args.childTimeoutSeconds * 1000
  // mulberry32 (the seed's): the kill delays of a run are reproducible from its --seed.
  const random = createRandom(e.args.seed).next
  const baseline = inspect(e.baseFile, e.fingerprint)
  console.log(`Base database: integrity ${baseline.health.integrity}, ${baseline.health.foreignKeyViolations} foreign key violation(s).`)

  // 1. A clean run: the "new" content, and when the import starts writing and when it ends.
  const cleanFile = path.join(e.workDir, 'clean.db')
  copyDatabase(e.baseFile, cleanFile)
  const clean = await runToCompletion(e.cliArgs, { env: e.envFor(cleanFile), dbFile: cleanFile, timeoutMs, anchor: e.writeStarts })
  const after = inspect(cleanFile, e.fingerprint)
  if (JSON.stringify(after.result) === JSON.stringify(baseline.result)) throw new Error('The clean run changed nothing: the experiment would not tell old from new.')
  if (clean.anchorMs === null) throw new Error(`The clean run never reached "${e.writeStartsLabel}": the kill plan has nothing to count from.`)
  console.log(
    `Clean run: ${seconds(clean.ms)} s; ${e.writeStartsLabel} after ${Math.round(clean.anchorMs)} ms` +
      `${e.writeStarts === 'first-write' ? '' : `; first write in the WAL after ${Math.round(clean.firstWalWriteMs ?? NaN)} ms`}.\n  ${clean.stdout.trim().split('\n').slice(-2).join(' ')}`,
  )

  // 2. The same import with another process writing to the database half way through its write phase.
  const probeFile = path.join(e.workDir, 'probe.db')
  copyDatabase(e.baseFile, probeFile)
  let probe: ProbeResult | undefined
  const probeRun = await runCli(e.cliArgs, {
    env: e.envFor(probeFile), dbFile: probeFile, timeoutMs, anchor: e.writeStarts,
    atAnchor: { afterMs: Math.round((clean.ms - clean.anchorMs) / 2), run: (ms) => (probe = concurrentWriteProbe(probeFile, ms)) },
  })
  const probeAfter = inspect(probeFile, e.fingerprint)
  const concurrentWriter = {
    ...(probe ?? { write: 'not run (the import ended first)' }),
    importExit: probeRun.code,
    importSeconds: probeRun.ms / 1000,
    importConverged: probeRun.code === 0 && e.converged(probeAfter.result, after.result),
    importError: probeRun.code === 0 ? undefined : probeRun.stderr.trim().split('\n').slice(-3).join(' '),
  }
  console.log(`Concurrent writer during the import: ${JSON.stringify(concurrentWriter)}`)

  // 3. The kill trials.
  const runs = [clean, ...(probeRun.code === 0 && probeRun.anchorMs !== null ? [probeRun] : [])]
  const writeWindowMs = 0.95 * Math.min(...runs.map((r) => r.ms - r.anchorMs!))
  const spillRuns = runs.filter((r) => r.firstWalWriteMs !== null)
  const afterFirstWriteMs = e.writeStarts === 'first-write' || spillRuns.length === 0 ? null : 0.95 * Math.min(...spillRuns.map((r) => r.ms - r.firstWalWriteMs!))
  const plan = killPlan(e.args.trials, clean.anchorMs, { writePhaseMs: writeWindowMs, afterFirstWriteMs }, random)
  const trials: Array<TrialRow & { lastOutput: string; exitedBy: string; afterRerun: Health }> = []
  for (const [index, kill] of plan.entries()) {
    if ((performance.now() - runStarted) / 1000 > e.args.maxSeconds) {
      console.log(`Stopping after ${trials.length} trial(s): --max-seconds ${e.args.maxSeconds} reached.`)
      break
    }
    const file = path.join(e.workDir, `trial-${index + 1}.db`)
    copyDatabase(e.baseFile, file)
    const killed = await runCli(e.cliArgs, {
      env: e.envFor(file), dbFile: file, timeoutMs, killAfterAnchorMs: kill.ms,
      anchor: kill.anchor === 'start' ? 'start' : kill.anchor === 'first-write' ? 'first-write' : e.writeStarts,
    })
    const found = inspect(file, e.fingerprint)
    const state = e.classify(found.result, baseline.result, after.result)
    const rerun = await runToCompletion(e.cliArgs, { env: e.envFor(file), dbFile: file, timeoutMs })
    const final = inspect(file, e.fingerprint)
    const phase = killed.killedAtMs === null ? 'ended before the kill' : `${(killed.walBytesAtKill ?? 0) > 0 ? 'writing' : 'WAL empty'}: ${killed.lastOutput || '(no output yet)'}`
    const row = {
      trial: index + 1,
      killedAfterMs: killed.killedAtMs === null ? null : Math.round(killed.killedAtMs),
      killPoint:
        kill.anchor === 'start' ? 'before the write phase' : kill.anchor === 'write-phase' ? `write phase +${kill.ms} ms` : `first WAL write +${kill.ms} ms`,
      phase,
      walMBAtKill: (killed.walBytesAtKill ?? 0) / 1e6,
      state,
      integrity: found.health.integrity,
      foreignKeyViolations: found.health.foreignKeyViolations,
      rerunSeconds: rerun.ms / 1000,
      converged: e.converged(final.result, after.result) && final.health.integrity === 'ok',
      consistent:
        found.health.integrity === 'ok' && found.health.foreignKeyViolations === baseline.health.foreignKeyViolations && (state === 'old' || state === 'new'),
      lastOutput: killed.lastOutput,
      exitedBy: killed.signal ?? `exit ${killed.code}`,
      afterRerun: final.health,
    }
    trials.push(row)
    console.log(`  trial ${row.trial}: killed after ${row.killedAfterMs ?? '-'} ms (${phase}), found ${state}, re-run ${row.rerunSeconds.toFixed(1)} s, converged ${row.converged ? 'yes' : 'NO'}`)
    if (!e.args.keep) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  }

  printTable(e.title, trials)
  const ok = trials.length > 0 && trials.every((t) => t.consistent && t.converged)
  const results = {
    script: e.name,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    parameters: { trials: e.args.trials, seed: e.args.seed, maxSeconds: e.args.maxSeconds, childTimeoutSeconds: e.args.childTimeoutSeconds, cli: e.cliArgs.join(' ') },
    setup: e.setup,
    base: { health: baseline.health, fingerprint: baseline.result },
    cleanRun: {
      seconds: clean.ms / 1000, writeStarts: e.writeStartsLabel, writeStartsMs: clean.anchorMs, firstWalWriteMs: clean.firstWalWriteMs,
      output: clean.stdout.trim().split('\n').slice(-3), fingerprint: after.result,
    },
    killPlan: { writePhaseMs: Math.round(writeWindowMs), afterFirstWriteMs: afterFirstWriteMs === null ? null : Math.round(afterFirstWriteMs), kills: plan },
    concurrentWriter,
    trials,
    verdict: ok ? 'every kill left the old or the new content, and every re-run converged' : 'FAILED: see the trials',
    totalSeconds: (performance.now() - runStarted) / 1000,
  }
  const file = writeResults(e.name, results)
  console.log(`\n${results.verdict}. ${seconds(performance.now() - runStarted)} s in all. Results: ${path.relative(ROOT, file)}`)
  return ok ? 0 : 1
}

/** A fresh demo database (migrated and seeded) at `file`, the starting state of every trial. */
export async function createSeededBase(file: string): Promise<void> {
  const { openDatabase } = await import('../app/db/connection')
  const { migrateToLatest } = await import('../db/migrate')
  const { seedDemoData } = await import('../db/seed/index')
  const base = openDatabase({ url: `file:${file}` })
  await migrateToLatest(base.db, base.dialect)
  await seedDemoData(base.db)
  await base.db.destroy()
}
