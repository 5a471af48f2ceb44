import type { Insertable, Kysely } from 'kysely'
import type { CaseMessagesTable, Database } from '~/db/schema'

export type MessageSide = CaseMessagesTable['authorSide']

export function insertCaseMessage(db: Kysely<Database>, row: Insertable<CaseMessagesTable>) {
  return db.insertInto('caseMessages').values(row).execute()
}

/** A case's thread, oldest first, with each author's name as the other side may see it. */
export function listCaseMessages(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('caseMessages')
    .leftJoin('users', 'users.id', 'caseMessages.authorUserId')
    .select(['caseMessages.id', 'caseMessages.authorSide', 'caseMessages.body', 'caseMessages.createdAt', 'users.displayName as authorName'])
    .where('caseMessages.caseId', '=', caseId)
    .orderBy('caseMessages.createdAt')
    .orderBy('caseMessages.id')
    .execute()
}

/** The user has read the case's thread up to `at` (one row per case and user). */
export function markThreadRead(db: Kysely<Database>, caseId: string, userId: string, at: string) {
  return db
    .insertInto('caseMessageReads')
    .values({ caseId, userId, lastReadAt: at })
    .onConflict((oc) => oc.columns(['caseId', 'userId']).doUpdateSet({ lastReadAt: at }))
    .execute()
}

/**
 * Unread messages per case for one user: those written by the other side after the user's last
 * read of the thread (never read: all of them). `readerSide` is the user's side; the care team's
 * queue calls it with the default. Cases without unread messages are absent from the result.
 */
export async function unreadByCase(db: Kysely<Database>, userId: string, caseIds: readonly string[], readerSide: MessageSide = 'care_team'): Promise<Record<string, number>> {
  if (caseIds.length === 0) return {}
  const rows = await db
    .selectFrom('caseMessages')
    .leftJoin('caseMessageReads', (join) => join.onRef('caseMessageReads.caseId', '=', 'caseMessages.caseId').on('caseMessageReads.userId', '=', userId))
    .select((eb) => ['caseMessages.caseId', eb.fn.countAll<number | string>().as('unread')])
    .where('caseMessages.caseId', 'in', [...caseIds])
    .where('caseMessages.authorSide', '!=', readerSide)
    .where((eb) => eb.or([eb('caseMessageReads.lastReadAt', 'is', null), eb('caseMessages.createdAt', '>', eb.ref('caseMessageReads.lastReadAt'))]))
    .groupBy('caseMessages.caseId')
    .execute()
  return Object.fromEntries(rows.map((row) => [row.caseId, Number(row.unread)]))
}
