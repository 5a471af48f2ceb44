import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { redirectIfSignedIn, requireSameOrigin } from '~/auth/guard.server'
import { SignUpSchema } from '~/forms/sign-up'
import { clientIp } from '~/http/client-ip.server'
import { signUpMember } from '~/services/sign-up.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Create your member account · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const submission = parseWithZod(await request.formData(), { schema: SignUpSchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const result = await signUpMember(submission.value, clientIp(request))
  if (!result.ok) {
    const reply = 'formError' in result ? submission.reply({ formErrors: [result.formError], hideFields: ['password'] }) : submission.reply({ fieldErrors: result.fieldErrors, hideFields: ['password'] })
    return data(reply, { status: result.status })
  }
  return redirect('/member', { headers: { 'Set-Cookie': result.setCookie } })
}

export default function SignUpRoute() {
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'sign-up',
    lastResult,
    constraint: getZodConstraint(SignUpSchema),
    shouldValidate: 'onBlur',
    defaultValue: { matchBy: 'employee_id' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
  })
  const byId = fields.matchBy.value !== 'personal'
  return (
    <>
      <h1>Create your member account</h1>
      <p className="lead">We check your details against your employer&apos;s list of covered people. Your employer code is in your benefits guide.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <Field label="Employer code" inputProps={{ ...getInputProps(fields.employerCode, { type: 'text' }), autoCapitalize: 'characters' }} errors={fields.employerCode.errors} />
        <fieldset className="checkbox-group">
          <legend>Find me by</legend>
          <div className="field field--checkbox">
            <input {...getInputProps(fields.matchBy, { type: 'radio', value: 'employee_id' })} id="match-employee-id" />
            <label htmlFor="match-employee-id">My employee ID</label>
          </div>
          <div className="field field--checkbox">
            <input {...getInputProps(fields.matchBy, { type: 'radio', value: 'personal' })} id="match-personal" />
            <label htmlFor="match-personal">My name, date of birth and ZIP</label>
          </div>
        </fieldset>
        {/* Both sets stay in the page so the form works without JavaScript; the choice above says which is used. */}
        <div className={byId ? 'match-group' : 'match-group match-group--muted'}>
          <Field label="Employee ID" inputProps={getInputProps(fields.employeeId, { type: 'text' })} errors={fields.employeeId.errors} />
        </div>
        <div className={byId ? 'match-group match-group--muted' : 'match-group'}>
            <Field label="Last name" inputProps={{ ...getInputProps(fields.lastName, { type: 'text' }), autoComplete: 'family-name' }} errors={fields.lastName.errors} />
            <Field label="Date of birth" inputProps={{ ...getInputProps(fields.dateOfBirth, { type: 'date' }), autoComplete: 'bday' }} errors={fields.dateOfBirth.errors} />
            <Field label="Home ZIP code" inputProps={{ ...getInputProps(fields.zip, { type: 'text' }), inputMode: 'numeric', autoComplete: 'postal-code' }} errors={fields.zip.errors} />
        </div>
        <Field label="E-mail" inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} errors={fields.email.errors} />
        <Field
          label="Password"
          help="At least 12 characters"
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <button type="submit" className="button button--primary button--block" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? 'Checking…' : 'Create account'}
        </button>
        <p>
          Already have an account? <Link to="/login">Sign in</Link>
        </p>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
