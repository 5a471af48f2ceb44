import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireContractParty } from '~/auth/guard.server'
import { NewContractSchema } from '~/forms/contract'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { createContractDraft, getNewContractOptions, listContractablePrograms } from '~/services/contracts.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'New contract · Contracts · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { party } = await requireContractParty(request, 'purchaser')
  const programId = new URL(request.url).searchParams.get('programId')
  const scope = { employerId: party.organizationId }
  if (!programId) return { programs: await listContractablePrograms(scope), options: null }
  return { programs: null, options: await getNewContractOptions(scope, programId) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, party } = await requireContractParty(request, 'purchaser')
  const submission = parseWithZod(await readForm(request), { schema: NewContractSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createContractDraft(actor, { employerId: party.organizationId }, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash(`/employer/contracts/${result.contractId}`, 'contract-created')
}

export default function NewContractRoute() {
  const { programs, options } = useLoaderData<typeof loader>()
  if (!options) {
    return (
      <>
        <h1>Draft a contract</h1>
        <p className="lead">Choose the program whose network the contract starts from.</p>
        {programs.length === 0 ? (
          <p className="empty">
            No program yet. <Link to="/employer/programs/new">Create a program</Link> first.
          </p>
        ) : (
          <ul>
            {programs.map((program) => (
              <li key={program.id}>
                <Link to={`/employer/contracts/new?programId=${encodeURIComponent(program.id)}`}>{program.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </>
    )
  }
  return (
    <>
      <h1>Draft a contract from {options.program.name}</h1>
      <p className="lead">
        The draft copies the bundle rates of the health system's offers in this program's network, takes the typical local prices where your members live as
        benchmarks, and puts the system's facilities of the network in the contract's network. You can change every term before sending it.
      </p>
      {options.healthSystems.length === 0 ? (
        <p className="empty">This program's network has no offers yet.</p>
      ) : (
        // Keyed by the program: reached from the program list, the form starts from this program's values.
        <NewContractForm key={options.program.id} options={options} />
      )}
    </>
  )
}

type Options = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['options']>

/** The draft form for one program (a new instance per program, so its defaults are that program's). */
function NewContractForm({ options }: { options: Options }) {
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(NewContractSchema),
    defaultValue: { programId: options.program.id, title: `${options.program.name} contract` },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewContractSchema }),
    shouldValidate: 'onBlur',
  })
  return (
        <Form method="post" {...getFormProps(form)}>
          <input {...getInputProps(fields.programId, { type: 'hidden' })} />
          <fieldset className="checkbox-group">
            <legend>Health system</legend>
            {options.healthSystems.map((system) => (
              <label key={system.id}>
                <input type="radio" name={fields.healthSystemId.name} value={system.id} defaultChecked={options.healthSystems.length === 1} /> {system.name} ({system.offers}{' '}
                {system.offers === 1 ? 'offer' : 'offers'}: {system.procedures.join(', ')})
              </label>
            ))}
            <ErrorList id={fields.healthSystemId.errorId} errors={fields.healthSystemId.errors} />
          </fieldset>
          <Field label="Contract name" inputProps={getInputProps(fields.title, { type: 'text' })} errors={fields.title.errors} />
          <ErrorList errors={fields.programId.errors} />
          <button type="submit" className="button">
            Create the draft
          </button>
        </Form>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This program doesn't exist or isn't part of your organization." />
}
