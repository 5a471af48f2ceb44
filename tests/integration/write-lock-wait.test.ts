import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getDatabase, getDb } from '~/db/client.server'
import { openDatabase } from '~/db/connection'
import { newId } from '~/db/ids'
import { migrateToLatest } from '../../db/migrate'

const factor = (key: string) => ({ id: newId(), key, value: 1, unit: 'ratio', source: 'test', updatedAt: new Date().toISOString(), updatedByUserId: null })

/** docs/reliability.md, "SQLite busy handling": a write transaction waits for another writer's lock, then commits. */
describe('a transaction that meets another writer', () => {
  it('waits for the lock instead of failing at once, then commits (SQLite: BEGIN IMMEDIATE across processes; PostgreSQL: a row lock)', async () => {
    if (getDatabase().dialect === 'sqlite') {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'busy-')), 'busy.db')
      const { db, dialect } = openDatabase({ url: `file:${file}` })
      await migrateToLatest(db, dialect)
      // Another process (as an import CLI would be) holds the write lock for 400 ms.
      const holder = spawn(process.execPath, ['-e', `const D = require('better-sqlite3'); const d = new D(${JSON.stringify(file)}); d.exec('BEGIN IMMEDIATE'); console.log('locked'); setTimeout(() => { d.exec('COMMIT'); d.close() }, 400)`])
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
        holder.on('error', reject)
      })
      const started = Date.now()
      // A read, then a write, in one transaction: with a deferred BEGIN this failed with SQLITE_BUSY at once.
      await db.transaction().execute(async (trx) => {
        await trx.selectFrom('procedures').select('id').execute()
        await trx.insertInto('priceFactors').values(factor('busy.test')).execute()
      })
      expect(Date.now() - started).toBeGreaterThanOrEqual(200)
      expect(await db.selectFrom('priceFactors').select('value').where('key', '=', 'busy.test').executeTakeFirst()).toEqual({ value: 1 })
      await db.destroy()
      return
    }
    // PostgreSQL: another connection holds the row for 400 ms; the second writer waits and both commit in order.
    const db = getDb()
    await db.insertInto('priceFactors').values(factor('busy.pg')).execute()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let locked!: () => void
    const isLocked = new Promise<void>((resolve) => (locked = resolve))
    const first = db.transaction().execute(async (trx) => {
      await trx.updateTable('priceFactors').set({ value: 2 }).where('key', '=', 'busy.pg').execute()
      locked()
      await held
    })
    await isLocked
    const started = Date.now()
    setTimeout(release, 400)
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('priceFactors').set({ value: sql`value + 10` }).where('key', '=', 'busy.pg').execute()
    })
    await first
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(await db.selectFrom('priceFactors').select('value').where('key', '=', 'busy.pg').executeTakeFirst()).toEqual({ value: 12 })
  })
})
