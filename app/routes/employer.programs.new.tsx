import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { redirectWithFlash } from '~/http/flash.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { NewProgramSchema } from '~/forms/program'
import { createProgram } from '~/services/programs.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'New program · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployerAccess(request, 'program:write')
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const submission = parseWithZod(await readForm(request), { schema: NewProgramSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createProgram(actor, scope, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 422 })
  return redirectWithFlash(`/employer/programs/${result.programId}`, 'created')
}

export default function NewProgramRoute() {
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'new-program',
    lastResult,
    constraint: getZodConstraint(NewProgramSchema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewProgramSchema }),
  })
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link>
      </p>
      <h1>New program</h1>
      <p className="lead">
        Start a draft: you then choose the procedures, the centers, and the benefit and travel rules, preview it as a member and publish it. Members see
        nothing until you publish.
      </p>
      <Form method="post" {...getFormProps(form)} className="card form-grid">
        <div id={form.errorId} role="alert" className="span-all">
          <ErrorList errors={form.errors} />
        </div>
        <Field className="span-all" label="Program name" inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} />
        <Field label="Starts on" inputProps={getInputProps(fields.effectiveFrom, { type: 'date' })} errors={fields.effectiveFrom.errors} />
        <div className="form-actions span-all">
          <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
            {navigation.state === 'submitting' ? 'Creating…' : 'Create draft'}
          </button>
          <Link to="/employer/programs" className="button button--quiet">
            Cancel
          </Link>
        </div>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
