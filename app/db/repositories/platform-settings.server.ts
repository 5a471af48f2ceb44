import type { Kysely } from 'kysely'
import type { CaseStatus, Database } from '~/db/schema'

/*
 * Writers of the platform's settings for the care team (issue 22): the response promise per status
 * and the holidays. Their readers are the queue's (listResponsePromises, listHolidays in
 * case-queue.server.ts), so the settings page and the queue read the same rows.
 */

/** Sets a status's promise (inserted or replaced). */
export function upsertResponsePromise(db: Kysely<Database>, row: { status: CaseStatus; workingDays: number; updatedAt: string; updatedByUserId: string }) {
  return db
    .insertInto('caseResponsePromises')
    .values(row)
    .onConflict((oc) => oc.column('status').doUpdateSet({ workingDays: row.workingDays, updatedAt: row.updatedAt, updatedByUserId: row.updatedByUserId }))
    .execute()
}

/** A status without a row has no promise. */
export async function deleteResponsePromise(db: Kysely<Database>, status: CaseStatus) {
  const result = await db.deleteFrom('caseResponsePromises').where('status', '=', status).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export function findHoliday(db: Kysely<Database>, date: string) {
  return db.selectFrom('platformHolidays').select(['date', 'name']).where('date', '=', date).executeTakeFirst()
}

/** Inserts the holidays whose dates are not yet listed; returns the dates it inserted. */
export async function insertHolidaysIfNew(db: Kysely<Database>, rows: readonly { date: string; name: string; createdAt: string }[]) {
  const inserted: string[] = []
  // One row at a time: the conflict rule tells which dates were new, the same way on both databases (at most 11 rows).
  for (const row of rows) {
    const result = await db
      .insertInto('platformHolidays')
      .values(row)
      .onConflict((oc) => oc.column('date').doNothing())
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) inserted.push(row.date)
  }
  return inserted
}

export async function deleteHoliday(db: Kysely<Database>, date: string) {
  const result = await db.deleteFrom('platformHolidays').where('date', '=', date).executeTakeFirst()
  return Number(result.numDeletedRows)
}
