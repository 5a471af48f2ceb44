import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { requireParam } from '~/http/params'
import { getFacilityDetail } from '~/services/facility-detail.server'
import { formatDate } from '~/ui/format'
import { OfferLabels } from '~/ui/offer-labels'
import { QualityRule, QualitySummary } from '~/ui/care-facts'
import { QualityFacts } from '~/ui/quality-facts'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.facility.name ?? 'Facility'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'facility:read')
  return getFacilityDetail(requireParam(params, 'facilityId'))
}

const INCLUDED = [
  ['includesFacility', 'hospital stay'],
  ['includesSurgeon', 'surgeon'],
  ['includesAnesthesia', 'anesthesia'],
  ['includesImplant', 'implant'],
  ['includesFollowUp', 'follow-up visits'],
] as const

export default function FacilityRoute() {
  const { facility, measures, offers, marketPrices, quality, map, multiplierSource, cmsImportedAt } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>{facility.name}</h1>
      <p className="lead">
        {facility.address}, {facility.city}, {facility.state} {facility.zip}
        {facility.phone ? ` · ${facility.phone}` : ''}
      </p>
      {facility.inactiveSince ? (
        <p className="card problems" role="note">
          <OfferLabels isDemo={false} inactiveSince={facility.inactiveSince} /> CMS&apos;s latest Hospital General Information release no longer lists this
          hospital: members do not see it and new networks cannot add it; programs and cases that have it keep it.
        </p>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="about">
          <h2 id="about">About</h2>
          <dl className="facts">
            <div><dt>Type</dt><dd>{facility.facilityType}</dd></div>
            <div><dt>Ownership</dt><dd>{facility.ownership ?? 'Not stated'}</dd></div>
            <div><dt>CMS overall rating</dt><dd>{facility.starRating ? `${facility.starRating} of 5 stars` : 'Not rated by CMS'}</dd></div>
            <div><dt>Emergency services</dt><dd>{facility.hasEmergencyServices === null ? 'Not stated' : facility.hasEmergencyServices ? 'Yes' : 'No'}</dd></div>
            {facility.healthSystemName ? <div><dt>Health system</dt><dd>{facility.healthSystemName}</dd></div> : null}
            {facility.ccn ? <div><dt>CMS Certification Number</dt><dd>{facility.ccn}</dd></div> : null}
            <div>
              <dt>Location</dt>
              <dd>
                {facility.latitude !== null && facility.longitude !== null
                  ? `${facility.latitude.toFixed(4)}, ${facility.longitude.toFixed(4)} (${facility.coordinateSource === 'cms_location' ? 'CMS location' : 'ZIP code center'})`
                  : 'Unknown'}
              </dd>
            </div>
          </dl>
          <p className="muted small">
            {facility.ccn
              ? `Source: CMS Hospital General Information${cmsImportedAt ? `, as imported on ${formatDate(cmsImportedAt.slice(0, 10))}` : ''}.`
              : 'Source: entered in the portal, not a CMS-listed hospital.'}
          </p>
          {map ? (
            <svg className="state-map" viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-label={`Map of ${map.stateName} with a pin at ${facility.city}`}>
              <path d={map.statePath} className="state-map__state" />
              <circle cx={map.pin.x} cy={map.pin.y} r={6} className="state-map__pin" />
            </svg>
          ) : null}
        </section>
        <section className="card" aria-labelledby="score">
          <h2 id="score">Quality summary</h2>
          <p className="muted small">For hip and knee replacement, the operations the CMS measures below are about; the same tier members see.</p>
          <QualitySummary quality={quality} />
          <QualityRule hipKneeMeasured />
        </section>
      </div>
      <section className="card" aria-labelledby="quality">
        <h2 id="quality">Quality facts from CMS</h2>
        <QualityFacts measures={measures} />
      </section>
      {marketPrices.length > 0 ? (
        <section className="card" aria-labelledby="prices">
          <h2 id="prices">Typical price outside a COE program</h2>
          <TableWrap label="Typical prices by procedure">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col" className="num">This facility</th>
                  <th scope="col" className="num">{facility.state} median</th>
                  <th scope="col" className="num">National median</th>
                </tr>
              </thead>
              <tbody>
                {marketPrices.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      {p.name}
                      <p className="muted small">Medicare price: {p.medicareBaseSource}</p>
                    </th>
                    <td className="num">{p.facilityCents === null ? 'No cost index' : formatCents(p.facilityCents, { wholeDollars: true })}</td>
                    <td className="num">{p.stateCents === null ? '—' : formatCents(p.stateCents, { wholeDollars: true })}</td>
                    <td className="num">{p.nationalCents === null ? '—' : formatCents(p.nationalCents, { wholeDollars: true })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="muted small">
            What the procedure typically costs an employer plan here without a COE program: the Medicare episode price × this hospital&apos;s
            Medicare spending ratio (CMS MSPB-1) × the commercial multiplier {marketPrices[0]!.commercialMultiplier}
            {multiplierSource ? ` (${multiplierSource})` : ''}. The state and national figures are medians of those facility prices.
          </p>
        </section>
      ) : null}
      <section className="card" aria-labelledby="offers">
        <h2 id="offers">Bundled offers</h2>
        {offers.length === 0 ? (
          <p className="empty">This facility has no bundled offer in the marketplace.</p>
        ) : (
          <ul className="card-list">
            {offers.map((offer) => (
              <li key={offer.id}>
                <h3>
                  {offer.procedureName}: {formatCents(offer.priceCents, { wholeDollars: true })}
                </h3>
                <p>
                  Includes {INCLUDED.filter(([key]) => offer[key] === 1).map(([, label]) => label).join(', ')}
                  {offer.warrantyDays > 0 ? `; ${offer.warrantyDays}-day complication warranty` : ''}.
                  {offer.annualVolume ? ` About ${offer.annualVolume} a year.` : ''}
                  {offer.appointmentWithinDays ? ` First appointment within ${offer.appointmentWithinDays} days.` : ''}
                </p>
                <p className="muted small">
                  <OfferLabels isDemo={offer.isDemo} /> {offer.isDemo ? 'Made up by the demo seed, not a real price. ' : ''}
                  {offer.accreditation ? `${offer.accreditation}. ` : ''}Valid {formatDate(offer.validFrom)} to {formatDate(offer.validTo)}.
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This facility is not in the catalog." />
}
