import type { Insertable, Kysely } from 'kysely'
import type { Database, GeneratedFilesTable } from '~/db/schema'

/** Stores a job's file; a second store for the same job (a job run twice) adds nothing. */
export async function insertGeneratedFile(db: Kysely<Database>, row: Insertable<GeneratedFilesTable>): Promise<boolean> {
  const inserted = await db.insertInto('generatedFiles').values(row).onConflict((oc) => oc.column('jobId').doNothing()).returning('id').executeTakeFirst()
  return inserted !== undefined
}

/** The file a job made, if its owner is this one (another owner's file looks missing). */
export function findGeneratedFile(db: Kysely<Database>, ownerKey: string, jobId: string) {
  return db
    .selectFrom('generatedFiles')
    .select(['id', 'jobId', 'fileName', 'contentType', 'sizeBytes', 'content', 'createdAt', 'expiresAt'])
    .where('jobId', '=', jobId)
    .where('ownerKey', '=', ownerKey)
    .executeTakeFirst()
}

/** Whether a job's file is stored (without reading its bytes). */
export async function hasGeneratedFile(db: Kysely<Database>, ownerKey: string, jobId: string, now: string): Promise<{ fileName: string; sizeBytes: number; createdAt: string } | undefined> {
  return db
    .selectFrom('generatedFiles')
    .select(['fileName', 'sizeBytes', 'createdAt'])
    .where('jobId', '=', jobId)
    .where('ownerKey', '=', ownerKey)
    .where('expiresAt', '>', now)
    .executeTakeFirst()
}

/**
 * Pruning (ADR 0029): deletes the files past their expiry and those of done jobs finished before
 * `doneBefore`, then those jobs. Queued, running and failed jobs stay (failed ones are the errors
 * people read); e-mail and import jobs are pruned by the same rule.
 */
export async function pruneDoneJobs(db: Kysely<Database>, now: string, doneBefore: string): Promise<{ jobs: number; files: number }> {
  return db.transaction().execute(async (trx) => {
    const oldDone = trx.selectFrom('jobs').select('id').where('status', '=', 'done').where('finishedAt', '<', doneBefore)
    const files = await trx
      .deleteFrom('generatedFiles')
      .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('jobId', 'in', oldDone)]))
      .executeTakeFirst()
    const jobs = await trx.deleteFrom('jobs').where('status', '=', 'done').where('finishedAt', '<', doneBefore).executeTakeFirst()
    return { jobs: Number(jobs.numDeletedRows), files: Number(files.numDeletedRows) }
  })
}
