import { sql, type Insertable, type Kysely, type Updateable } from 'kysely'
import type { Database, ImportsTable } from '~/db/schema'
import type { EmployerScope } from '~/domain/tenancy'

const RUNNING = ['queued', 'checking', 'applying'] as const

export function insertImport(db: Kysely<Database>, row: Insertable<ImportsTable>) {
  return db.insertInto('imports').values(row).execute()
}

export function updateImport(db: Kysely<Database>, id: string, changes: Updateable<ImportsTable>) {
  return db.updateTable('imports').set(changes).where('id', '=', id).execute()
}

/** Moves an import from one status to another only if it is still in `from` (two servers never both start it). */
export async function claimImport(db: Kysely<Database>, id: string, from: readonly ImportsTable['status'][], changes: Updateable<ImportsTable>): Promise<boolean> {
  const result = await db.updateTable('imports').set(changes).where('id', '=', id).where('status', 'in', from).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

/** An employer's import, or undefined when it is another organization's. */
export function findImport(db: Kysely<Database>, scope: EmployerScope, id: string) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).where('organizationId', '=', scope.employerId).executeTakeFirst()
}

/** An import by id alone, for the background job that runs it (the job has no person's scope). */
export function unsafeFindImportById(db: Kysely<Database>, id: string) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()
}

/** An import of this employer still being read or written. */
export function findRunningImport(db: Kysely<Database>, employerId: string) {
  return db.selectFrom('imports').select(['id', 'fileName', 'createdAt', 'createdByLabel', 'status']).where('organizationId', '=', employerId).where('status', 'in', RUNNING).executeTakeFirst()
}

/** The employer's most recently applied import (a difference made before it is stale). */
export function findLastAppliedImport(db: Kysely<Database>, employerId: string) {
  return db
    .selectFrom('imports')
    .select(['id', 'finishedAt'])
    .where('organizationId', '=', employerId)
    .where('status', '=', 'applied')
    .orderBy('finishedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** One page of an employer's import history, newest first. */
export function listImports(db: Kysely<Database>, scope: EmployerScope, page: { offset: number; limit: number }) {
  return db
    .selectFrom('imports')
    .select(['id', 'kind', 'fileName', 'fileSha256', 'status', 'createdAt', 'finishedAt', 'createdByLabel', 'counts', 'fullFile'])
    .where('organizationId', '=', scope.employerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
}

export async function countImports(db: Kysely<Database>, scope: EmployerScope): Promise<number> {
  const row = await db.selectFrom('imports').select((eb) => eb.fn.countAll<number>().as('n')).where('organizationId', '=', scope.employerId).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Imports left queued, checking or applying with no queued or running job of these kinds naming them, oldest first. */
export function listInterruptedImportsWithoutJob(db: Kysely<Database>, kinds: readonly string[]) {
  return db
    .selectFrom('imports')
    .select(['id', 'status', 'startedAt', 'appliedThrough'])
    .where('status', 'in', RUNNING)
    .where(({ not, exists, selectFrom, ref }) =>
      not(exists(selectFrom('jobs').select('jobs.id').where('jobs.kind', 'in', kinds).where('jobs.status', 'in', ['queued', 'running']).where('jobs.payload', 'like', sql<string>`${'%"importId":"'} || ${ref('imports.id')} || ${'"%'}`))),
    )
    .orderBy('createdAt')
    .execute()
}
