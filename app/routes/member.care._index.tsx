import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { requirePermission } from '~/auth/guard.server'
import { consumeAttempt, tooManyRequests, waitText } from '~/auth/rate-limits.server'
import { formatCents } from '~/domain/money'
import { parseFindCareQuery, RADIUS_CHOICES } from '~/forms/care'
import { clientIp } from '~/http/client-ip.server'
import { findCare } from '~/services/find-care.server'
import { bundleIncludes, QualitySummary } from '~/ui/care-facts'
import { CareMap } from '~/ui/map/care-map'
import { TravelSummary } from '~/ui/member-cost'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { useRootData } from '~/ui/use-root-data'

export const meta: MetaFunction = () => [{ title: 'Find care · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const wait = await consumeAttempt('search', { account: actor.userId, ip: clientIp(request) })
  if (wait > 0) throw tooManyRequests(`You have searched many times in a short while. Wait ${waitText(wait)} and search again.`, wait)
  const query = parseFindCareQuery(new URL(request.url).searchParams)
  return { query, found: await findCare(actor, query) }
}

const SORT_LABEL = { cost: 'What you pay', quality: 'Quality', distance: 'Distance' } as const
const money = (cents: number) => formatCents(cents, { wholeDollars: cents % 100 === 0 })

export default function FindCareRoute() {
  const { query, found } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  const publicEnv = useRootData()?.publicEnv
  const [selectedId, setSelectedId] = useState<string | null>(null)

  if (found.status === 'not-linked') return <Notice title="Find care">Your account is not linked to your employer's eligibility list yet.</Notice>
  if (found.status === 'not-covered') return <Notice title="Find care">Your coverage is not active today, so the program's centers are not available to you.</Notice>
  if (found.status === 'no-program') return <Notice title="Find care">Your employer has no center-of-excellence program in force today.</Notice>

  const zip = query.zip ?? found.member.zip
  const centerLink = (offerId: string) => `/member/care/${offerId}${zip !== found.member.zip ? `?zip=${zip}` : ''}`
  const select = (id: string) => {
    setSelectedId(id)
    document.getElementById(`result-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'nearest' })
  }
  return (
    <>
      <h1>Find care</h1>
      <p className="lead">Covered centers for your operation, what you would pay at each, and how each does on quality.</p>
      {/* Keyed by the query so back/forward show the fields of the search on screen. */}
      <Form key={JSON.stringify(query)} method="get" className="card form-grid care-search" aria-label="Search">
        <div className="field">
          <label htmlFor="procedure">Operation</label>
          <select id="procedure" name="procedure" defaultValue={found.procedureCode}>
            {found.procedures.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="zip">Home ZIP code</label>
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
            {query.zipError ?? (found.status === 'unknown-zip' ? `We don't know the ZIP code ${found.zip}: check it and try again` : '')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="radius">Distance from home</label>
          <select id="radius" name="radius" defaultValue={String(query.radiusMiles)}>
            {RADIUS_CHOICES.map((miles) => (
              <option key={miles} value={miles}>
                {miles === 3000 ? 'Any distance' : `Within ${miles} miles`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stars">CMS star rating</label>
          <select id="stars" name="stars" defaultValue={query.minStars === null ? '' : String(query.minStars)}>
            <option value="">Any rating</option>
            {[3, 4, 5].map((stars) => (
              <option key={stars} value={stars}>
                {stars} stars{stars < 5 ? ' or more' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="sort">Sort by</label>
          <select id="sort" name="sort" defaultValue={query.sort}>
            {Object.entries(SORT_LABEL).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {navigation.state === 'loading' ? 'Searching…' : 'Search'}
          </button>
        </div>
      </Form>

      {found.status === 'no-plan' ? <p className="card problems">Your health plan is not on file, so we cannot work out your cost. Contact your HR team.</p> : null}
      {found.status === 'ok' ? (
        <>
          <p role="status" className="muted">
            {found.results.length === 0
              ? `No covered center for ${found.procedure.name} matches: try a larger distance or any star rating.`
              : `${found.results.length} of ${found.totalInNetwork} covered ${found.totalInNetwork === 1 ? 'center' : 'centers'} for ${found.procedure.name}, sorted by ${SORT_LABEL[query.sort].toLowerCase()}.`}{' '}
            {found.outsidePrice !== null && found.outsideOnPlan
              ? `At a typical hospital near ${zip} (about ${formatCents(found.outsidePrice, { wholeDollars: true })}), you would pay ${money(found.outsideOnPlan.memberPaysCents)}${found.outsideRule.kind === 'not_covered' ? ': your plan does not cover it outside the program' : ''}.`
              : ''}
          </p>
          <div className="care-layout">
            <div>
              <ol className="result-list" aria-label="Covered centers">
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
                        {r.city}, {r.state} · {Math.round(r.distanceMiles).toLocaleString('en-US')} miles from {zip}
                      </p>
                      <div className="result__costs">
                        <div className="result__cost result__cost--program">
                          <span className="small">You pay here</span>
                          <strong>{money(r.cost.memberPaysCents)}</strong>
                          {found.completionIncentiveCents > 0 ? <span className="small">and get {money(found.completionIncentiveCents)} back after</span> : null}
                        </div>
                        <div className="result__cost">
                          <span className="small">At a typical local hospital</span>
                          <strong>{found.outsideOnPlan ? money(found.outsideOnPlan.memberPaysCents) : 'Unknown'}</strong>
                        </div>
                      </div>
                      <div className="small">
                        <strong>Travel: </strong>
                        <TravelSummary travel={r.travel} />
                      </div>
                      <QualitySummary starRating={r.starRating} measures={r.measures} annualVolume={r.annualVolume} />
                      <p className="small muted">Includes: {bundleIncludes(r)}</p>
                    </article>
                  </li>
                ))}
              </ol>
              {found.nearby.length > 0 ? (
                <section aria-labelledby="nearby-heading">
                  <h2 id="nearby-heading">Hospitals near you outside the program</h2>
                  <p className="muted small">For comparison only: these are not centers of excellence in your program, and you would pay under your plan's normal terms.</p>
                  <ul className="result-list">
                    {found.nearby.map((f) => (
                      <li key={f.id} className="result result--outside">
                        <span className="badge">Not in your program</span> <strong>{f.name}</strong>
                        <p className="muted small">
                          {f.city}, {f.state} · {Math.round(f.distanceMiles)} miles · {f.starRating ? `${f.starRating} of 5 stars` : 'No star rating'}
                        </p>
                        <p className="small">You would pay about {f.memberCost ? money(f.memberCost.memberPaysCents) : 'an unknown amount'}.</p>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
            </div>
            <div className="care-layout__map">
              <CareMap
                home={{ ...found.home, label: `Home (${zip})` }}
                points={[
                  ...found.results.map((r) => ({ id: r.offerId, latitude: r.latitude!, longitude: r.longitude!, label: r.facilityName, kind: 'in-network' as const })),
                  ...found.nearby.map((f) => ({ id: `outside-${f.id}`, latitude: f.latitude!, longitude: f.longitude!, label: `${f.name} (not in your program)`, kind: 'out-of-network' as const })),
                ]}
                selectedId={selectedId}
                onSelect={select}
                mapboxToken={publicEnv?.mapboxAccessToken ?? null}
              />
            </div>
          </div>
        </>
      ) : null}
    </>
  )
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
