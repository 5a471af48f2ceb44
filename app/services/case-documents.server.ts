import { createHash } from 'node:crypto'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { findMemberCase, findMemberContact, unscopedFindCase } from '~/db/repositories/care.server'
import { countCaseDocuments, deleteCaseDocument, findCaseDocument, insertCaseDocument, listCaseDocuments } from '~/db/repositories/case-documents.server'
import type { CaseDocumentKind } from '~/db/schema'
import { attachmentDisposition, MAX_DOCUMENTS_PER_CASE, sanitizeDocumentName, sniffDocument } from '~/domain/cases/document-sniffing'
import type { Actor } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { DEFAULT_LANGUAGE, isLanguage } from '~/i18n/languages'
import { fixedT } from '~/i18n/translator'
import { deliverOutbox, queueEmail } from './email-outbox.server'

export const DOCUMENT_KINDS: readonly CaseDocumentKind[] = ['travel_itinerary', 'pre_op_instructions', 'other']
export const DOCUMENT_KIND_LABELS: Record<CaseDocumentKind, string> = {
  travel_itinerary: 'Travel itinerary',
  pre_op_instructions: 'Pre-op instructions',
  other: 'Other',
}

export type UploadDocumentResult = { ok: true; documentId: string } | { ok: false; fieldErrors: Record<string, string[]> }

/** A case's documents for the care team (no content; the list is part of the audited case view). */
export async function listDocumentsForCoordinator(caseId: string) {
  return listCaseDocuments(getDb(), caseId)
}

/**
 * The care team adds a document to a case: its type decided from its bytes, at most 20 a case;
 * kept with its SHA-256, audited, and the member told by e-mail in their language (no content).
 * A refusal writes nothing.
 */
export async function uploadCaseDocument(actor: Actor, caseId: string, input: { kind: string; fileName: string; content: Uint8Array }, now = new Date()): Promise<UploadDocumentResult> {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  if (!DOCUMENT_KINDS.includes(input.kind as CaseDocumentKind)) return { ok: false, fieldErrors: { kind: ['Choose what the document is: travel itinerary, pre-op instructions or other.'] } }
  const kind = input.kind as CaseDocumentKind
  const sniffed = sniffDocument(input.content)
  if (!sniffed.ok) return { ok: false, fieldErrors: { file: [sniffed.message] } }
  const fileName = sanitizeDocumentName(input.fileName)
  const sha256 = createHash('sha256').update(input.content).digest('hex')
  const at = now.toISOString()
  const documentId = newId()
  const refused = await db.transaction().execute(async (trx) => {
    if ((await countCaseDocuments(trx, caseId)) >= MAX_DOCUMENTS_PER_CASE) return true
    await insertCaseDocument(trx, {
      id: documentId, caseId, kind, fileName, contentType: sniffed.contentType, sizeBytes: input.content.byteLength, sha256,
      content: Buffer.from(input.content), uploadedByUserId: actor.userId, uploadedAt: at,
    })
    await insertAuditEntry(trx, actor, {
      action: 'case_document.uploaded', subjectType: 'case_document', subjectId: documentId, employerId: found.employerId, at,
      detail: JSON.stringify({ caseId, kind, fileName, contentType: sniffed.contentType, sizeBytes: input.content.byteLength, sha256 }),
    })
    const contact = await findMemberContact(trx, found.rosterMemberId)
    if (contact) {
      const language = isLanguage(contact.preferredLanguage) ? contact.preferredLanguage : DEFAULT_LANGUAGE
      const t = fixedT(language, 'cases')
      const procedure = fixedT(language)(`procedures.${found.procedureCode}`, { defaultValue: found.procedureName })
      const vars = { procedure, kind: t(`documents.kinds.${kind}`), name: fileName }
      await queueEmail(trx, {
        id: newId(), caseId, toAddress: contact.email, subject: t('documents.emailSubject', vars), body: t('documents.emailBody', vars),
        createdAt: at, sentAt: null, attempts: 0, lastError: null,
      })
    }
    return false
  })
  if (refused) return { ok: false, fieldErrors: { file: [`This case already has ${MAX_DOCUMENTS_PER_CASE} documents, the most a case holds: delete one before adding another. Nothing was saved.`] } }
  await deliverOutbox()
  return { ok: true, documentId }
}

/** The care team removes a document (audited); another case's document is a 404. */
export async function removeCaseDocument(actor: Actor, caseId: string, documentId: string, now = new Date()) {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  await db.transaction().execute(async (trx) => {
    const document = await findCaseDocument(trx, caseId, documentId)
    if (!document) throw notFound('Document')
    await deleteCaseDocument(trx, caseId, documentId)
    await insertAuditEntry(trx, actor, {
      action: 'case_document.deleted', subjectType: 'case_document', subjectId: documentId, employerId: found.employerId, at: now.toISOString(),
      detail: JSON.stringify({ caseId, kind: document.kind, fileName: document.fileName, sha256: document.sha256 }),
    })
  })
}

/** The download response: the sniffed type, always an attachment, never sniffed again by the browser. */
function documentResponse(document: { content: Buffer | Uint8Array; contentType: string; fileName: string; sizeBytes: number }) {
  return new Response(new Uint8Array(document.content), {
    headers: {
      'Content-Type': document.contentType,
      'Content-Length': String(document.sizeBytes),
      'Content-Disposition': attachmentDisposition(document.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  })
}

async function auditedDownload(actor: Actor, caseId: string, employerId: string, documentId: string, now: Date) {
  const db = getDb()
  const document = await findCaseDocument(db, caseId, documentId)
  if (!document) throw notFound('Document')
  await insertAuditEntry(db, actor, {
    action: 'case_document.downloaded', subjectType: 'case_document', subjectId: documentId, employerId, at: now.toISOString(),
    detail: JSON.stringify({ caseId, fileName: document.fileName }),
  })
  return documentResponse(document)
}

export async function downloadDocumentForCoordinator(actor: Actor, caseId: string, documentId: string, now = new Date()) {
  const found = await unscopedFindCase(getDb(), caseId)
  if (!found) throw notFound('Case')
  return auditedDownload(actor, caseId, found.employerId, documentId, now)
}

function ownCase(actor: Actor, caseId: string) {
  if (!actor.rosterMemberId) throw notFound('Case')
  return findMemberCase(getDb(), { employerId: actor.organizationId }, actor.rosterMemberId, caseId)
}

/** The member's own case's documents (no content); anybody else's case is a 404. */
export async function listMyCaseDocuments(actor: Actor, caseId: string) {
  const found = await ownCase(actor, caseId)
  if (!found) throw notFound('Case')
  return listCaseDocuments(getDb(), caseId)
}

/** The member downloads a document of their own case (audited); any other is a 404. */
export async function downloadMyCaseDocument(actor: Actor, caseId: string, documentId: string, now = new Date()) {
  const found = await ownCase(actor, caseId)
  if (!found) throw notFound('Document')
  return auditedDownload(actor, caseId, found.employerId, documentId, now)
}

/** The upload page's facts: how many documents the case has (no member data). */
export async function getDocumentUploadPage(caseId: string) {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  return { caseId, documentCount: await countCaseDocuments(db, caseId) }
}
