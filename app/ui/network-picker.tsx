import { Form, Link, useNavigation } from '@remix-run/react'
import { formatCents } from '~/domain/money'
import { formatDate, formatPercent } from './format'
import { NetworkMap, type NetworkMapData } from './network-map'
import { ErrorList } from './primitives/error-list'
import { ComparisonVerdict } from './quality-facts'
import type { NationalComparison } from '~/domain/quality'
import { OfferLabels } from './offer-labels'
import { TableWrap } from './table-wrap'

export interface NetworkChoiceRow {
  offerId: string
  procedureId: string
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
  isChosen: boolean
  isValidAtStart: boolean
  membersWithin100Share: number
  nearestMemberMiles: number | null
}

/**
 * The network picker shared by the program builder and the broker's scenarios: per procedure,
 * every candidate offer with price, CMS facts and distance from the employer's members, beside a
 * map; a plain form (works without JavaScript) posting `offerIds` with intent `network`.
 */
export function NetworkPicker({
  procedures,
  rows,
  map,
  errors,
  cancelHref,
}: {
  procedures: ReadonlyArray<{ id: string; code: string; name: string }>
  rows: readonly NetworkChoiceRow[]
  map: NetworkMapData
  errors: readonly string[] | undefined
  cancelHref: string
}) {
  const navigation = useNavigation()
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="network" />
      {errors?.length ? (
        <div role="alert" className="card problems">
          <ErrorList errors={errors} />
        </div>
      ) : null}
      <NetworkMap map={map} />
      {procedures.map((procedure) => {
        const offers = rows
          .filter((r) => r.procedureId === procedure.id)
          .sort((a, b) => b.membersWithin100Share - a.membersWithin100Share || a.priceCents - b.priceCents)
        return (
          <section className="card" key={procedure.id} aria-labelledby={`procedure-${procedure.code}`}>
            <h2 id={`procedure-${procedure.code}`}>
              {procedure.name} ({offers.filter((o) => o.isChosen).length} of {offers.length} chosen)
            </h2>
            {offers.length === 0 ? (
              <p className="empty">No health system offers {procedure.name} on the marketplace yet.</p>
            ) : (
              <TableWrap label={`Offers for ${procedure.name}`}>
                <table className="table offer-pick">
                  <thead>
                    <tr>
                      <th scope="col">In network</th>
                      <th scope="col">Center</th>
                      <th scope="col" className="num">
                        Bundled price
                      </th>
                      <th scope="col">Quality (CMS, against the nation)</th>
                      <th scope="col" className="num">
                        Members within 100 mi
                      </th>
                      <th scope="col" className="num">
                        Nearest member
                      </th>
                      <th scope="col">Offer valid</th>
                    </tr>
                  </thead>
                  <tbody>
                    {offers.map((offer) => (
                      <tr key={offer.offerId} id={`center-${offer.facilityId}`}>
                        <td>
                          <input
                            type="checkbox"
                            name="offerIds"
                            value={offer.offerId}
                            id={`offer-${offer.offerId}`}
                            defaultChecked={offer.isChosen}
                            aria-label={`${offer.facilityName}, ${offer.city} ${offer.state}: ${procedure.code}`}
                          />
                        </td>
                        <th scope="row">
                          <label htmlFor={`offer-${offer.offerId}`}>{offer.facilityName}</label>
                          <OfferLabels isDemo={offer.isDemo} />
                          <div className="small muted">
                            {offer.city}, {offer.state}
                            {offer.healthSystemName ? ` · ${offer.healthSystemName}` : ''} · <Link to={`/facilities/${offer.facilityId}`}>facts</Link>
                          </div>
                        </th>
                        <td className="num">{formatCents(offer.priceCents, { wholeDollars: true })}</td>
                        <td className="small">
                          <div>{offer.starRating ? `${offer.starRating} of 5 stars` : 'No star rating'}</div>
                          <div>
                            Complications: <ComparisonVerdict short comparison={offer.complicationComparison} />
                          </div>
                          <div>
                            Readmissions: <ComparisonVerdict short comparison={offer.readmissionComparison} />
                          </div>
                          {offer.annualVolume ? <div>{offer.annualVolume.toLocaleString('en-US')} a year</div> : null}
                        </td>
                        <td className="num">{formatPercent(offer.membersWithin100Share)}</td>
                        <td className="num">
                          {offer.nearestMemberMiles === null ? '—' : `${Math.round(offer.nearestMemberMiles).toLocaleString('en-US')} mi`}
                        </td>
                        <td className="small">
                          {formatDate(offer.validFrom)} to {offer.validTo ? formatDate(offer.validTo) : 'no end'}
                          {offer.isValidAtStart ? null : <div className="error-text">Not valid when the program starts</div>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
        )
      })}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Saving…' : 'Save the network'}
        </button>
        <Link to={cancelHref} className="button button--quiet">
          Cancel
        </Link>
      </div>
    </Form>
  )
}
