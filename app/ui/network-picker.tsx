import { Form, Link, useNavigation } from '@remix-run/react'
import { useState } from 'react'
import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
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

const offersWord = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'offer' : 'offers'}`

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
  // The counts follow the boxes as they are ticked; the saved state comes back from the loader.
  const [chosen, setChosen] = useState(() => new Set(rows.filter((r) => r.isChosen).map((r) => r.offerId)))
  const savedCount = rows.filter((r) => r.isChosen).length
  const unsaved = rows.some((r) => r.isChosen !== chosen.has(r.offerId))
  const toggle = (offerId: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous)
      if (on) next.add(offerId)
      else next.delete(offerId)
      return next
    })
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
        // CMS's complication and readmission measures are about hip and knee replacement only.
        const hipKnee = hasHipKneeMeasures(procedure.code)
        return (
          <section className="card" key={procedure.id} aria-labelledby={`procedure-${procedure.code}`}>
            <h2 id={`procedure-${procedure.code}`}>
              {procedure.name} ({offers.filter((o) => chosen.has(o.offerId)).length} of {offers.length} chosen)
            </h2>
            {hipKnee || offers.length === 0 ? null : (
              <p className="small muted">
                CMS publishes complication and readmission rates for hip and knee replacement only; for {procedure.name} the stars are the hospital&apos;s overall
                rating.
              </p>
            )}
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
                      <th scope="col">{hipKnee ? 'Quality (CMS, against the nation)' : 'Quality (CMS)'}</th>
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
                            onChange={(event) => toggle(offer.offerId, event.currentTarget.checked)}
                            aria-label={`${offer.facilityName}, ${offer.city} ${offer.state}: ${procedure.name}`}
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
      <p role="status" className="small">
        {unsaved ? `${offersWord(chosen.size)} chosen, not saved yet (saved: ${savedCount}).` : `${offersWord(savedCount)} chosen and saved.`}
      </p>
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
