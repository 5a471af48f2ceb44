import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESULTS_DIR, ROOT } from '../../reliability/harness'

/*
 * Hostile input to `npm run load` (issue 24: --servers N, --kill-after S and the other numbers). Each
 * bad argument stops the run before anything starts: exit code 2, its own sentence first, then the
 * usage line; no database made (the run's portal-load-* work directory under its own TMPDIR never
 * appears) and no result file written. The child runs without DATABASE_URL, so it could never reach
 * this test's database. (One TMPDIR for every case, so tsx's compile cache there is reused.)
 */
const run = promisify(execFile)
let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-load-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const loadWorkDirs = () => fs.readdirSync(tmp).filter((name) => name.startsWith('portal-load-'))

async function refuse(args: string[]) {
  const resultsBefore = fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).sort() : []
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp }
  delete env.DATABASE_URL
  try {
    await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'reliability/load.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 })
    throw new Error('npm run load accepted the arguments')
  } catch (error) {
    const failed = error as { code?: number; stderr?: string }
    expect(loadWorkDirs()).toEqual([])
    expect(fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).sort() : []).toEqual(resultsBefore)
    return { code: failed.code, lines: (failed.stderr ?? '').trim().split('\n') }
  }
}

describe('hostile input: npm run load arguments', () => {
  it.each([
    ['--servers that is a word', ['--servers', 'abc'], '--servers must be a whole number from 1 to 16'],
    ['17 servers', ['--servers', '17'], '--servers must be a whole number from 1 to 16'],
    ['a negative number of users', ['--users=-1'], '--users must be a whole number from 1 to 2000'],
    ['a duration beyond a double', ['--duration', '1e309'], '--duration must be a whole number from 1 to 3600'],
    ['a privileged port', ['--port', '80'], '--port must be a whole number from 1024 to 65535'],
    ['SQL as the seed', ['--seed', "'; DROP TABLE users;--"], '--seed must be a whole number from 0 to 2147483648'],
    ['a fractional p95 target', ['--p95-target', '5.5'], '--p95-target must be a whole number from 0 to 60000'],
    ['a kill with one server', ['--kill-after', '5'], '--kill-after needs --servers 2 or more (one must keep answering)'],
    ['a kill after the run', ['--servers', '2', '--kill-after', '60', '--duration', '60'], '--kill-after must be within --duration'],
    ['think time backwards', ['--think-min', '2000', '--think-max', '1000'], '--think-max must be at least --think-min'],
  ])('refuses %s, starting nothing', async (_label, args, message) => {
    const { code, lines } = await refuse(args)
    expect(code).toBe(2)
    expect(lines[0]).toBe(message)
    expect(lines[1]).toMatch(/^Usage: npm run load -- /)
  })

  it('refuses an unknown option, starting nothing', async () => {
    const { code, lines } = await refuse(['--servers', '2', '--drop-database'])
    expect(code).toBe(2)
    expect(lines[0]).toMatch(/^Unknown option '--drop-database'/)
  })
})
