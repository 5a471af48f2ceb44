/**
 * `npm run demo`: the portal on its embedded SQLite with demo data, in one command.
 * Migrates data/portal.db (or DATABASE_URL), seeds it when empty (the real CMS hospitals of the
 * committed extract db/data/cms, then the made-up demo employers, people and cases: README, "What
 * data the demo holds"), builds, and serves on http://localhost:3000 (PORT to change), printing
 * the demo logins.
 */
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../app/db/connection'
import { migrateToLatest } from '../db/migrate'
import { DEMO_PASSWORD, isDatabaseEmpty, listDemoLogins, seedDemoData } from '../db/seed/index'

const root = path.resolve(import.meta.dirname, '..')
process.chdir(root)
const url = process.env.DATABASE_URL ?? 'file:data/portal.db'
const port = process.env.PORT ?? '3000'

const { db, dialect } = openDatabase({ url, schema: process.env.DATABASE_SCHEMA })
await migrateToLatest(db, dialect)
if (await isDatabaseEmpty(db)) {
  console.log(`Seeding demo data into ${dialect}…`)
  const started = performance.now()
  await seedDemoData(db, { log: (line) => console.log(`  ${line}`) })
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`)
} else {
  console.log(`Database (${dialect}) already has data; not seeding.`)
}
const logins = await listDemoLogins(db)
await db.destroy()

console.log('Building…')
// The whole build (`npm run build`): map assets, the Remix build and the import worker's bundle, without
// which roster and 834 uploads fail on the demo ("Unknown file extension .ts" from the worker thread).
const build = spawnSync('npm', ['run', '-s', 'build'], { stdio: 'inherit', cwd: root })
if (build.status !== 0) process.exit(build.status ?? 1)

// A per-checkout secret so sessions survive restarts of the demo (data/ is git-ignored).
const secretFile = path.join(root, 'data/.session-secret')
if (!fs.existsSync(secretFile)) {
  fs.mkdirSync(path.dirname(secretFile), { recursive: true })
  fs.writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 })
}

const server = spawn(process.execPath, [path.join(root, 'server.mjs')], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    PORT: port,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    SESSION_SECRET: process.env.SESSION_SECRET ?? fs.readFileSync(secretFile, 'utf8').trim(),
  },
})

console.log(`\nCOE Marketplace on http://localhost:${port}  (Ctrl+C to stop)\n`)
console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`)
for (const login of logins) console.log(`  ${login.role.padEnd(17)} ${login.email.padEnd(36)} ${login.organization}`)
console.log('')

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
