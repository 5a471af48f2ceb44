import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { requirePermission } from '~/auth/guard.server'
import { translatedTitle } from '~/i18n/meta'
import { listMyCases } from '~/services/cases.server'
import { myUnreadByCase } from '~/services/case-messages.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { useLocaleFormat } from '~/ui/use-locale-format'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'list.title', { ns: 'cases' }) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const cases = await listMyCases(actor)
  return { cases, unread: await myUnreadByCase(actor, cases.map((c) => c.id)) }
}

export default function MyCasesRoute() {
  const { cases, unread } = useLoaderData<typeof loader>()
  const { t } = useTranslation('cases')
  const { t: tc } = useTranslation()
  const format = useLocaleFormat()
  return (
    <>
      <h1>{t('list.heading')}</h1>
      <p className="lead">{t('list.lead')}</p>
      {cases.length === 0 ? (
        <p className="empty">
          <Trans t={t} i18nKey="list.empty" components={{ search: <Link to="/member/care" /> }} />
        </p>
      ) : (
        <ul className="card-list">
          {cases.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/member/cases/${c.id}`}>
                  {t('list.item', { procedure: tc(`procedures.${c.procedureCode}`, { defaultValue: c.procedureName }), facility: c.facilityName })}
                </Link>
              </h2>
              <p>
                <span className={`badge badge--${c.status}`}>{t(`states.${c.status}.label`)}</span> · {t('list.requested', { date: format.date(c.requestedAt) })}
                {unread[c.id] ? <> · <strong className="badge">{t('list.unread', { count: unread[c.id] })}</strong></> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
