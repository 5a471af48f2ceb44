import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { NewCoalitionContractSchema } from '~/forms/contract'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { notFound } from '~/http/responses.server'
import { createCoalitionContractDraft, getCoalitionContractOptions } from '~/services/coalition-contracts.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'New contract · Contracts · Coalition · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContractParty(request, 'coalition')
  const healthSystemId = new URL(request.url).searchParams.get('healthSystemId')
  const { healthSystems } = await getCoalitionContractOptions()
  if (!healthSystemId) return { healthSystems, chosen: null }
  const chosen = healthSystems.find((system) => system.id === healthSystemId)
  if (!chosen) throw notFound('Health system')
  return { healthSystems: null, chosen }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, party } = await requireContractParty(request, 'coalition')
  const submission = parseWithZod(await readForm(request), { schema: NewCoalitionContractSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createCoalitionContractDraft(actor, party.organizationId, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash(`/coalition/contracts/${result.contractId}`, 'contract-created')
}

export default function NewCoalitionContractRoute() {
  const { healthSystems, chosen } = useLoaderData<typeof loader>()
  if (!chosen) {
    return (
      <>
        <h1>Draft a contract</h1>
        <p className="lead">Choose the health system the coalition contracts with for its member employers.</p>
        {healthSystems.length === 0 ? (
          <p className="empty">No health system has active offers yet.</p>
        ) : (
          <ul>
            {healthSystems.map((system) => (
              <li key={system.id}>
                <Link to={`/coalition/contracts/new?healthSystemId=${encodeURIComponent(system.id)}`}>{system.name}</Link> (
                {system.procedures.map((procedure) => procedure.code).join(', ')})
              </li>
            ))}
          </ul>
        )}
      </>
    )
  }
  return (
    <>
      <h1>Draft a contract with {chosen.name}</h1>
      <p className="lead">
        The draft copies the bundle rates of the system&apos;s active offers for the procedures you choose, takes the typical local prices where your member employers&apos;
        members live as benchmarks, and puts the system&apos;s facilities with those offers in the contract&apos;s network. You can change every term before sending it.
      </p>
      <NewCoalitionContractForm key={chosen.id} chosen={chosen} />
    </>
  )
}

type Chosen = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['chosen']>

function NewCoalitionContractForm({ chosen }: { chosen: Chosen }) {
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(NewCoalitionContractSchema),
    defaultValue: { healthSystemId: chosen.id, title: `${chosen.name} coalition contract` },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCoalitionContractSchema }),
    shouldValidate: 'onBlur',
  })
  return (
    <Form method="post" {...getFormProps(form)}>
      <input {...getInputProps(fields.healthSystemId, { type: 'hidden' })} />
      <fieldset className="checkbox-group">
        <legend>Procedures</legend>
        {chosen.procedures.map((procedure) => (
          <label key={procedure.code}>
            <input type="checkbox" name={fields.procedureCodes.name} value={procedure.code} defaultChecked /> {procedure.code}: {procedure.name} ({procedure.offers}{' '}
            {procedure.offers === 1 ? 'offer' : 'offers'})
          </label>
        ))}
        <ErrorList id={fields.procedureCodes.errorId} errors={fields.procedureCodes.errors} />
      </fieldset>
      <Field label="Contract name" inputProps={getInputProps(fields.title, { type: 'text' })} errors={fields.title.errors} />
      <ErrorList errors={fields.healthSystemId.errors} />
      <button type="submit" className="button">
        Create the draft
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This health system doesn't exist or has no active offers." />
}
