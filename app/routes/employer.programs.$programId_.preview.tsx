import { parseWithZod } from '@conform-to/zod'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { parseVersionQuery, PreviewSchema } from '~/forms/program'
import { requireParam } from '~/http/params'
import { getProgramPreview } from '~/services/program-insights.server'
import { statusLabel } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { MemberCostBreakdown, TravelSummary } from '~/ui/member-cost'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview as a member · ${data?.detail.program.name ?? 'Program'} · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  const url = new URL(request.url)
  const asked = url.searchParams.has('zip')
  const submission = asked ? parseWithZod(url.searchParams, { schema: PreviewSchema }) : null
  const input = submission?.status === 'success' ? submission.value : null
  const result = await getProgramPreview(scope, requireParam(params, 'programId'), parseVersionQuery(url.searchParams), input)
  const fieldErrors = submission && submission.status !== 'success' ? (submission.error ?? {}) : result.preview && !result.preview.ok ? result.preview.fieldErrors : {}
  return { ...result, fieldErrors: fieldErrors as Record<string, string[] | null>, query: Object.fromEntries(url.searchParams) }
}

export default function ProgramPreviewRoute() {
  const { detail, plans, preview, fieldErrors, query } = useLoaderData<typeof loader>()
  const base = `/employer/programs/${detail.program.id}`
  const versionQuery = detail.isNewest ? '' : `?version=${detail.current.version}`
  const errorOf = (name: string) => fieldErrors[name] ?? undefined
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link> › <Link to={`${base}${versionQuery}`}>{detail.program.name}</Link>
      </p>
      <h1>Preview as a member</h1>
      <p className="lead">
        What a member would see and pay under version {detail.current.version} ({statusLabel(detail.current.status).toLowerCase()}), at the start of their
        plan year.
      </p>
      <Form method="get" className="card form-grid">
        {detail.isNewest ? null : <input type="hidden" name="version" value={detail.current.version} />}
        <div className="field">
          <label htmlFor="zip">Home ZIP code</label>
          <input
            id="zip"
            name="zip"
            inputMode="numeric"
            autoComplete="postal-code"
            defaultValue={query.zip ?? ''}
            aria-invalid={errorOf('zip') ? true : undefined}
            aria-describedby={errorOf('zip') ? 'zip-error' : undefined}
          />
          <ErrorList id="zip-error" errors={errorOf('zip')} />
        </div>
        <div className="field">
          <label htmlFor="planId">Health plan</label>
          <select id="planId" name="planId" defaultValue={query.planId ?? plans[0]?.id ?? ''} aria-invalid={errorOf('planId') ? true : undefined}>
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name} ({plan.planType})
              </option>
            ))}
          </select>
          <ErrorList id="planId-error" errors={errorOf('planId')} />
        </div>
        <div className="field">
          <label htmlFor="tier">Coverage</label>
          <select id="tier" name="tier" defaultValue={query.tier ?? 'individual'}>
            <option value="individual">Employee only</option>
            <option value="family">With dependents</option>
          </select>
        </div>
        <div className="form-actions span-all">
          <button type="submit" className="button button--primary">
            Show what this member sees
          </button>
        </div>
      </Form>
      {preview?.ok ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">
            A member in {preview.place.state} {query.zip} on {preview.plan.name}
          </h2>
          {preview.plan.isHsaQualified ? (
            <p className="muted">
              This is an HSA-qualified plan: by IRS rules the plan cannot pay before the member has paid the IRS minimum deductible, so a waived deductible
              starts above that amount.
            </p>
          ) : null}
          {preview.procedures.map((procedure) => (
            <section className="card" key={procedure.code} aria-labelledby={`preview-${procedure.code}`}>
              <h3 id={`preview-${procedure.code}`}>{procedure.name}</h3>
              <p>
                At a typical local facility ({procedure.outsidePrice === null ? 'price unknown' : formatCents(procedure.outsidePrice, { wholeDollars: true })}
                ), this member would pay <strong>{procedure.outside ? formatCents(procedure.outside.memberPaysCents) : 'an unknown amount'}</strong>.
              </p>
              {procedure.centers.length === 0 ? (
                <p className="empty">No center in the network for this procedure.</p>
              ) : (
                <TableWrap label={`Centers for ${procedure.name}`}>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Center</th>
                        <th scope="col" className="num">Distance</th>
                        <th scope="col">Member pays</th>
                        <th scope="col">Travel</th>
                        <th scope="col" className="num">Employer saves</th>
                      </tr>
                    </thead>
                    <tbody>
                      {procedure.centers.map((center) => (
                        <tr key={center.offerId}>
                          <th scope="row">
                            {center.facilityName}
                            <div className="small muted">
                              {center.city}, {center.state}
                              {center.starRating ? ` · ${center.starRating} of 5 stars` : ''}
                            </div>
                          </th>
                          <td className="num">{Math.round(center.miles).toLocaleString('en-US')} mi</td>
                          <td>
                            <MemberCostBreakdown cost={center.cost} incentiveCents={preview.incentiveCents} />
                          </td>
                          <td>
                            <TravelSummary travel={center.travel} />
                          </td>
                          <td className="num">{center.economics ? formatCents(center.economics.savingsCents, { wholeDollars: true }) : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
              )}
            </section>
          ))}
        </section>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This program doesn't exist or isn't part of your organization." />
}
