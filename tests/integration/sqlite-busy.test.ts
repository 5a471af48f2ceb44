import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '~/db/connection'
import { migrateToLatest } from '../../db/migrate'

describe.runIf(!process.env.DATABASE_URL?.startsWith('postgres'))('SQLite transactions while another process writes', () => {
  it('wait for the write lock (BEGIN IMMEDIATE) instead of failing at once, then commit', async () => {
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
      await trx.insertInto('priceFactors').values({ id: 'busy-test', key: 'busy.test', value: 1, unit: 'ratio', source: 'test', updatedAt: new Date().toISOString() }).execute()
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(200)
    expect(await db.selectFrom('priceFactors').select('value').where('key', '=', 'busy.test').executeTakeFirst()).toEqual({ value: 1 })
    await db.destroy()
  })
})
