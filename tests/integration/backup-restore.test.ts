import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDatabase, getDb } from '~/db/client.server'
import { backupDatabase, restoreDatabase } from '../../db/backup'
import { seedDemoData } from '../../db/seed/index'

/**
 * `npm run backup` and `npm run restore` (issue 10) on the suite's database: SQLite in the SQLite
 * run, this file's own PostgreSQL schema in the PostgreSQL run. The commands run as operators run
 * them, in their own process. The checks of bad backup files work on SQLite files in both runs.
 */
const ROOT = path.resolve(import.meta.dirname, '../..')
const isPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'backup-restore-'))

function cli(script: 'backup' | 'restore', args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: ROOT, env: process.env, encoding: 'utf8', timeout: 60_000 })
}

/** Every row of every table, sorted, so two snapshots are equal only when the data is. */
async function snapshot(): Promise<Record<string, string[]>> {
  const db = getDb()
  const schema = process.env.DATABASE_SCHEMA
  const tables = (await db.introspection.getTables()).filter((t) => !isPostgres || !schema || t.schema === schema).map((t) => t.name).sort()
  const result: Record<string, string[]> = {}
  for (const table of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db)).rows
    result[table] = rows.map((row) => JSON.stringify(row)).sort()
  }
  return result
}

/** Changes after the backup: rows deleted, updated and added in several tables. */
async function changeRows() {
  const db = getDb()
  await db.deleteFrom('caseEvents').execute()
  await db.deleteFrom('invoiceLines').execute()
  await db.deleteFrom('marketPrices').execute()
  await db.updateTable('rosterMembers').set({ zip: '99999' }).execute()
  await db.updateTable('organizations').set({ name: 'Renamed after the backup' }).execute()
  await db
    .insertInto('auditLog')
    .values({ id: 'after-backup', occurredAt: '2026-11-24T00:00:00.000Z', actorUserId: null, actorOrganizationId: null, action: 'test.after_backup', subjectType: 'test', subjectId: null, employerId: null, ip: null, detail: null })
    .execute()
}

beforeAll(async () => {
  await seedDemoData(getDb())
}, 60_000)

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('npm run backup / npm run restore', () => {
  it('restores exactly the rows the backup holds after rows were changed, deleted and added', async () => {
    const before = await snapshot()
    expect(before.roster_members!.length).toBeGreaterThan(1000)
    expect(before.case_events!.length).toBeGreaterThan(0)

    const out = path.join(tmp, 'backups')
    const backup = cli('backup', ['--out', out])
    expect(backup.stderr).toBe('')
    expect(backup.status).toBe(0)
    const files = fs.readdirSync(out)
    expect(files).toEqual([expect.stringMatching(isPostgres ? /-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.dump$/ : /^it-\w+-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.db$/)])
    const file = path.join(out, files[0]!)

    await changeRows()
    const changed = await snapshot()
    expect(changed.case_events).toEqual([])
    expect(changed).not.toEqual(before)

    if (!isPostgres) {
      // The database is open in this process (as a running server holds it): both checks refuse.
      const refused = cli('restore', [file])
      expect(refused.status).toBe(1)
      expect(refused.stderr).toMatch(new RegExp(`is in use by process ${process.pid} .*Stop the server .*Nothing was restored\\.`))
      await expect(restoreDatabase({ file, url: process.env.DATABASE_URL! })).rejects.toThrow(/is in use \(another connection holds it.*Nothing was restored\./)
      expect(await snapshot()).toEqual(changed)
      // Stop "the server".
      await getDatabase().db.destroy()
      globalThis.__portalDatabase = undefined
    }

    const restore = cli('restore', [file])
    expect(restore.stderr).toBe('')
    expect(restore.status).toBe(0)
    expect(restore.stdout).toMatch(/^Restored .* in \d+\.\d s\./)
    if (!isPostgres) {
      const previous = /What the target held before is in (.+)\.$/m.exec(restore.stdout)?.[1]
      expect(previous && fs.existsSync(previous)).toBeTruthy()
      fs.rmSync(previous!)
    }
    expect(await snapshot()).toEqual(before)
  })

  describe('refuses bad input with a clear message and changes nothing', () => {
    const target = path.join(tmp, 'target.db')
    const targetUrl = `file:${target}`
    const targetRows = () => {
      const db = new SqliteDatabase(target, { readonly: true })
      try {
        return db.prepare('select name from kysely_migration').pluck().all()
      } finally {
        db.close()
      }
    }
    /** A small database with the migrations table, a table and an index. */
    const smallDatabase = (file: string, withMigrations = true) => {
      const db = new SqliteDatabase(file)
      if (withMigrations) db.exec(`create table kysely_migration (name text primary key, timestamp text); insert into kysely_migration values ('2026-11-22T1300_create_schema', 'x')`)
      db.exec('create table t (a integer primary key, b text); create index t_b on t (b)')
      const insert = db.prepare('insert into t (b) values (?)')
      for (let i = 0; i < 50; i++) insert.run(`value-${i}`)
      const indexPage = db.prepare(`select rootpage from sqlite_master where name = 't_b'`).pluck().get() as number
      const pageSize = db.pragma('page_size', { simple: true }) as number
      db.close()
      return { indexPage, pageSize }
    }
    beforeAll(() => {
      smallDatabase(target)
    })

    it('a missing file', async () => {
      await expect(restoreDatabase({ file: path.join(tmp, 'nope.db'), url: targetUrl })).rejects.toThrow(`No backup file at ${path.join(tmp, 'nope.db')}: nothing was restored.`)
      await expect(backupDatabase({ url: `file:${path.join(tmp, 'nope.db')}`, outDir: tmp })).rejects.toThrow(/^No SQLite database at .*nope\.db: nothing to back up/)
    })

    it('a file that is not a SQLite database', async () => {
      const file = path.join(tmp, 'notes.txt')
      fs.writeFileSync(file, 'employee_id,first_name\nE1,Ann\n')
      await expect(restoreDatabase({ file, url: targetUrl })).rejects.toThrow(/is not a backup: it is neither a SQLite database nor a pg_dump custom-format archive/)
      expect(targetRows()).toEqual(['2026-11-22T1300_create_schema'])
    })

    it('a damaged database (PRAGMA integrity_check)', async () => {
      const file = path.join(tmp, 'damaged.db')
      const { indexPage, pageSize } = smallDatabase(file)
      // One flipped bit in an index entry: the file opens, the index no longer matches the table.
      const fd = fs.openSync(file, 'r+')
      const byte = Buffer.alloc(1)
      fs.readSync(fd, byte, 0, 1, indexPage * pageSize - 10)
      byte[0]! ^= 0x01
      fs.writeSync(fd, byte, 0, 1, indexPage * pageSize - 10)
      fs.closeSync(fd)
      await expect(restoreDatabase({ file, url: targetUrl })).rejects.toThrow(/damaged\.db failed PRAGMA integrity_check:\n {2}row \d+ missing from index t_b[\s\S]*Nothing was restored\.$/)
      expect(targetRows()).toEqual(['2026-11-22T1300_create_schema'])
    })

    it('a SQLite database of something else (no migrations table)', async () => {
      const file = path.join(tmp, 'other.db')
      smallDatabase(file, false)
      await expect(restoreDatabase({ file, url: targetUrl })).rejects.toThrow(/other\.db has no kysely_migration table: it is not a database of this portal\./)
      expect(targetRows()).toEqual(['2026-11-22T1300_create_schema'])
    })
  })
})
