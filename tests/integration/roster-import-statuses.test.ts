import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { AliasNode, ColumnNode, TableNode, UpdateQueryNode, ValueNode, type KyselyPlugin, type OperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { createImport, requestApply, type ImportOptions } from '~/services/eligibility-files.server'
import { checkImport } from '~/services/roster-import.server'
import { getOptionalActor } from '~/auth/guard.server'
import { createAccessFixtures, createTwoTenants, type TwoTenants } from './tenants'
import { cookieFor, getRequest } from './support'

/*
 * The statuses an import goes through, as the import page sees them. The page follows a running
 * import (queued, checking, applying) and stops at any other status: a file that needs no review
 * must therefore never pass through "review" on its way to "applied" (on PostgreSQL the page could
 * read that in-between status, stop following, and stay at "Checked: waiting for you to apply it"
 * although the file was applied a moment later: the roster journey's "Applied" never came).
 */

let t: TwoTenants
const HEADER = 'employee_id,first_name,last_name,date_of_birth,zip,plan,coverage_tier,coverage_start,coverage_end,dependents'
const NOW = new Date('2026-11-22T12:00:00Z')
const row = (id: string) => `${id},Ann,Lee,1980-01-01,43215,B PPO,employee,2026-01-01,,0`

/** Records, in order, every status an UPDATE of `imports` writes (the value the page would read next). */
class StatusRecorder implements KyselyPlugin {
  readonly statuses: string[] = []
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (UpdateQueryNode.is(node) && tableName(node.table) === 'imports') {
      for (const update of node.updates ?? []) {
        if (ColumnNode.is(update.column) && update.column.column.name === 'status' && ValueNode.is(update.value)) this.statuses.push(String(update.value.value))
      }
    }
    return node
  }
  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result)
  }
}
function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined
  if (TableNode.is(node)) return node.table.identifier.name
  if (AliasNode.is(node)) return tableName(node.node)
  return undefined
}

async function upload(lines: string[], options: Partial<ImportOptions> = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'roster-statuses-')), 'roster.csv')
  fs.writeFileSync(file, lines.join('\n'))
  const created = await createImport(
    { employerId: t.b.employerId },
    { path: file, fileName: 'roster.csv' },
    { fullFile: false, allOrNothing: false, reviewFirst: false, confirmTerminations: false, ...options },
    { userId: t.users.adminB, label: 'hr@b' },
    NOW,
  )
  if (!created.ok) throw new Error(created.error)
  return created.importId
}

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  await createAccessFixtures(getDb(), t)
  await getDb().updateTable('imports').set({ finishedAt: '2026-01-01T00:00:00.000Z' }).execute()
})

describe('import statuses the page follows', () => {
  it('a file that needs no review goes from checking straight to applying and applied, by the person who sent it', async () => {
    const id = await upload([HEADER, row('R1'), row('R2')])
    const recorder = new StatusRecorder()
    const found = await checkImport(id, { now: NOW, db: getDb().withPlugin(recorder) })
    expect(recorder.statuses).toEqual(['checking', 'applying', 'applied'])
    expect(found).toMatchObject({ status: 'applied', appliedByUserId: t.users.adminB, message: null, rowsDone: 2 })
    expect(JSON.parse(found.counts!)).toMatchObject({ rowsRead: 2, added: 2 })
    const audit = await getDb().selectFrom('auditLog').select(['action', 'actorUserId']).where('subjectId', '=', id).execute()
    expect(audit).toEqual([{ action: 'roster.imported', actorUserId: t.users.adminB }])
  })

  it('a file the person asked to see first stops at review, and is applied only when they say so', async () => {
    const id = await upload([HEADER, row('R3')], { reviewFirst: true })
    const recorder = new StatusRecorder()
    expect(await checkImport(id, { now: NOW, db: getDb().withPlugin(recorder) })).toMatchObject({ status: 'review', message: null })
    expect(recorder.statuses).toEqual(['checking', 'review'])
    const admin = (await getOptionalActor(getRequest('/employer/roster', await cookieFor(t.users.adminB))))!
    // Integration tests run jobs inline (IMPORT_JOBS=inline): the apply is done when this returns.
    expect(await requestApply(admin, { employerId: t.b.employerId }, id, false)).toEqual({ ok: true })
    expect(await getDb().selectFrom('imports').select(['status', 'appliedByUserId']).where('id', '=', id).executeTakeFirst()).toEqual({ status: 'applied', appliedByUserId: t.users.adminB })
  })

  it('a file whose difference went stale while it was checked (another file applied meanwhile) waits in review and says why', async () => {
    // 5,000 lines: the check reports progress once, and "another server" applies a file then.
    const id = await upload([HEADER, ...Array.from({ length: 5_000 }, (_, i) => row(`S${i}`))])
    const other = newId()
    let written: Promise<unknown> | undefined
    const found = await checkImport(id, {
      now: NOW,
      onProgress: () => {
        written ??= getDb()
          .insertInto('imports')
          .values({
            id: other, organizationId: t.b.employerId, kind: 'roster_csv', fileName: 'other.csv', fileSha256: 'x', fileBytes: 1, status: 'applied', createdByLabel: 'hr@b',
            createdAt: NOW.toISOString(), finishedAt: new Date(Date.now() + 60_000).toISOString(), fullFile: 0, allOrNothing: 0, reviewFirst: 0, confirmTerminations: 0,
          })
          .execute()
      },
    })
    await written
    expect(written).toBeDefined()
    expect(found).toMatchObject({
      status: 'review',
      message: 'Another roster file was applied after this difference was made, so it may no longer be right. Check this file again, then apply it.',
    })
    expect(await getDb().selectFrom('rosterMembers').select('id').where('employerId', '=', t.b.employerId).where('employeeId', '=', 'S0').executeTakeFirst()).toBeUndefined()
  })
})
