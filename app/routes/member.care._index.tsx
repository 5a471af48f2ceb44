import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from '~/i18n/use-translation'
import { requirePermission } from '~/auth/guard.server'
import { consumeAttempt, tooManyRequests, waitText } from '~/auth/rate-limits.server'
import { languageOf } from '~/i18n/language.server'
import { translatedTitle } from '~/i18n/meta'
import { fixedT } from '~/i18n/translator'
import { parseFindCareQuery, RADIUS_CHOICES } from '~/forms/care-query'
import { clientIp } from '~/http/client-ip.server'
import { findCare } from '~/services/find-care.server'
import { QualitySummary, useBundleIncludes } from '~/ui/care-facts'
import { CareMap } from '~/ui/map/care-map'
import { TravelSummary } from '~/ui/member-cost'
import { OfferLabels } from '~/ui/offer-labels'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { useLocaleFormat } from '~/ui/use-locale-format'
import { useRootData } from '~/ui/use-root-data'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'search.title', { ns: 'care' }) }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const wait = await consumeAttempt('search', { account: actor.userId, ip: clientIp(request) })
  if (wait > 0) {
    const language = await languageOf(request)
    throw tooManyRequests(fixedT(language, 'care')('errors.tooManySearches', { wait: waitText(wait, language) }), wait)
  }
  const query = parseFindCareQuery(new URL(request.url).searchParams)
  return { query, found: await findCare(actor, query) }
}

const SORT_KEY = { best: 'search.sortBest', cost: 'search.sortCost', quality: 'search.sortQuality', distance: 'search.sortDistance' } as const

export default function FindCareRoute() {
  const { query, found } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const location = useLocation()
  const publicEnv = useRootData()?.publicEnv
  const [selectedId, setSelectedId] = useState<string | null>(null)
  // null: not decided yet (server render); wide screens open the map by themselves, phones on request.
  const [mapShown, setMapShown] = useState<boolean | null>(null)
  useEffect(() => {
    setMapShown((shown) => shown ?? window.matchMedia('(min-width: 1000px)').matches)
  }, [])
  const mapOpen = mapShown === true
  // "Show more" leads to the first result it adds (#result-…): without JS the browser moves there; here its link takes the focus.
  useEffect(() => {
    if (location.hash.startsWith('#result-')) document.getElementById(location.hash.slice(1))?.querySelector('a')?.focus()
  }, [location.hash, location.search])
  const { t } = useTranslation('care')
  const { t: tc } = useTranslation()
  const format = useLocaleFormat()
  const money = format.money
  const bundleIncludes = useBundleIncludes()

  if (found.status === 'not-linked') return <Notice title={t('search.title')}>{t('search.notLinked')}</Notice>
  if (found.status === 'not-covered') return <Notice title={t('search.title')}>{t('search.notCovered')}</Notice>
  if (found.status === 'no-program') return <Notice title={t('search.title')}>{t('search.noProgram')}</Notice>
  const procedureName = (p: { code: string; name: string }) => tc(`procedures.${p.code}`, { defaultValue: p.name })

  const zip = query.zip ?? found.memberZip
  const centerLink = (offerId: string) => `/member/care/${offerId}${zip !== found.memberZip ? `?zip=${zip}` : ''}`
  const select = (id: string) => {
    setSelectedId(id)
    // Beside the list (wide screens) the pressed pin's result scrolls into view; on a phone the map is above the
    // list and its popup says the same, so the page stays on the map.
    if (window.matchMedia('(min-width: 1000px)').matches) document.getElementById(`result-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
  }
  return (
    <>
      <h1>{t('search.title')}</h1>
      <p className="lead">{t('search.lead')}</p>
      {/* Keyed by the query so back/forward show the fields of the search on screen. */}
      <Form key={JSON.stringify(query)} method="get" className="card form-grid care-search" aria-label={t('search.formLabel')}>
        <div className="field">
          <label htmlFor="procedure">{t('search.procedure')}</label>
          <select id="procedure" name="procedure" defaultValue={found.procedureCode}>
            {found.procedures.map((p) => (
              <option key={p.code} value={p.code}>
                {procedureName(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="zip">{t('search.zip')}</label>
          <input
            id="zip"
            name="zip"
            inputMode="numeric"
            autoComplete="postal-code"
            defaultValue={query.zipError ? '' : zip}
            aria-invalid={query.zipError || found.status === 'unknown-zip' ? true : undefined}
            aria-describedby="zip-error"
          />
          <p id="zip-error" className="error-text">
            {query.zipError ? t('search.zipInvalid') : found.status === 'unknown-zip' ? t('search.zipUnknown', { zip: found.zip }) : ''}
          </p>
        </div>
        <div className="field">
          <label htmlFor="radius">{t('search.distance')}</label>
          <select id="radius" name="radius" defaultValue={String(query.radiusMiles)}>
            {RADIUS_CHOICES.map((miles) => (
              <option key={miles} value={miles}>
                {miles === 3000 ? t('search.anyDistance') : t('search.withinMiles', { miles })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stars">{t('search.stars')}</label>
          <select id="stars" name="stars" defaultValue={query.minStars === null ? '' : String(query.minStars)}>
            <option value="">{t('search.anyStars')}</option>
            {[3, 4, 5].map((stars) => (
              <option key={stars} value={stars}>
                {stars < 5 ? t('search.starsOrMore', { stars }) : t('search.fiveStars')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">{t('search.sort')}</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_KEY).map(([key, label]) => (
              <option key={key} value={key}>
                {t(label)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {navigation.state === 'loading' ? t('search.searching') : t('search.submit')}
          </button>
        </div>
      </Form>

      {found.status === 'no-plan' ? <p className="card problems">{t('search.noPlan')}</p> : null}
      {found.status === 'ok' ? (
        <>
          <p role="status" className="muted">
            {found.resultCount === 0
              ? t('search.noMatch', { procedure: procedureName(found.procedure) })
              : t('search.found', {
                  count: found.resultCount,
                  total: found.totalInNetwork,
                  procedure: procedureName(found.procedure),
                  sort: t(SORT_KEY[query.sort]).toLowerCase(),
                })}{' '}
            {query.sort === 'best' && found.results.length > 0 ? `${t('search.bestExplained')} ` : ''}
            {found.outsidePrice !== null && found.outsideOnPlan
              ? t(found.outsideRule.kind === 'not_covered' ? 'search.localNotCovered' : 'search.localCompare', {
                  zip,
                  price: format.moneyWhole(found.outsidePrice),
                  amount: money(found.outsideOnPlan.memberPaysCents),
                })
              : ''}
          </p>
          {/* Phones: the list first, the map when asked for (it is a large download); wide screens show both. The map needs the
              page's script: until it runs the button is disabled, so a tap then is not silently lost. */}
          <button type="button" className="button care-map-toggle" aria-expanded={mapOpen} disabled={mapShown === null} onClick={() => setMapShown(!mapOpen)}>
            {mapOpen ? t('search.hideMap') : t('search.showMap')}
          </button>
          <div className="care-layout">
            <div id="results" tabIndex={-1}>
              <ol className="result-list" aria-label={t('search.resultsLabel')}>
                {found.results.map((r) => (
                  <li
                    key={r.offerId}
                    id={`result-${r.offerId}`}
                    className={`result${selectedId === r.offerId ? ' result--selected' : ''}`}
                    onMouseEnter={() => setSelectedId(r.offerId)}
                    onFocus={() => setSelectedId(r.offerId)}
                  >
                    <article aria-labelledby={`name-${r.offerId}`}>
                      <h2 id={`name-${r.offerId}`} className="result__name">
                        <Link to={centerLink(r.offerId)}>{r.facilityName}</Link>
                      </h2>
                      <p className="muted small">
                        {t('search.milesFrom', { city: r.city, state: r.state, count: Math.round(r.distanceMiles), miles: format.count(Math.round(r.distanceMiles)), zip })}
                        <OfferLabels isDemo={r.isDemo} />
                      </p>
                      <div className="result__costs">
                        <div className="result__cost result__cost--program">
                          <span className="small">{t('search.youPayHere')}</span>
                          <strong>{money(r.cost.memberPaysCents)}</strong>
                          {found.completionIncentiveCents > 0 ? <span className="small">{t('search.cashBack', { amount: money(found.completionIncentiveCents) })}</span> : null}
                        </div>
                        <div className="result__cost">
                          <span className="small">{t('search.atLocal')}</span>
                          <strong>{found.outsideOnPlan ? money(found.outsideOnPlan.memberPaysCents) : t('search.unknown')}</strong>
                        </div>
                      </div>
                      <div className="small">
                        <strong>{t('search.travel')} </strong>
                        <TravelSummary travel={r.travel} />
                      </div>
                      <QualitySummary quality={r.quality} />
                      <p className="small muted">{t('search.includes', { items: bundleIncludes(r) })}</p>
                    </article>
                  </li>
                ))}
              </ol>
              {found.moreOnMap.length > 0 ? (
                <p>
                  <Link className="button" to={moreLink(location.search, found.moreOnMap[0]!.offerId)}>
                    {t('search.showMore', { count: found.moreOnMap.length })}
                  </Link>
                </p>
              ) : null}
              {found.nearby.length > 0 ? (
                <section aria-labelledby="nearby-heading">
                  <h2 id="nearby-heading">{t('search.nearbyTitle')}</h2>
                  <p className="muted small">{t('search.nearbyLead')}</p>
                  <ul className="result-list">
                    {found.nearby.map((f) => (
                      <li key={f.id} className="result result--outside">
                        <span className="badge">{t('search.notInProgram')}</span> <strong>{f.name}</strong>
                        <p className="muted small">
                          {t('search.nearbyFacts', { city: f.city, state: f.state, miles: format.count(Math.round(f.distanceMiles)), stars: f.starRating ? t('search.starsOf5', { stars: f.starRating }) : t('search.noStars') })}
                        </p>
                        <p className="small">{f.memberCost ? t('search.wouldPay', { amount: money(f.memberCost.memberPaysCents) }) : t('search.wouldPayUnknown')}</p>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
            <div className={`care-layout__map${mapOpen ? ' care-layout__map--open' : ''}`}>
              {mapOpen ? (
                <>
                  <a className="skip-link skip-link--inline" href="#results">
                    {t('search.skipMap')}
                  </a>
                  <CareMap
                  home={{ ...found.home, label: t('search.home', { zip }) }}
                  points={[
                    ...found.results.map((r) => ({
                      id: r.offerId, latitude: r.latitude!, longitude: r.longitude!, label: r.facilityName, kind: 'in-network' as const,
                      detail: { memberPaysCents: r.cost.memberPaysCents, starRating: r.starRating, distanceMiles: r.distanceMiles, href: centerLink(r.offerId) },
                    })),
                    ...found.moreOnMap.map((r) => ({
                      id: r.offerId, latitude: r.latitude!, longitude: r.longitude!, label: r.facilityName, kind: 'in-network' as const,
                      detail: { memberPaysCents: r.memberPaysCents, starRating: r.starRating, distanceMiles: r.distanceMiles, href: centerLink(r.offerId) },
                    })),
                    ...found.nearby.map((f) => ({
                      id: `outside-${f.id}`, latitude: f.latitude!, longitude: f.longitude!, label: t('search.pinNotInProgram', { name: f.name }), kind: 'out-of-network' as const,
                      detail: { memberPaysCents: f.memberCost?.memberPaysCents ?? null, starRating: f.starRating, distanceMiles: f.distanceMiles, href: null },
                    })),
                  ]}
                  selectedId={selectedId}
                  onSelect={select}
                  mapboxToken={publicEnv?.mapboxAccessToken ?? null}
                />
                </>
              ) : null}
            </div>
          </div>
        </>
      ) : null}
    </>
  )
}

/** The same search with every result as a card, at the first card it adds: a plain link, so it works without JS. */
function moreLink(search: string, firstAddedId: string) {
  const params = new URLSearchParams(search)
  params.set('more', '1')
  return { search: `?${params}`, hash: `#result-${firstAddedId}` }
}

function Notice({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      <p className="card">{children}</p>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
