import { Form } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { formatDate } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { useLocaleFormat } from '~/ui/use-locale-format'

export interface CaseDocumentView {
  id: string
  kind: 'travel_itinerary' | 'pre_op_instructions' | 'other'
  fileName: string
  contentType: string
  sizeBytes: number
  uploadedAt: string
}

const KIND_LABELS = { travel_itinerary: 'Travel itinerary', pre_op_instructions: 'Pre-op instructions', other: 'Other' } as const

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`)

/** The care team's upload form: posts to the documents route (its own size limit), works without JavaScript. */
export function DocumentUploadForm({ caseId, errors }: { caseId: string; errors?: { kind?: string[]; file?: string[]; form?: string[] } }) {
  return (
    <Form method="post" action={`/coordinator/cases/${caseId}/documents`} encType="multipart/form-data" className="form-grid" aria-label="Add a document">
      <div role="alert" className="span-all">
        <ErrorList id="document-form-error" errors={errors?.form} />
      </div>
      <div className="field">
        <label htmlFor="document-kind">What it is</label>
        <select id="document-kind" name="kind" defaultValue="travel_itinerary" aria-invalid={errors?.kind?.length ? true : undefined} aria-describedby={errors?.kind?.length ? 'document-kind-error' : undefined}>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <ErrorList id="document-kind-error" errors={errors?.kind} />
      </div>
      <div className="field">
        <label htmlFor="document-file">File</label>
        <p className="field__help" id="document-file-help">
          PDF, PNG, JPEG or plain text, up to 5 MB; at most 20 documents a case. The member is told by e-mail.
        </p>
        <input
          id="document-file"
          name="file"
          type="file"
          required
          accept=".pdf,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain"
          aria-invalid={errors?.file?.length ? true : undefined}
          aria-describedby={['document-file-help', errors?.file?.length ? 'document-file-error' : ''].filter(Boolean).join(' ')}
        />
        <ErrorList id="document-file-error" errors={errors?.file} />
      </div>
      <div className="form-actions span-all">
        <button type="submit" className="button button--primary">
          Add the document
        </button>
      </div>
    </Form>
  )
}

/** The documents card of the coordinator's case page: list, download, delete, upload. */
export function CoordinatorCaseDocuments({ caseId, documents }: { caseId: string; documents: readonly CaseDocumentView[] }) {
  return (
    <section className="card" aria-labelledby="documents-heading" id="documents">
      <h2 id="documents-heading">Documents</h2>
      {documents.length === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : (
        <ul className="plain-list">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/coordinator/cases/${caseId}/documents/${d.id}`} download>
                {d.fileName}
              </a>{' '}
              <span className="muted small">
                {KIND_LABELS[d.kind]} · {size(d.sizeBytes)} · added {formatDate(d.uploadedAt)}
              </span>{' '}
              <Form method="post" action={`/coordinator/cases/${caseId}/documents/${d.id}`} style={{ display: 'inline' }}>
                <button type="submit" name="intent" value="delete" className="button button--small" aria-label={`Delete ${d.fileName}`}>
                  Delete
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <h3>Add a document</h3>
      <DocumentUploadForm caseId={caseId} />
    </section>
  )
}

/** The member's documents card, in their language. */
export function MemberCaseDocuments({ caseId, documents }: { caseId: string; documents: readonly CaseDocumentView[] }) {
  const { t } = useTranslation('cases')
  const format = useLocaleFormat()
  return (
    <section className="card" aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.heading')}</h2>
      {documents.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="plain-list">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={`/member/cases/${caseId}/documents/${d.id}`} download>
                {t(`documents.kinds.${d.kind}`)}: {d.fileName}
              </a>{' '}
              <span className="muted small">{t('documents.added', { date: format.date(d.uploadedAt) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
