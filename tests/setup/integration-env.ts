import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll } from 'vitest'
import { openDatabase } from '../../app/db/connection'
import { migrateToLatest } from '../../db/migrate'

/**
 * Runs once per integration test file, before the file imports app modules: gives the file
 * its own freshly migrated database and points the app at it through the environment.
 * SQLite: a new file under tests/.tmp. PostgreSQL (DATABASE_URL=postgres…): a new schema.
 */
process.env.NODE_ENV = 'test'
process.env.SESSION_SECRET = 'integration-test-session-secret-0123456789'
// Imports run in the caller, so a test sees their result when the action returns (one test runs the worker thread).
process.env.IMPORT_JOBS = 'inline'

const baseUrl = process.env.DATABASE_URL
const isPostgres = Boolean(baseUrl && /^postgres(ql)?:\/\//.test(baseUrl))
const id = randomUUID().replace(/-/g, '').slice(0, 12)
const tmpDir = path.resolve(import.meta.dirname, '../.tmp')
const sqliteFile = path.join(tmpDir, `it-${id}.db`)
const schema = `t_${id}`
process.env.IMPORT_FILES_DIR = path.join(tmpDir, `imports-${id}`)
// The CMS import page's root: none of the developer's data/imports; a test that needs folders makes them here.
process.env.IMPORTS_DIR = path.join(tmpDir, `cms-imports-${id}`)

if (isPostgres) {
  const admin = openDatabase({ url: baseUrl! })
  await sql`create schema ${sql.id(schema)}`.execute(admin.db)
  await admin.db.destroy()
  process.env.DATABASE_SCHEMA = schema
  const conn = openDatabase({ url: baseUrl!, schema })
  await migrateToLatest(conn.db, conn.dialect)
  await conn.db.destroy()
} else {
  fs.mkdirSync(tmpDir, { recursive: true })
  process.env.DATABASE_URL = `file:${sqliteFile}`
  const conn = openDatabase({ url: process.env.DATABASE_URL })
  await migrateToLatest(conn.db, conn.dialect)
  await conn.db.destroy()
}

afterAll(async () => {
  await globalThis.__portalDatabase?.db.destroy()
  globalThis.__portalDatabase = undefined
  if (isPostgres) {
    const admin = openDatabase({ url: baseUrl! })
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db)
    await admin.db.destroy()
  } else {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteFile}${suffix}`, { force: true })
  }
})
