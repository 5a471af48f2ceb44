/**
 * `npm run tic:in-network -- --employer ACME [--out file.json]`: the employer's Transparency in
 * Coverage in-network rates file (CMS price-transparency-guide 1.0.0; issue 23, ADR 0018) of its
 * published programs' bundle rates, on stdout or into a file, from the database named by
 * DATABASE_URL (SQLite data/portal.db by default). Refused, with every offer still missing its TIN
 * or NPI listed on stderr and exit code 1, while any is; nothing is written then. Audited under
 * the operating-system user ("CLI: alice").
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { getDatabase } from '../app/db/client.server'
import { exportInNetworkRates } from '../app/services/transparency.server'

function operatingSystemUser(): string {
  try {
    return os.userInfo().username
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    return `uid ${process.getuid?.() ?? 'unknown'}`
  }
}

const USAGE = 'Usage: npm run tic:in-network -- --employer <employer code> [--out <file.json>]'
let options: { employer?: string; out?: string }
try {
  options = parseArgs({ options: { employer: { type: 'string' }, out: { type: 'string' } } }).values
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`)
  process.exit(2)
}
if (!options.employer) {
  console.error(USAGE)
  process.exit(2)
}
const { db } = getDatabase()
const started = Date.now()
try {
  const target = options.out ? { path: options.out } : { stream: process.stdout }
  const result = await exportInNetworkRates(options.employer, target, { actorLabel: `CLI: ${operatingSystemUser()}` })
  if (!result.ok) {
    console.error(`The in-network rates file of ${options.employer} is refused; nothing was written. ${result.reasons.length} problem${result.reasons.length === 1 ? '' : 's'}:`)
    for (const reason of result.reasons) console.error(`  ${reason}`)
    process.exitCode = 1
  } else if (options.out) {
    console.error(`Wrote ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  }
} catch (error) {
  if (!(error instanceof Response) || error.status !== 404) throw error
  console.error(`No employer has the code ${options.employer}.`)
  process.exitCode = 1
} finally {
  await db.destroy()
}
