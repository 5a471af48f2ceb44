import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { requirePermission } from '~/auth/guard.server'
import { translatedTitle } from '~/i18n/meta'
import { getMemberHome } from '~/services/member-home.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TermsExplained } from '~/ui/terms-explained'
import { useLocaleFormat } from '~/ui/use-locale-format'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'home.title', { ns: 'care' }) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  return getMemberHome(actor)
}

export default function MemberHomeRoute() {
  const { member, isCovered, programs, employerName } = useLoaderData<typeof loader>()
  const { t } = useTranslation('care')
  const { t: tc } = useTranslation()
  const format = useLocaleFormat()
  const procedureName = (p: { code: string; name: string }) => tc(`procedures.${p.code}`, { defaultValue: p.name })
  return (
    <>
      <h1>{member ? t('home.hello', { name: member.firstName }) : t('home.title')}</h1>
      <section className="card" aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">{t('home.coverage')}</h2>
        {member ? (
          <dl className="facts">
            <div>
              <dt>{t('home.employer')}</dt>
              <dd>{employerName}</dd>
            </div>
            <div>
              <dt>{t('home.plan')}</dt>
              <dd>{member.planName ?? t('home.planMissing')}</dd>
            </div>
            <div>
              <dt>{t('home.whoIsCovered')}</dt>
              <dd>{tc(`tiers.${member.coverageTier}`, { defaultValue: member.coverageTier })}</dd>
            </div>
            <div>
              <dt>{t('home.status')}</dt>
              <dd>
                {t(isCovered ? 'home.activeSince' : 'home.inactiveSince', { date: format.date(member.coverageStart) })}
                {member.coverageEnd ? t('home.ends', { date: format.date(member.coverageEnd) }) : ''}
              </dd>
            </div>
            <div>
              <dt>{t('home.homeZip')}</dt>
              <dd>{member.zip}</dd>
            </div>
          </dl>
        ) : (
          <p>{t('home.notLinked')}</p>
        )}
      </section>
      <section aria-labelledby="programs-heading">
        <h2 id="programs-heading">{t('home.programs')}</h2>
        {programs.length === 0 ? (
          <p className="empty">{t('home.noProgram')}</p>
        ) : (
          programs.map((program) => (
            <article className="card" key={`${program.name}-${program.version}`}>
              <h3>{program.name}</h3>
              <p>
                <Link to="/member/care" className="button button--primary">
                  {t('home.findCenter')}
                </Link>
              </p>
              <p>{t('home.intro')}</p>
              <ul className="checklist">
                <li>
                  {program.deductibleWaived && program.coinsuranceWaived && program.copayCents === 0
                    ? t('home.costsNothing')
                    : t('home.costsShare', { copay: format.money(program.copayCents) })}
                </li>
                {program.travelMinDistanceMiles !== null ? (
                  <li>{t(program.companionCovered ? 'home.travelCompanion' : 'home.travel', { miles: program.travelMinDistanceMiles })}</li>
                ) : null}
                {program.completionIncentiveCents > 0 ? <li>{t('home.incentive', { amount: format.moneyWhole(program.completionIncentiveCents) })}</li> : null}
              </ul>
              <p>
                {t('home.covered', { procedures: program.procedures.map(procedureName).join(', ') })} ·{' '}
                {t('home.network', { count: program.centerCount, date: format.date(program.effectiveFrom) })}
              </p>
              <TermsExplained terms={['centerOfExcellence', 'deductible', 'coinsurance', 'copay', 'incentive']} />
            </article>
          ))
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
