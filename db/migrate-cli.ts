/**
 * `npm run db:migrate`: applies pending migrations to the database named by DATABASE_URL
 * (postgres://… or file:…), or to the embedded SQLite file data/portal.db by default.
 */
import { openDatabase } from '../app/db/connection'
import { migrateToLatest } from './migrate'

const url = process.env.DATABASE_URL ?? 'file:data/portal.db'
const { db, dialect } = openDatabase({ url, schema: process.env.DATABASE_SCHEMA })
try {
  const result = await migrateToLatest(db, dialect)
  const applied = result.results?.filter((r) => r.status === 'Success') ?? []
  if (applied.length === 0) console.log(`Database (${dialect}) is up to date.`)
  for (const migration of applied) console.log(`Applied ${migration.migrationName} (${dialect})`)
} finally {
  await db.destroy()
}
