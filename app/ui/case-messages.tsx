import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { CANCEL_REASONS, caseMessageSchema, memberCancelSchema, type Translate } from '~/forms/case-messages'
import { ErrorList } from './primitives/error-list'

export interface ThreadMessage {
  id: string
  side: 'member' | 'care_team'
  body: string
  createdAt: string
  authorName: string | null
}

interface CaseMessagesProps {
  /** Whose page this is: the member's ("you" / "care team") or the care team's ("member" / a name). */
  viewer: 'member' | 'care_team'
  messages: readonly ThreadMessage[]
  /** Messages from the other side that were new when the page opened. */
  unread: number
  /** Labels of the `cases` namespace: the member's language on their side, English for the care team. */
  t: Translate
  formatDateTime: (iso: string) => string
  lastResult?: SubmissionResult<string[]> | undefined
}

/** A case's message thread and the form to write in it (a plain POST with intent=message: works without JavaScript). */
export function CaseMessages({ viewer, messages, unread, t, formatDateTime, lastResult }: CaseMessagesProps) {
  const navigation = useNavigation()
  const schema = useMemo(() => caseMessageSchema(t), [t])
  const [form, fields] = useForm({
    id: `case-message-${messages.length}`,
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const isSending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'message'
  const author = (m: ThreadMessage) => {
    if (m.side === viewer) return viewer === 'member' ? t('thread.you') : m.authorName ? t('thread.careTeamNamed', { name: m.authorName }) : t('thread.careTeam')
    if (m.side === 'care_team') return m.authorName ? t('thread.careTeamNamed', { name: m.authorName }) : t('thread.careTeam')
    return t('thread.member')
  }
  return (
    <section className="card case-messages" aria-labelledby="messages-heading">
      <h2 id="messages-heading">
        {viewer === 'member' ? t('thread.heading') : t('thread.headingCareTeam')} {unread > 0 ? <span className="badge">{t('thread.unread', { count: unread })}</span> : null}
      </h2>
      <p className="muted small">{viewer === 'member' ? t('thread.lead') : t('thread.leadCareTeam')}</p>
      {messages.length === 0 ? (
        <p className="empty">{t('thread.empty')}</p>
      ) : (
        <ol className="case-messages__list" aria-label={viewer === 'member' ? t('thread.heading') : t('thread.headingCareTeam')}>
          {messages.map((m) => (
            <li key={m.id} className={`case-messages__item case-messages__item--${m.side}`}>
              <p className="small muted">
                <strong>{author(m)}</strong> · <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
              </p>
              <p className="case-messages__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="message" />
        <div className="field">
          <label htmlFor={fields.body.id}>{t('thread.label')}</label>
          <p className="field__help" id={`${fields.body.id}-help`}>{t('thread.help')}</p>
          <textarea
            {...getTextareaProps(fields.body)}
            rows={4}
            aria-describedby={[`${fields.body.id}-help`, fields.body.errors?.length ? `${fields.body.id}-error` : null].filter(Boolean).join(' ')}
          />
          <ErrorList id={`${fields.body.id}-error`} errors={fields.body.errors} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSending}>
            {isSending ? t('thread.sending') : t('thread.send')}
          </button>
        </div>
      </Form>
    </section>
  )
}

/** The member's cancel form (before scheduling): a reason from a list, with their own words for "another reason". */
export function MemberCancelForm({ t, lastResult }: { t: Translate; lastResult?: SubmissionResult<string[]> | undefined }) {
  const schema = useMemo(() => memberCancelSchema(t), [t])
  const [form, fields] = useForm({
    id: 'member-cancel',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <section className="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">{t('cancel.heading')}</h2>
      <p className="muted small">{t('cancel.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <input type="hidden" name="intent" value="cancel" />
        <ErrorList id={`${form.id}-error`} errors={form.errors} />
        <fieldset className="radio-group" aria-describedby={fields.reasonChoice.errors?.length ? `${fields.reasonChoice.id}-error` : undefined}>
          <legend>{t('cancel.reason')}</legend>
          {CANCEL_REASONS.map((reason) => (
            <label key={reason} className="radio">
              <input type="radio" name={fields.reasonChoice.name} value={reason} defaultChecked={fields.reasonChoice.initialValue === reason} /> {t(`cancel.reasons.${reason}`)}
            </label>
          ))}
          <ErrorList id={`${fields.reasonChoice.id}-error`} errors={fields.reasonChoice.errors} />
        </fieldset>
        <div className="field">
          <label htmlFor={fields.reasonText.id}>{t('cancel.text')}</label>
          <p className="field__help" id={`${fields.reasonText.id}-help`}>{t('cancel.textHelp')}</p>
          <textarea
            {...getTextareaProps(fields.reasonText)}
            rows={2}
            aria-describedby={[`${fields.reasonText.id}-help`, fields.reasonText.errors?.length ? `${fields.reasonText.id}-error` : null].filter(Boolean).join(' ')}
          />
          <ErrorList id={`${fields.reasonText.id}-error`} errors={fields.reasonText.errors} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">{t('cancel.submit')}</button>
        </div>
      </Form>
    </section>
  )
}

/** The steps still ahead of the case, in the member's words (none for a closed case). */
export function StepsAhead({ steps, t }: { steps: readonly string[]; t: Translate }) {
  if (steps.length === 0) return null
  return (
    <section className="card" aria-labelledby="steps-ahead-heading">
      <h2 id="steps-ahead-heading">{t('ahead.heading')}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step}>{t(`ahead.${step}`)}</li>
        ))}
      </ol>
    </section>
  )
}
