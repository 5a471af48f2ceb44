import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { PlanSponsorEinSchema } from '~/forms/transparency'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { readForm } from '~/http/form-body.server'
import { getTransparencyStatus, savePlanSponsorEin } from '~/services/transparency.server'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Transparency in Coverage · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'plan:write')
  const [status, flash] = await Promise.all([getTransparencyStatus(scope), readFlash(request)])
  return data({ ...status, isEinSaved: flash.note === 'saved:ein' }, { headers: flash.headers })
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'plan:write')
  const submission = parseWithZod(await readForm(request), { schema: PlanSponsorEinSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await savePlanSponsorEin(actor, scope, submission.value.ein)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash('/employer/transparency', 'saved:ein')
}

export default function TransparencyRoute() {
  const status = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'plan-sponsor-ein',
    lastResult,
    defaultValue: { ein: status.employer.ein ?? '' },
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSponsorEinSchema }),
  })
  const isReady = !status.missingEin && status.missingCount === 0
  return (
    <>
      <h1>Transparency in Coverage file</h1>
      <p className="lead">
        A self-funded plan publishes the rates it negotiated. This file lists the bundled rates of your published programs' networks, in the CMS
        in-network rates format (price-transparency-guide version 1.0.0), with each center named by its NPI and TIN.
      </p>
      <section className="card" aria-labelledby="ein-heading">
        <h2 id="ein-heading">Plan sponsor</h2>
        {status.isEinSaved ? (
          <p role="status" className="notice">
            Saved: the plan sponsor EIN is {status.employer.ein}.
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <Field
            label="Plan sponsor EIN"
            help="Your organization's 9-digit TIN, like 12-3456789: the file's plan identifier"
            inputProps={{ ...getInputProps(fields.ein, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
            errors={fields.ein.errors}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Save EIN
            </button>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">In-network rates file</h2>
        {isReady ? (
          <p>
            <a className="button button--primary" href="/employer/transparency/in-network-rates.json" download>
              Download the in-network rates file (JSON)
            </a>
          </p>
        ) : (
          <div role="status">
            <p>The file cannot be published yet:</p>
            <ul>
              {status.missingEin ? <li>Enter the plan sponsor's EIN above.</li> : null}
              {status.missingCount > 0 ? (
                <li>
                  {status.missingCount} network offer{status.missingCount === 1 ? '' : 's'} without TIN or NPI: the health system enters them on its offers.
                </li>
              ) : null}
            </ul>
            {status.missing.length > 0 ? (
              <ul aria-label="Offers without TIN or NPI">
                {status.missing.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : null}
            {status.missingCount > status.missing.length ? <p>And {status.missingCount - status.missing.length} more (the command line lists them all).</p> : null}
          </div>
        )}
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
