import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { redirectIfSignedIn, requireSameOrigin } from '~/auth/guard.server'
import { waitText } from '~/auth/rate-limits.server'
import { destroyUserSession } from '~/auth/session.server'
import { SignInSchema } from '~/forms/sign-in'
import { clientIp } from '~/http/client-ip.server'
import { safeRedirect } from '~/http/responses.server'
import { signIn } from '~/services/sign-in.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Sign in · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: SignInSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const result = await signIn(submission.value.email, submission.value.password, clientIp(request))
  if (!result.ok) {
    const message =
      result.reason === 'locked'
        ? `Too many failed sign-ins. Wait ${waitText(result.seconds)} and try again.`
        : 'That e-mail and password do not match an account. Check both and try again.'
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), {
      status: result.reason === 'locked' ? 429 : 401,
    })
  }
  // A new session on every sign-in; one the browser still carried ends here (no fixation).
  await destroyUserSession(request)
  const destination = safeRedirect(submission.value.redirectTo, result.homePath)
  return redirect(destination === '/' ? result.homePath : destination, { headers: { 'Set-Cookie': result.setCookie } })
}

export default function LoginRoute() {
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'sign-in',
    lastResult,
    constraint: getZodConstraint(SignInSchema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  })
  return (
    <>
      <h1>Sign in</h1>
      <p className="lead">Employers, members, brokers, care teams and health systems all sign in here.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          label="E-mail"
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'username' }}
          errors={fields.email.errors}
        />
        <Field
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.password.errors}
        />
        <button type="submit" className="button button--primary button--block" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          New member? <Link to="/signup">Create your account</Link>
        </p>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
