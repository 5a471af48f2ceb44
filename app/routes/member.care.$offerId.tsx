import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { formatCents } from '~/domain/money'
import { CareRequestSchema } from '~/forms/care'
import { requireParam } from '~/http/params'
import { notFound } from '~/http/responses.server'
import { requestCare } from '~/services/cases.server'
import { getCareOption } from '~/services/find-care.server'
import { bundleIncludes } from '~/ui/care-facts'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { QualityFacts } from '~/ui/quality-facts'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.result.facilityName ?? 'Center'} · Find care · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const option = await getCareOption(actor, requireParam(params, 'offerId'), new URL(request.url).searchParams.get('zip'))
  if (!option) throw notFound('Center')
  return option
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const submission = parseWithZod(await request.formData(), { schema: CareRequestSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await requestCare(actor, requireParam(params, 'offerId'), submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formErrors }), { status: 422 })
  return redirect(`/member/cases/${result.caseId}${result.isNew ? '?requested=1' : '?existing=1'}`)
}

const money = (cents: number) => formatCents(cents)

export default function CareOptionRoute() {
  const option = useLoaderData<typeof loader>()
  const { result, rules, procedure } = option
  const { cost, travel } = result
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'care-request',
    lastResult,
    constraint: getZodConstraint(CareRequestSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { contactPreference: 'email' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CareRequestSchema }),
  })
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/member/care?procedure=${procedure.code}${option.isHomeZip ? '' : `&zip=${option.zip}`}`}>Find care</Link>
      </p>
      <h1>{result.facilityName}</h1>
      <p className="lead">
        {procedure.name} · {result.address}, {result.city}, {result.state} {result.zip} · {Math.round(result.distanceMiles).toLocaleString('en-US')} miles from{' '}
        {option.zip}
      </p>
      <div className="grid-2">
        <section className="card" aria-labelledby="cost-heading">
          <h2 id="cost-heading">What you pay: {money(cost.memberPaysCents)}</h2>
          <dl className="facts">
            {cost.hsaMinimumCents > 0 ? (
              <div>
                <dt>IRS minimum deductible</dt>
                <dd>{money(cost.hsaMinimumCents)}: your plan is HSA-qualified, so by IRS rules it cannot pay before you have paid this much this year</dd>
              </div>
            ) : null}
            <div>
              <dt>Deductible</dt>
              <dd>{rules.deductibleWaived ? 'Waived by the program' : money(cost.deductibleCents)}</dd>
            </div>
            <div>
              <dt>Coinsurance</dt>
              <dd>{rules.coinsuranceWaived ? 'Waived by the program' : money(cost.coinsuranceCents)}</dd>
            </div>
            <div>
              <dt>Copay</dt>
              <dd>{money(cost.copayCents)}</dd>
            </div>
            <div>
              <dt>Out-of-pocket maximum</dt>
              <dd>{cost.isCapped ? `Reached: you pay ${money(cost.memberPaysCents)} instead of ${money(cost.uncappedCents)}` : 'Not reached'}</dd>
            </div>
            {option.completionIncentiveCents > 0 ? (
              <div>
                <dt>Completion incentive</dt>
                <dd>You receive {money(option.completionIncentiveCents)} after the procedure</dd>
              </div>
            ) : null}
            <div>
              <dt>At a typical local hospital</dt>
              <dd>
                {option.outsideOnPlan && option.outsidePrice !== null
                  ? `You would pay ${money(option.outsideOnPlan.memberPaysCents)} of about ${formatCents(option.outsidePrice, { wholeDollars: true })}`
                  : 'Unknown'}
              </dd>
            </div>
          </dl>
          <p className="small muted">Bundled price paid by your employer: {formatCents(result.bundlePriceCents, { wholeDollars: true })}. It includes: {bundleIncludes(result)}.</p>
        </section>
        <section className="card" aria-labelledby="travel-heading">
          <h2 id="travel-heading">Travel: {travel.isCovered ? `${money(travel.totalCents)} covered` : 'not covered'}</h2>
          {travel.isCovered ? (
            <dl className="facts">
              <div>
                <dt>{travel.mode === 'fly' ? 'Flights' : 'Driving'}</dt>
                <dd>
                  {travel.mode === 'fly'
                    ? `${money(rules.airfareAllowanceCents)} × ${travel.persons} ${travel.persons === 1 ? 'person' : 'people'} = ${money(travel.transportCents)}`
                    : `${Math.round(2 * result.distanceMiles)} miles round trip × ${money(rules.mileageRateCents)} = ${money(travel.transportCents)}`}
                </dd>
              </div>
              <div>
                <dt>Lodging</dt>
                <dd>
                  {travel.nights} {travel.nights === 1 ? 'night' : 'nights'} × {money(rules.lodgingNightlyCapCents)} = {money(travel.lodgingCents)}
                </dd>
              </div>
              <div>
                <dt>Meals</dt>
                <dd>
                  {money(rules.mealsPerDiemCents)} × {travel.nights + 1} days × {travel.persons} = {money(travel.mealsCents)}
                </dd>
              </div>
              <div>
                <dt>Cap per case</dt>
                <dd>{travel.isCapped ? `Reached: ${money(travel.uncappedCents)} is paid up to ${money(rules.travelCapCents)}` : `${money(rules.travelCapCents)} (not reached)`}</dd>
              </div>
              <div>
                <dt>Companion</dt>
                <dd>{rules.companionCovered ? 'Covered: one person may travel with you' : 'Not covered by your program'}</dd>
              </div>
            </dl>
          ) : (
            <p>
              You live within {travel.minDistanceMiles} miles of this center, so your program does not pay for travel here. Centers farther away include travel.
            </p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="quality-heading">
        <h2 id="quality-heading">Quality facts (CMS)</h2>
        <p>{result.starRating ? `${result.starRating} of 5 stars overall.` : 'CMS gives this hospital no overall star rating.'}</p>
        <QualityFacts measures={result.measures} />
      </section>
      <section className="card" aria-labelledby="request-heading">
        <h2 id="request-heading">Request care here</h2>
        <p>Your care team calls or writes within two working days to confirm your eligibility and plan the dates with you.</p>
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <div id={form.errorId} role="alert" className="span-all">
            <ErrorList errors={form.errors} />
          </div>
          <Field label="Earliest date that suits you (optional)" inputProps={getInputProps(fields.preferredStart, { type: 'date' })} errors={fields.preferredStart.errors} />
          <Field label="Latest date that suits you (optional)" inputProps={getInputProps(fields.preferredEnd, { type: 'date' })} errors={fields.preferredEnd.errors} />
          <div className="field field--checkbox span-all">
            <input {...getInputProps(fields.hasCompanion, { type: 'checkbox' })} />
            <label htmlFor={fields.hasCompanion.id}>Someone will come with me{rules.companionCovered ? ' (their travel is covered)' : ' (their travel is not covered)'}</label>
          </div>
          <div className="field">
            <label htmlFor={fields.contactPreference.id}>How should we contact you?</label>
            <select {...getSelectProps(fields.contactPreference)}>
              <option value="email">E-mail</option>
              <option value="phone">Phone call</option>
              <option value="text">Text message</option>
            </select>
            <ErrorList id={`${fields.contactPreference.id}-error`} errors={fields.contactPreference.errors} />
          </div>
          <div className="field span-all">
            <label htmlFor={fields.memberNote.id}>Anything we should know? (optional)</label>
            <textarea {...getTextareaProps(fields.memberNote)} rows={3} />
            <ErrorList id={`${fields.memberNote.id}-error`} errors={fields.memberNote.errors} />
          </div>
          <div className="form-actions span-all">
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? 'Sending…' : 'Request care'}
            </button>
          </div>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This center is not in your program." />
}
