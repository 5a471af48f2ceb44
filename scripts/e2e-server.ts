/**
 * The server the browser journeys run against: a fresh database (SQLite file, or a fresh
 * PostgreSQL schema when DATABASE_URL is postgres://…), migrated and seeded with the demo
 * data, then the production build served by server.mjs. Build first (`npm run build`).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../app/db/connection'
import { migrateToLatest } from '../db/migrate'
import { seedDemoData } from '../db/seed/index'

const root = path.resolve(import.meta.dirname, '..')
const port = process.env.E2E_PORT ?? '3100'
const baseUrl = process.env.DATABASE_URL
const isPostgres = Boolean(baseUrl && /^postgres(ql)?:\/\//.test(baseUrl))
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  NODE_ENV: 'production',
  SESSION_SECRET: 'e2e-session-secret-0123456789-0123456789',
}

if (!fs.existsSync(path.join(root, 'build/index.js'))) throw new Error('No build found: run `npm run build` first')

// E2E_STRIPE=1: the same portal with Stripe billing, against the local Stripe-compatible server.
const withStripe = process.env.E2E_STRIPE === '1'
const name = withStripe ? 'e2e_stripe' : 'e2e'
if (withStripe) {
  const { startLocalStripe } = await import('../tests/support/stripe-server')
  const stripe = await startLocalStripe({ webhookSecret: 'whsec_e2e' })
  Object.assign(env, { STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_WEBHOOK_SECRET: 'whsec_e2e', STRIPE_API_BASE: stripe.url })
}

if (isPostgres) {
  const admin = openDatabase({ url: baseUrl! })
  await sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin.db)
  await sql`create schema ${sql.id(name)}`.execute(admin.db)
  await admin.db.destroy()
  env.DATABASE_SCHEMA = name
} else {
  // One file per port, so journeys run at the same time on other ports never share (or delete) a database.
  const file = path.join(root, `tests/.tmp/${name}-${port}.db`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  env.DATABASE_URL = `file:${file}`
}

const { db, dialect } = openDatabase({ url: env.DATABASE_URL!, schema: env.DATABASE_SCHEMA })
await migrateToLatest(db, dialect)
await seedDemoData(db)
await db.destroy()

const server = spawn(process.execPath, [path.join(root, 'server.mjs')], { cwd: root, env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
