import type { Insertable, Kysely } from 'kysely'
import type { CaseDocumentsTable, Database } from '~/db/schema'

const LISTED = ['id', 'caseId', 'kind', 'fileName', 'contentType', 'sizeBytes', 'sha256', 'uploadedAt'] as const

/** A case's documents without their content, newest first. */
export function listCaseDocuments(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('caseDocuments').select(LISTED).where('caseId', '=', caseId).orderBy('uploadedAt', 'desc').orderBy('id').execute()
}

export async function countCaseDocuments(db: Kysely<Database>, caseId: string): Promise<number> {
  const row = await db.selectFrom('caseDocuments').select((eb) => eb.fn.countAll<number | string>().as('n')).where('caseId', '=', caseId).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One document with its content, only when it belongs to that case. */
export function findCaseDocument(db: Kysely<Database>, caseId: string, documentId: string) {
  return db.selectFrom('caseDocuments').selectAll().where('caseId', '=', caseId).where('id', '=', documentId).executeTakeFirst()
}

export function insertCaseDocument(db: Kysely<Database>, row: Insertable<CaseDocumentsTable>) {
  return db.insertInto('caseDocuments').values(row).execute()
}

export function deleteCaseDocument(db: Kysely<Database>, caseId: string, documentId: string) {
  return db.deleteFrom('caseDocuments').where('caseId', '=', caseId).where('id', '=', documentId).executeTakeFirst()
}
