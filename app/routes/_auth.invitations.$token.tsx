import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireSameOrigin } from '~/auth/guard.server'
import { waitText } from '~/auth/rate-limits.server'
import { AcceptInvitationSchema } from '~/forms/onboarding'
import { clientIp } from '~/http/client-ip.server'
import { readForm } from '~/http/form-body.server'
import { requireParam } from '~/http/params'
import { acceptInvitation, getInvitation } from '~/services/onboarding.server'
import { ClosedInvitation } from '~/ui/invitation-page'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Invitation · COE Marketplace' }, { name: 'referrer', content: 'no-referrer' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireSameOrigin(request) // a public page: the token in the URL is the credential
  const view = await getInvitation(requireParam(params, 'token'))
  return data({ view }, { status: view.state === 'unknown' ? 404 : view.state === 'open' ? 200 : 410 })
}

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const token = requireParam(params, 'token')
  const submission = parseWithZod(await readForm(request), { schema: AcceptInvitationSchema })
  if (submission.status !== 'success') return data({ reply: submission.reply({ hideFields: ['password'] }), view: null }, { status: 400 })
  const result = await acceptInvitation(token, submission.value, clientIp(request))
  if (result.ok) return redirect(result.home, { headers: { 'Set-Cookie': result.setCookie } })
  if (result.reason === 'locked') return data({ reply: submission.reply({ formErrors: [`Too many attempts. Try again in ${waitText(result.seconds)}.`], hideFields: ['password'] }), view: null }, { status: 429 })
  if (result.reason === 'closed') return data({ reply: null, view: result.view }, { status: result.view.state === 'unknown' ? 404 : 410 })
  return data({ reply: submission.reply({ fieldErrors: result.fieldErrors, hideFields: ['password'] }), view: null }, { status: 422 })
}

export default function InvitationRoute() {
  const { view: loaded } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const view = actionData?.view ?? loaded
  const [form, fields] = useForm({
    id: 'accept-invitation',
    lastResult: actionData?.reply ?? undefined,
    constraint: getZodConstraint(AcceptInvitationSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  })
  if (view.state !== 'open') return <ClosedInvitation view={view} />
  return (
    <>
      <h1>Join {view.organizationName}</h1>
      <p className="lead">
        You are invited as <strong>{view.roleLabel}</strong> with the e-mail <strong>{view.email}</strong>. Choose your name as colleagues will see it and a password.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <Field label="Your name" inputProps={{ ...getInputProps(fields.displayName, { type: 'text' }), autoComplete: 'name' }} errors={fields.displayName.errors} />
        <Field
          label="Password"
          help="At least 12 characters; a phrase of several words is easiest to remember."
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            Create my account
          </button>
        </div>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
