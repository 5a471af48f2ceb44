import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as uploadRoute from '~/routes/coordinator.cases.$caseId_.documents'
import * as coordinatorDocument from '~/routes/coordinator.cases.$caseId_.documents.$documentId'
import * as memberDocument from '~/routes/member.cases.$caseId_.documents.$documentId'
import * as myCase from '~/routes/member.cases.$caseId'
import { cookieFor, getRequest, ORIGIN, postRequest, statusOf } from './support'
import { createAccessFixtures, createTwoTenants, type AccessFixtures, type TwoTenants } from './tenants'

/*
 * Issue 22: documents on a case. The care team uploads (type sniffed from the bytes, 5 MB, 20 a
 * case), the member downloads their own case's; every upload, download and deletion is audited.
 */
let t: TwoTenants
let fx: AccessFixtures
let coordinator: string
let member: string
let caseId: string

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('This program cannot be run in DOS mode.')])

function uploadRequest(kind: string, file: { name: string; content: Uint8Array; type?: string } | null, cookie = coordinator, target = caseId) {
  const form = new FormData()
  form.set('kind', kind)
  if (file) form.set('file', new File([new Uint8Array(file.content)], file.name, { type: file.type ?? 'application/pdf' }))
  return new Request(`${ORIGIN}/coordinator/cases/${target}/documents`, { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN }, body: form })
}
const upload = (kind: string, file: { name: string; content: Uint8Array; type?: string } | null, target = caseId) =>
  statusOf(uploadRoute.action, uploadRequest(kind, file, coordinator, target), { caseId: target })
const fileErrors = (body: unknown) => (body as { fieldErrors: Record<string, string[]> }).fieldErrors
const documentsOf = (id: string) => getDb().selectFrom('caseDocuments').select(['id', 'kind', 'fileName', 'contentType', 'sizeBytes', 'sha256']).where('caseId', '=', id).orderBy('uploadedAt').execute()
const snapshot = async () => ({
  documents: await getDb().selectFrom('caseDocuments').select('id').orderBy('id').execute(),
  audit: await getDb().selectFrom('auditLog').select('id').where('action', 'like', 'case_document.%').orderBy('id').execute(),
  outbox: await getDb().selectFrom('emailOutbox').select('id').orderBy('id').execute(),
})

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  fx = await createAccessFixtures(getDb(), t)
  coordinator = await cookieFor(t.users.coordinator)
  member = await cookieFor(t.users.employeeA)
  caseId = fx.own.caseId
  await getDb().updateTable('users').set({ preferredLanguage: 'es' }).where('id', '=', t.users.employeeA).execute()
})

describe('the care team uploads a document', () => {
  it('keeps a PDF with its sniffed type, SHA-256 and a safe name, audits it and tells the member by e-mail in Spanish', async () => {
    const result = await upload('travel_itinerary', { name: 'C:\\Users\\ann\\itin\u0007erary.pdf', content: PDF, type: 'text/html' })
    expect(result).toMatchObject({ status: 302, location: `/coordinator/cases/${caseId}#documents` })
    const saved = (await documentsOf(caseId)).find((d) => d.kind === 'travel_itinerary' && d.fileName === 'itinerary.pdf')
    expect(saved).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.byteLength, sha256: '' + (await import('node:crypto')).createHash('sha256').update(PDF).digest('hex') })
    const audit = await getDb().selectFrom('auditLog').selectAll().where('action', '=', 'case_document.uploaded').where('subjectId', '=', saved!.id).executeTakeFirstOrThrow()
    expect(audit.actorUserId).toBe(t.users.coordinator)
    const mail = await getDb().selectFrom('emailOutbox').selectAll().where('caseId', '=', caseId).orderBy('createdAt', 'desc').executeTakeFirstOrThrow()
    expect(mail.subject).toContain('un documento nuevo de su equipo de atención')
    expect(mail.body).toContain('Itinerario de viaje ("itinerary.pdf")')
    expect(mail.body).not.toContain('%PDF')
  })

  it.each<[string, string, { name: string; content: Uint8Array; type?: string } | null, string]>([
    ['an EXE renamed .pdf', 'travel_itinerary', { name: 'itinerary.pdf', content: EXE }, 'This file is a Windows program (EXE), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['an HTML page named .txt', 'other', { name: 'notes.txt', content: Buffer.from('<html><script>alert(1)</script></html>'), type: 'text/plain' }, 'This file is a web page or SVG image (which can carry scripts), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a PDF with /JavaScript', 'other', { name: 'form.pdf', content: Buffer.from('%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>') }, 'This PDF carries JavaScript, which could run when it is opened: save it again without scripts (for example, print it to PDF). Nothing was saved.'],
    ['the EICAR test string', 'other', { name: 'eicar.txt', content: Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'), type: 'text/plain' }, 'This file has virus-like content (an antivirus test signature): nothing was saved.'],
    ['an empty file', 'other', { name: 'empty.pdf', content: new Uint8Array() }, 'The file is empty: check that it was saved, then upload it again. Nothing was saved.'],
    ['no file', 'other', null, 'Choose a file to upload.'],
    ['a file over 5 MB', 'other', { name: 'big.pdf', content: Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024, 0x20)]) }, 'The file is larger than 5 MB, the most a document may be: nothing was saved.'],
  ])('refuses %s and writes nothing', async (_name, kind, file, message) => {
    const before = await snapshot()
    const result = await upload(kind, file)
    expect([400, 413, 422]).toContain(result.status)
    expect(fileErrors(result.body).file).toEqual([message])
    expect(await snapshot()).toEqual(before)
  })

  it('refuses an unknown kind, and a post that is not a file upload', async () => {
    const before = await snapshot()
    const unknownKind = await upload('malware', { name: 'a.pdf', content: PDF })
    expect(unknownKind.status).toBe(422)
    expect(fileErrors(unknownKind.body).kind).toEqual(['Choose what the document is: travel itinerary, pre-op instructions or other.'])
    const urlEncoded = await statusOf(uploadRoute.action, postRequest(`/coordinator/cases/${caseId}/documents`, { kind: 'other' }, { cookie: coordinator }), { caseId })
    expect(urlEncoded.status).toBe(400)
    expect(await snapshot()).toEqual(before)
  })

  it('keeps at most 20 documents a case: the 21st is refused and nothing is written', async () => {
    const target = fx.crossed.caseId
    const existing = (await documentsOf(target)).length
    for (let i = existing; i < 20; i++) expect((await upload('other', { name: `n${i}.txt`, content: Buffer.from(`note ${i}\n`) }, target)).status).toBe(302)
    expect(await documentsOf(target)).toHaveLength(20)
    const before = await snapshot()
    const result = await upload('other', { name: 'n21.txt', content: Buffer.from('one too many\n') }, target)
    expect(result.status).toBe(422)
    expect(fileErrors(result.body).file).toEqual(['This case already has 20 documents, the most a case holds: delete one before adding another. Nothing was saved.'])
    expect(await snapshot()).toEqual(before)
  })

  it('is the care team only: members, employer admins, brokers and health systems are refused', async () => {
    for (const user of [t.users.employeeA, t.users.adminA, t.users.broker, t.users.center]) {
      const result = await statusOf(uploadRoute.action, uploadRequest('other', { name: 'a.pdf', content: PDF }, await cookieFor(user)), { caseId })
      expect(result.status).toBe(403)
    }
  })
})

describe('downloads', () => {
  it('serves the member their own document with the sniffed type, as an attachment, nosniff, and audits it', async () => {
    const [doc] = (await documentsOf(caseId)).filter((d) => d.fileName === 'itinerary.pdf')
    const response = (await memberDocument.loader({ request: getRequest(`/member/cases/${caseId}/documents/${doc!.id}`, member), params: { caseId, documentId: doc!.id }, context: {} })) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="itinerary.pdf"; filename*=UTF-8''itinerary.pdf`)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true)
    const audit = await getDb().selectFrom('auditLog').selectAll().where('action', '=', 'case_document.downloaded').where('subjectId', '=', doc!.id).execute()
    expect(audit.map((a) => a.actorUserId)).toEqual([t.users.employeeA])
  })

  it("lists the documents on the member's case page", async () => {
    const page = await statusOf(myCase.loader, getRequest(`/member/cases/${caseId}`, member), { caseId })
    expect((page.body as { documents: { fileName: string }[] }).documents.map((d) => d.fileName)).toContain('itinerary.pdf')
    expect(JSON.stringify(page.body)).not.toContain('"content"')
  })

  it("gives a 404 for another member's document, another employer's, and a document asked for under the wrong case", async () => {
    const get = (c: string, d: string) => statusOf(memberDocument.loader, getRequest(`/member/cases/${c}/documents/${d}`, member), { caseId: c, documentId: d })
    expect((await get(fx.crossed.caseId, fx.crossed.documentId)).status).toBe(404)
    expect((await get(fx.foreign.caseId, fx.foreign.documentId)).status).toBe(404)
    expect((await get(caseId, fx.foreign.documentId)).status).toBe(404)
    expect((await statusOf(coordinatorDocument.loader, getRequest('/', coordinator), { caseId, documentId: fx.foreign.documentId })).status).toBe(404)
  })

  it('gives employer admins, brokers and health systems nothing', async () => {
    for (const user of [t.users.adminA, t.users.broker, t.users.center, t.users.platform]) {
      const cookie = await cookieFor(user)
      expect((await statusOf(memberDocument.loader, getRequest('/', cookie), { caseId, documentId: fx.own.documentId })).status).toBe(403)
      expect((await statusOf(coordinatorDocument.loader, getRequest('/', cookie), { caseId, documentId: fx.own.documentId })).status).toBe(403)
    }
  })

  it('audits the care team download', async () => {
    const response = (await coordinatorDocument.loader({ request: getRequest('/', coordinator), params: { caseId, documentId: fx.own.documentId }, context: {} })) as Response
    expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    const audit = await getDb().selectFrom('auditLog').select('actorUserId').where('action', '=', 'case_document.downloaded').where('subjectId', '=', fx.own.documentId).execute()
    expect(audit.map((a) => a.actorUserId)).toContain(t.users.coordinator)
  })
})

describe('deletion', () => {
  it('the care team deletes a document (audited); the member then gets a 404', async () => {
    const result = await statusOf(coordinatorDocument.action, postRequest(`/coordinator/cases/${caseId}/documents/${fx.own.documentId}`, { intent: 'delete' }, { cookie: coordinator }), { caseId, documentId: fx.own.documentId })
    expect(result).toMatchObject({ status: 302, location: `/coordinator/cases/${caseId}#documents` })
    expect((await documentsOf(caseId)).map((d) => d.id)).not.toContain(fx.own.documentId)
    expect(await getDb().selectFrom('auditLog').select('id').where('action', '=', 'case_document.deleted').where('subjectId', '=', fx.own.documentId).execute()).toHaveLength(1)
    expect((await statusOf(memberDocument.loader, getRequest('/', member), { caseId, documentId: fx.own.documentId })).status).toBe(404)
  })
})
