import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { requireParam } from '~/http/params'
import { getNetworkChoices } from '~/services/program-insights.server'
import { applyProgramChange } from '~/services/program-actions.server'
import { formatDate, formatPercent } from '~/ui/format'
import { NetworkMap } from '~/ui/network-map'
import { ErrorList } from '~/ui/primitives/error-list'
import { ComparisonVerdict } from '~/ui/quality-facts'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Network · ${data?.detail.program.name ?? 'Program'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  return getNetworkChoices(scope, requireParam(params, 'programId'))
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const programId = requireParam(params, 'programId')
  const outcome = await applyProgramChange(actor, scope, programId, await request.formData())
  if (outcome.ok) return redirect(`/employer/programs/${programId}#network`)
  return data({ errors: Object.values(outcome.result.error ?? {}).flat().filter((e): e is string => typeof e === 'string') }, { status: outcome.status })
}

export default function ProgramNetworkRoute() {
  const { detail, members, rows, map } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const base = `/employer/programs/${detail.program.id}`
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link> › <Link to={base}>{detail.program.name}</Link>
      </p>
      <h1>Choose the network</h1>
      <p className="lead">
        Offers from the marketplace for the procedures of version {detail.current.version}. Distances are from the homes of your {members.toLocaleString('en-US')}{' '}
        covered members. The price you agree is the offer's price today.
      </p>
      {detail.procedures.length === 0 ? (
        <p className="empty">
          Choose the procedures first, on <Link to={`${base}#procedures`}>the program page</Link>.
        </p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="network" />
          {actionData?.errors.length ? (
            <div role="alert" className="card problems">
              <ErrorList errors={actionData.errors} />
            </div>
          ) : null}
          <NetworkMap map={map} />
          {detail.procedures.map((procedure) => {
            const offers = rows.filter((r) => r.procedureId === procedure.id).sort((a, b) => b.membersWithin100Share - a.membersWithin100Share || a.priceCents - b.priceCents)
            return (
              <section className="card" key={procedure.id} aria-labelledby={`procedure-${procedure.code}`}>
                <h2 id={`procedure-${procedure.code}`}>
                  {procedure.name} ({offers.filter((o) => o.isChosen).length} of {offers.length} chosen)
                </h2>
                {offers.length === 0 ? (
                  <p className="empty">No health system offers {procedure.name} on the marketplace yet.</p>
                ) : (
                  <div className="table-wrap">
                    <table className="table offer-pick">
                      <thead>
                        <tr>
                          <th scope="col">In network</th>
                          <th scope="col">Center</th>
                          <th scope="col" className="num">Bundled price</th>
                          <th scope="col">Quality (CMS, against the nation)</th>
                          <th scope="col" className="num">Members within 100 mi</th>
                          <th scope="col" className="num">Nearest member</th>
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
                            <td className="num">{offer.nearestMemberMiles === null ? '—' : `${Math.round(offer.nearestMemberMiles).toLocaleString('en-US')} mi`}</td>
                            <td className="small">
                              {formatDate(offer.validFrom)} to {offer.validTo ? formatDate(offer.validTo) : 'no end'}
                              {offer.isValidAtStart ? null : <div className="error-text">Not valid when the program starts</div>}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </section>
            )
          })}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Saving…' : 'Save the network'}
            </button>
            <Link to={base} className="button button--quiet">
              Cancel
            </Link>
          </div>
        </Form>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="There is no draft to choose a network for: start a new version of the program first." />
}
