import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { readFlash } from '~/http/flash.server'
import { formatCents } from '~/domain/money'
import { getHealthSystemFacilities } from '~/services/center-offers.server'
import { countOf, formatDate } from '~/ui/format'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { SaveStatus } from '~/ui/save-status'
import { TableWrap } from '~/ui/table-wrap'
import { OfferLabels } from '~/ui/offer-labels'

export const meta: MetaFunction = () => [{ title: 'Facilities & offers · Health system · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'offer:write')
  const page = await getHealthSystemFacilities(actor)
  const { note, headers } = await readFlash(request)
  return data({ ...page, saved: savedOfferMessage(note, page.facilities) }, { headers })
}

/** The save just made, in words, from the list as it now stands (issue 20). */
function savedOfferMessage(note: string | null, facilities: Awaited<ReturnType<typeof getHealthSystemFacilities>>['facilities']): string | null {
  const match = note === null ? null : /^offer-(saved|added):(.+)$/.exec(note)
  if (!match) return null
  for (const facility of facilities) {
    const offer = facility.offers.find((o) => o.id === match[2])
    if (!offer) continue
    const valid = `valid ${formatDate(offer.validFrom)}${offer.validTo ? ` to ${formatDate(offer.validTo)}` : ' with no end date'}`
    const verb = match[1] === 'added' ? 'Published' : 'Saved'
    return `${verb}: ${offer.procedureName} at ${facility.name}, ${formatCents(offer.priceCents, { wholeDollars: true })}, ${valid}, ${offer.status === 'active' ? 'active' : 'withdrawn'}.`
  }
  return null
}

export default function CenterHomeRoute() {
  const { healthSystemName, facilities, demand, saved } = useLoaderData<typeof loader>()
  const offerCount = facilities.reduce((sum, f) => sum + f.offers.length, 0)
  return (
    <>
      <div className="page-head">
        <h1>{healthSystemName}</h1>
        <Link className="button button--primary" to="/center/offers/new">
          New offer
        </Link>
      </div>
      <p className="lead">
        {countOf(facilities.length, 'facility', 'facilities')} · {countOf(offerCount, 'bundled offer')} published to employers
      </p>
      <SaveStatus message={saved} />
      <section className="card" aria-labelledby="demand-heading">
        <h2 id="demand-heading">Demand in the last 90 days</h2>
        {demand.length === 0 ? (
          <p className="empty">No member has searched for your procedures or requested care at your facilities yet.</p>
        ) : (
          <TableWrap label="Searches and care requests by procedure">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col" className="num">Member searches</th>
                  <th scope="col" className="num">Care requests at your facilities</th>
                </tr>
              </thead>
              <tbody>
                {demand.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.name}</th>
                    <td className="num">{row.searches}</td>
                    <td className="num">{row.requests}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      {facilities.map((facility) => (
        <section key={facility.id} className="card" aria-labelledby={`f-${facility.id}`}>
          <h2 id={`f-${facility.id}`}>
            <Link to={`/facilities/${facility.id}`}>{facility.name}</Link>
          </h2>
          <p className="muted">
            {facility.city}, {facility.state} · CMS overall rating: {facility.starRating ? `${facility.starRating} of 5 stars` : 'not rated'}
            <OfferLabels isDemo={false} inactiveSince={facility.inactiveSince} />
          </p>
          {facility.offers.length === 0 ? (
            <p className="empty">No offers yet.</p>
          ) : (
            <TableWrap label={`Offers at ${facility.name}`}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Procedure</th>
                    <th scope="col" className="num">Bundled price</th>
                    <th scope="col" className="num">Warranty</th>
                    <th scope="col">Valid</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {facility.offers.map((offer) => (
                    <tr key={offer.id}>
                      <th scope="row">
                        <Link to={`/center/offers/${offer.id}`}>{offer.procedureName}</Link>
                        <OfferLabels isDemo={offer.isDemo} />
                      </th>
                      <td className="num">{formatCents(offer.priceCents, { wholeDollars: true })}</td>
                      <td className="num">{offer.warrantyDays > 0 ? `${offer.warrantyDays} days` : "None"}</td>
                      <td>
                        {formatDate(offer.validFrom)} to {formatDate(offer.validTo)}
                      </td>
                      <td>{offer.status === 'active' ? 'Active' : 'Withdrawn'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
