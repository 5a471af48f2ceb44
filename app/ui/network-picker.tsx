import { Form, Link, useLocation, useNavigation } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
import { formatCents } from '~/domain/money'
import { US_STATE_NAMES } from '~/domain/us-states'
import { NEAR_MILES, PAGE_SIZES, networkFilterQuery, type NetworkFilter } from '~/forms/program'
import { countOf, formatDate, formatPercent } from './format'
import { CareMap, type CareMapPoint } from './map/care-map'
import { ErrorList } from './primitives/error-list'
import { ComparisonVerdict } from './quality-facts'
import type { NationalComparison } from '~/domain/quality'
import { OfferLabels } from './offer-labels'
import { Pager } from './pager'
import { TableWrap } from './table-wrap'
import { useRootData } from './use-root-data'

export interface NetworkChoiceRow {
  offerId: string
  procedureId: string
  procedureCode: string
  procedureName: string
  facilityId: string
  facilityName: string
  city: string
  state: string
  healthSystemName: string | null
  priceCents: number
  starRating: number | null
  complicationComparison: NationalComparison | null
  readmissionComparison: NationalComparison | null
  annualVolume: number | null
  isDemo: boolean | number
  validFrom: string
  validTo: string | null
  latitude: number | null
  longitude: number | null
  isChosen: boolean
  isValidAtStart: boolean
  membersWithin100: number
  membersWithin100Share: number
  nearestMemberMiles: number | null
}

/** The filtered candidates' places for the map: [lat, lon, lat, lon, …] (2 decimals), the chosen ones by index, the page's facilities first. */
export interface NetworkMapPoints {
  coords: readonly number[]
  chosen: readonly number[]
  pageIds: readonly string[]
}

export interface NetworkPickerData {
  filter: NetworkFilter
  errors: readonly string[]
  total: number
  pages: number
  rows: readonly NetworkChoiceRow[]
  procedures: ReadonlyArray<{ id: string; code: string; name: string; candidates: number; chosen: number }>
  notOffered: number
  chosenCount: number
  states: readonly string[]
  map: NetworkMapPoints
}

const offersWord = (n: number) => countOf(n, 'offer')

/**
 * The network picker shared by the program builder and the broker's scenarios (issue 24): the
 * candidates nearest the employer's members first, filtered and paged in the URL, beside a
 * clustered map of the filtered candidates. Saving posts only this page's boxes (`shown`,
 * `offerIds`) and the changes made on other pages (`add`, `remove`), so offers not on the page
 * stay as they are; without JavaScript, each page is saved on its own.
 */
export function NetworkPicker({ data, actionErrors, cancelHref }: { data: NetworkPickerData; actionErrors: readonly string[] | undefined; cancelHref: string }) {
  const { filter, rows, total, pages, procedures, map } = data
  const navigation = useNavigation()
  const location = useLocation()
  const publicEnv = useRootData()?.publicEnv
  // Ticks not saved yet, by offer id (true = in the network): kept while the page and filters change.
  const [changes, setChanges] = useState<Record<string, boolean>>({})
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const onPage = new Set(rows.map((r) => r.offerId))
  const isTicked = (row: NetworkChoiceRow) => changes[row.offerId] ?? row.isChosen
  const toggle = (row: NetworkChoiceRow, on: boolean) =>
    setChanges((previous) => {
      const next = { ...previous }
      if (on === row.isChosen) delete next[row.offerId]
      else next[row.offerId] = on
      return next
    })
  const pending = Object.entries(changes)
  const elsewhere = pending.filter(([id]) => !onPage.has(id))
  const added = pending.filter(([, on]) => on).length
  const removed = pending.length - added
  const link = (change: Partial<NetworkFilter>) => `${location.pathname}${networkFilterQuery(filter, change)}`
  const points = useMemo<CareMapPoint[]>(() => {
    const named = new Map(rows.map((r) => [r.facilityId, r]))
    const chosen = new Set(map.chosen)
    const out: CareMapPoint[] = []
    for (let i = 0; i * 2 < map.coords.length; i++) {
      const id = map.pageIds[i]
      const row = id ? named.get(id) : undefined
      out.push({
        id: id ?? `candidate-${i}`,
        latitude: map.coords[i * 2]!,
        longitude: map.coords[i * 2 + 1]!,
        label: row ? `${row.facilityName}, ${row.city}, ${row.state}` : 'A candidate center on another page',
        kind: chosen.has(i) ? 'in-network' : 'out-of-network',
      })
    }
    return out
  }, [map, rows])
  const onSelect = useCallback(
    (id: string) => {
      setSelectedId(id)
      if (typeof document !== 'undefined') document.getElementById(`center-${id}`)?.scrollIntoView({ block: 'center' })
    },
    [setSelectedId],
  )
  const first = (filter.page - 1) * filter.per + 1
  return (
    <>
      <section className="card" aria-labelledby="network-summary">
        <h2 id="network-summary">Your network</h2>
        <p>
          {offersWord(data.chosenCount)} in the network
          {data.chosenCount > 0 && filter.show !== 'network' ? (
            <>
              {' '}
              · <Link to={link({ show: 'network', page: 1 })}>review them</Link>
            </>
          ) : null}
          {filter.show === 'network' ? (
            <>
              {' '}
              · <Link to={link({ show: 'all', page: 1 })}>show all candidates</Link>
            </>
          ) : null}
        </p>
        <ul className="small">
          {procedures.map((p) => (
            <li key={p.id}>
              {p.name}: {p.chosen.toLocaleString('en-US')} chosen of {offersWord(p.candidates)}
            </li>
          ))}
        </ul>
        {data.notOffered > 0 ? (
          <p className="small error-text">
            {offersWord(data.notOffered)} in the network {data.notOffered === 1 ? 'is' : 'are'} no longer on the marketplace: {data.notOffered === 1 ? 'it stays' : 'they stay'} until
            you remove {data.notOffered === 1 ? 'it' : 'them'} from the program page.
          </p>
        ) : null}
      </section>

      <Form method="get" className="card network-filters" role="search" aria-label="Filter the candidates">
        {data.errors.length ? (
          <div role="alert" className="problems">
            <ErrorList errors={data.errors} />
          </div>
        ) : null}
        <div className="network-filters__grid">
          {procedures.length > 1 ? (
            <div className="field">
              <label htmlFor="filter-procedure">Procedure</label>
              <select id="filter-procedure" name="procedure" defaultValue={filter.procedure ?? ''}>
                <option value="">All procedures</option>
                {procedures.map((p) => (
                  <option key={p.id} value={p.code}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="filter-state">State</label>
            <select id="filter-state" name="state" defaultValue={filter.state ?? ''}>
              <option value="">All states</option>
              {data.states.map((code) => (
                <option key={code} value={code}>
                  {US_STATE_NAMES[code] ?? code}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-near">Nearest member within</label>
            <select id="filter-near" name="near" defaultValue={filter.near === null ? '' : String(filter.near)}>
              <option value="">Any distance</option>
              {NEAR_MILES.map((miles) => (
                <option key={miles} value={miles}>
                  {miles} miles
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-stars">CMS stars</label>
            <select id="filter-stars" name="stars" defaultValue={filter.stars === null ? '' : String(filter.stars)}>
              <option value="">Any rating</option>
              {[5, 4, 3, 2, 1].map((stars) => (
                <option key={stars} value={stars}>
                  {stars === 5 ? '5 stars' : `${stars} stars or more`}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-max-price">Highest price ($)</label>
            <input id="filter-max-price" name="maxPrice" type="number" inputMode="numeric" min={1} max={10_000_000} step={1} defaultValue={filter.maxPriceDollars ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="filter-show">Show</label>
            <select id="filter-show" name="show" defaultValue={filter.show}>
              <option value="all">All candidates</option>
              <option value="network">Only the network</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-per">Per page</label>
            <select id="filter-per" name="per" defaultValue={String(filter.per)}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Apply the filters
          </button>
          <Link to={location.pathname} className="button button--quiet">
            Clear the filters
          </Link>
        </div>
      </Form>

      <CareMap
        home={null}
        points={points}
        selectedId={selectedId}
        onSelect={onSelect}
        mapboxToken={publicEnv?.mapboxAccessToken ?? null}
        className="network-picker__map"
        fitIds={map.pageIds}
      />
      <p className="small muted">
        The map shows the {total.toLocaleString('en-US')} {total === 1 ? 'candidate' : 'candidates'} of these filters, grouped where they are close, framed on this page&apos;s centers; blue
        pins are in the network. The list below is the same, nearest to your members first.
      </p>

      <Form method="post">
        <input type="hidden" name="intent" value="network" />
        <input type="hidden" name="mode" value="changes" />
        <input type="hidden" name="shown" value={rows.map((r) => r.offerId).join(',')} />
        <input type="hidden" name="add" value={elsewhere.filter(([, on]) => on).map(([id]) => id).join(',')} />
        <input type="hidden" name="remove" value={elsewhere.filter(([, on]) => !on).map(([id]) => id).join(',')} />
        {actionErrors?.length ? (
          <div role="alert" className="card problems">
            <ErrorList errors={actionErrors} />
          </div>
        ) : null}
        <section className="card" aria-labelledby="network-candidates">
          <h2 id="network-candidates">
            {filter.show === 'network' ? 'Offers in the network' : 'Candidates'}:{' '}
            {total === 0 ? 'none' : `${first.toLocaleString('en-US')}–${Math.min(total, first + filter.per - 1).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`}
          </h2>
          {rows.length === 0 ? (
            <p className="empty">No offer matches these filters.</p>
          ) : (
            <TableWrap label="Candidate offers">
              <table className="table offer-pick">
                <thead>
                  <tr>
                    <th scope="col">In network</th>
                    <th scope="col">Center</th>
                    <th scope="col" className="num">
                      Bundled price
                    </th>
                    <th scope="col">Quality (CMS)</th>
                    <th scope="col" className="num">
                      Your members within 100 mi
                    </th>
                    <th scope="col" className="num">
                      Nearest member
                    </th>
                    <th scope="col">Offer valid</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((offer) => {
                    const hipKnee = hasHipKneeMeasures(offer.procedureCode)
                    return (
                      <tr key={offer.offerId} id={`center-${offer.facilityId}`} className={selectedId === offer.facilityId ? 'is-selected' : undefined}>
                        <td>
                          <input
                            type="checkbox"
                            name="offerIds"
                            value={offer.offerId}
                            id={`offer-${offer.offerId}`}
                            checked={isTicked(offer)}
                            onChange={(event) => toggle(offer, event.currentTarget.checked)}
                            aria-label={`${offer.facilityName}, ${offer.city} ${offer.state}: ${offer.procedureName}`}
                          />
                        </td>
                        <th scope="row">
                          <label htmlFor={`offer-${offer.offerId}`}>{offer.facilityName}</label>
                          <OfferLabels isDemo={offer.isDemo} />
                          <div className="small muted">
                            {offer.procedureName} · {offer.city}, {offer.state}
                            {offer.healthSystemName ? ` · ${offer.healthSystemName}` : ''} · <Link to={`/facilities/${offer.facilityId}`}>facts</Link>
                          </div>
                        </th>
                        <td className="num">{formatCents(offer.priceCents, { wholeDollars: true })}</td>
                        <td className="small">
                          <div>{offer.starRating ? `${offer.starRating} of 5 stars` : 'No star rating'}</div>
                          {hipKnee ? (
                            <>
                              <div>
                                Complications: <ComparisonVerdict short comparison={offer.complicationComparison} />
                              </div>
                              <div>
                                Readmissions: <ComparisonVerdict short comparison={offer.readmissionComparison} />
                              </div>
                            </>
                          ) : null}
                          {offer.annualVolume ? <div>{offer.annualVolume.toLocaleString('en-US')} a year</div> : null}
                        </td>
                        <td className="num">
                          {formatPercent(offer.membersWithin100Share)} <span className="small muted">of your members ({offer.membersWithin100.toLocaleString('en-US')})</span>
                        </td>
                        <td className="num">{offer.nearestMemberMiles === null ? '—' : `${Math.round(offer.nearestMemberMiles).toLocaleString('en-US')} mi`}</td>
                        <td className="small">
                          {formatDate(offer.validFrom)} to {offer.validTo ? formatDate(offer.validTo) : 'no end'}
                          {offer.isValidAtStart ? null : <div className="error-text">Not valid when the program starts</div>}
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p className="small">
            Page {filter.page.toLocaleString('en-US')} of {pages.toLocaleString('en-US')}
          </p>
          <Pager
            label="Pages of candidates"
            previous={filter.page > 1 ? link({ page: filter.page - 1 }) : null}
            next={filter.page < pages ? link({ page: filter.page + 1 }) : null}
          />
        </section>
        <p role="status" className="small">
          {pending.length === 0
            ? `${offersWord(data.chosenCount)} in the network, saved.`
            : `Not saved yet: ${added.toLocaleString('en-US')} to add, ${removed.toLocaleString('en-US')} to remove${elsewhere.length > 0 ? ` (${elsewhere.length.toLocaleString('en-US')} on other pages or filters)` : ''}.`}
        </p>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Saving…' : 'Save the network'}
          </button>
          {pending.length > 0 ? (
            <button type="button" className="button button--quiet" onClick={() => setChanges({})}>
              Undo the changes
            </button>
          ) : null}
          <Link to={cancelHref} className="button button--quiet">
            Cancel
          </Link>
        </div>
      </Form>
    </>
  )
}
