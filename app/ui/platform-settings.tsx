import { Form, Link, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { caseStateLabel, type CaseState } from '~/domain/cases/case-flow'
import { countOf, formatCount, formatDate } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { SaveStatus } from '~/ui/save-status'
import { TableWrap } from '~/ui/table-wrap'

interface StatusPromise {
  status: CaseState
  workingDays: number | null
  updatedAt: string | null
  overdueNow: number | null
  dueIfEnteredToday: string | null
}
interface Holiday {
  date: string
  name: string
}
export interface PlatformSettingsView {
  statuses: StatusPromise[]
  year: number
  years: number[]
  nextYear: number
  holidays: Holiday[]
}
type Errors = Record<string, string[] | null | undefined>
export interface SettingsActionData {
  intent: string | null
  reply: { error?: Errors | null | undefined; initialValue?: unknown } | null | undefined
}


/** The change just saved, in words from the page's fresh data (the flash note is only its key). */
export function settingsSavedMessage(note: string | null, holidays: readonly Holiday[]): string | null {
  if (!note) return null
  const [key, value = ''] = note.split(':')
  switch (key) {
    case 'promises-saved':
      return value === '0' ? 'Nothing to save: the response promise is as it was.' : `Saved the response promise (${countOf(Number(value), 'status', 'statuses')} changed).`
    case 'holiday-added': {
      const holiday = holidays.find((h) => h.date === value)
      return holiday ? `Added the holiday ${holiday.name} on ${formatDate(holiday.date, 'en-US', 'long')}.` : null
    }
    case 'holiday-removed':
      return `Removed the holiday on ${formatDate(value, 'en-US', 'long')}.`
    case 'federal-added': {
      const [year, added, total] = value.split('-').map(Number)
      if (!year || added === undefined || total === undefined) return null
      return added === 0
        ? `All ${total} US federal holidays of ${year} were already listed: none added.`
        : `Added ${countOf(added, 'US federal holiday', 'US federal holidays')} of ${year}${added < total ? ` (${formatCount(total - added)} already listed)` : ''}.`
    }
    default:
      return null
  }
}

/** Errors of the form that `intent` posted (the page has four forms). */
function errorsOf(result: SettingsActionData | undefined, intent: string): Errors {
  return result?.intent === intent ? (result.reply?.error ?? {}) : {}
}

function typedValue(result: SettingsActionData | undefined, intent: string, path: string[]): string | undefined {
  if (result?.intent !== intent) return undefined
  let value: unknown = result.reply?.initialValue
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  return typeof value === 'string' ? value : undefined
}

/** The platform admin's settings for the care team (issue 22): the response promise and the holidays. */
export function PlatformSettingsPage({ settings, saved, result }: { settings: PlatformSettingsView; saved: string | null; result: SettingsActionData | undefined }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const promiseErrors = errorsOf(result, 'promises')
  const known = new Set(settings.statuses.map((s) => `promise.${s.status}`))
  const otherPromiseErrors = Object.entries(promiseErrors)
    .filter(([key]) => !known.has(key))
    .flatMap(([, messages]) => messages ?? [])
  const holidayErrors = errorsOf(result, 'add-holiday')
  const removeErrors = Object.values(errorsOf(result, 'remove-holiday')).flatMap((m) => m ?? [])
  const federalErrors = errorsOf(result, 'add-federal')
  const [federalYear, setFederalYear] = useState(typedValue(result, 'add-federal', ['year']) ?? String(settings.nextYear))
  const formErrors = result?.intent === null ? (result.reply?.error?.[''] ?? []) : []
  // A new key after each save, so the inputs show the values now stored.
  const promiseVersion = settings.statuses.map((s) => `${s.status}=${s.workingDays ?? ''}@${s.updatedAt ?? ''}`).join('|')

  return (
    <>
      <h1>Settings</h1>
      <p className="lead">The care team&apos;s response promise and the holidays it does not count. The case queue flags a case overdue with these settings.</p>
      <SaveStatus message={saved} />
      {formErrors.length > 0 ? (
        <div role="alert">
          <ErrorList errors={formErrors} />
        </div>
      ) : null}

      <section aria-labelledby="promise-heading">
        <h2 id="promise-heading">Response promise</h2>
        <p>
          A case in each status is answered within this many working days of entering it (Saturdays, Sundays and the holidays below do not count). Leave a status
          empty for no promise.
        </p>
        <Form method="post" key={promiseVersion} aria-labelledby="promise-heading">
          <input type="hidden" name="intent" value="promises" />
          {otherPromiseErrors.length > 0 ? (
            <div role="alert">
              <ErrorList errors={otherPromiseErrors} />
            </div>
          ) : null}
          <TableWrap label="Working days per status and cases overdue now">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Working days</th>
                  <th scope="col" className="num">
                    Open cases overdue now
                  </th>
                  <th scope="col">A case entering it today is due</th>
                </tr>
              </thead>
              <tbody>
                {settings.statuses.map((s) => {
                  const id = `promise-${s.status}`
                  const errors = promiseErrors[`promise.${s.status}`] ?? undefined
                  return (
                    <tr key={s.status}>
                      <th scope="row">
                        <label htmlFor={id}>{caseStateLabel(s.status)}</label>
                      </th>
                      <td>
                        <input
                          id={id}
                          name={`promise.${s.status}`}
                          inputMode="numeric"
                          size={4}
                          defaultValue={typedValue(result, 'promises', ['promise', s.status]) ?? (s.workingDays === null ? '' : String(s.workingDays))}
                          aria-invalid={errors ? true : undefined}
                          aria-describedby={errors ? `${id}-error` : undefined}
                        />
                        <ErrorList id={`${id}-error`} errors={errors} />
                      </td>
                      <td className="num">{s.overdueNow === null ? 'No promise' : formatCount(s.overdueNow)}</td>
                      <td>{s.dueIfEnteredToday === null ? '—' : formatDate(s.dueIfEnteredToday)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </TableWrap>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              Save the response promise
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="holidays-heading" id="holidays">
        <h2 id="holidays-heading">Holidays of {settings.year}</h2>
        <nav aria-label="Holidays by year" className="filters">
          {settings.years.map((year) => (
            <Link key={year} to={`/admin/settings?year=${year}#holidays`} aria-current={year === settings.year ? 'page' : undefined}>
              {year}
            </Link>
          ))}
        </nav>
        {removeErrors.length > 0 ? (
          <div role="alert">
            <ErrorList errors={removeErrors} />
          </div>
        ) : null}
        {settings.holidays.length === 0 ? (
          <p className="empty">No holidays in {settings.year}.</p>
        ) : (
          <TableWrap label={`Holidays listed for ${settings.year}`}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Name</th>
                  <th scope="col">Remove</th>
                </tr>
              </thead>
              <tbody>
                {settings.holidays.map((h) => (
                  <tr key={h.date}>
                    <td>
                      <time dateTime={h.date}>{formatDate(h.date)}</time>
                    </td>
                    <th scope="row">{h.name}</th>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove-holiday" />
                        <input type="hidden" name="date" value={h.date} />
                        <button type="submit" className="button" disabled={busy}>
                          Remove {h.name} ({formatDate(h.date)})
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}

        <div className="grid-2">
          <Form method="post" className="card stack" aria-labelledby="add-holiday-heading">
            <h3 id="add-holiday-heading">Add a holiday</h3>
            <input type="hidden" name="intent" value="add-holiday" />
            <div className="field">
              <label htmlFor="holiday-date">Date</label>
              <input
                id="holiday-date"
                name="date"
                type="date"
                defaultValue={typedValue(result, 'add-holiday', ['date'])}
                aria-invalid={holidayErrors.date ? true : undefined}
                aria-describedby={holidayErrors.date ? 'holiday-date-error' : undefined}
              />
              <ErrorList id="holiday-date-error" errors={holidayErrors.date ?? undefined} />
            </div>
            <div className="field">
              <label htmlFor="holiday-name">Name</label>
              <input
                id="holiday-name"
                name="name"
                defaultValue={typedValue(result, 'add-holiday', ['name'])}
                aria-invalid={holidayErrors.name ? true : undefined}
                aria-describedby={holidayErrors.name ? 'holiday-name-error' : undefined}
              />
              <ErrorList id="holiday-name-error" errors={holidayErrors.name ?? undefined} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                Add the holiday
              </button>
            </div>
          </Form>

          <Form method="post" className="card stack" aria-labelledby="federal-heading">
            <h3 id="federal-heading">US federal holidays</h3>
            <input type="hidden" name="intent" value="add-federal" />
            <p className="small muted">The eleven federal holidays on their observed dates. Dates already listed are skipped.</p>
            <div className="field">
              <label htmlFor="federal-year">Year</label>
              <input
                id="federal-year"
                name="year"
                inputMode="numeric"
                size={6}
                value={federalYear}
                onChange={(event) => setFederalYear(event.target.value)}
                aria-invalid={federalErrors.year ? true : undefined}
                aria-describedby={federalErrors.year ? 'federal-year-error' : undefined}
              />
              <ErrorList id="federal-year-error" errors={federalErrors.year ?? undefined} />
            </div>
            <div className="form-actions">
              <button type="submit" className="button" disabled={busy}>
                {/^\d{4}$/.test(federalYear.trim()) ? `Add the US federal holidays of ${federalYear.trim()}` : 'Add the US federal holidays of that year'}
              </button>
            </div>
          </Form>
        </div>
      </section>
    </>
  )
}
