/** `npm run db:seed`: migrates, then loads the demo data set when the database is empty. */
import { openDatabase } from '../../app/db/connection'
import { migrateToLatest } from '../migrate'
import { DEMO_PASSWORD, isDatabaseEmpty, listDemoLogins, seedDemoData } from './index'

const { db, dialect } = openDatabase({ url: process.env.DATABASE_URL ?? 'file:data/portal.db', schema: process.env.DATABASE_SCHEMA })
try {
  await migrateToLatest(db, dialect)
  if (await isDatabaseEmpty(db)) {
    const started = Date.now()
    await seedDemoData(db, { log: (line) => console.log(line) })
    console.log(`Seeded ${dialect} in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  } else {
    console.log(`The ${dialect} database already has data: not seeding.`)
  }
  console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`)
  for (const login of await listDemoLogins(db)) console.log(`  ${login.role.padEnd(17)} ${login.email.padEnd(36)} ${login.organization}`)
} finally {
  await db.destroy()
}
