import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { readForm } from '~/http/form-body.server'
import { useTranslation } from '~/i18n/use-translation'
import { redirectIfSignedIn, requireSameOrigin } from '~/auth/guard.server'
import { waitText } from '~/auth/rate-limits.server'
import { signUpSchema } from '~/forms/sign-up'
import { clientIp } from '~/http/client-ip.server'
import { languageOf } from '~/i18n/language.server'
import { translatedTitle } from '~/i18n/meta'
import { fixedT } from '~/i18n/translator'
import { signUpMember } from '~/services/sign-up.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'signup.title', { ns: 'auth' }) }]

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const language = await languageOf(request)
  const t = fixedT(language, 'auth')
  const submission = parseWithZod(await readForm(request), { schema: signUpSchema(t) })
  if (submission.status !== 'success') return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  const result = await signUpMember(submission.value, clientIp(request), language)
  if (!result.ok) {
    const hideFields = ['password']
    const reply =
      result.reason === 'easy-password'
        ? submission.reply({ fieldErrors: { password: [t('signup.weakPassword')] }, hideFields })
        : result.reason === 'email-taken'
          ? submission.reply({ fieldErrors: { email: [t('signup.emailTaken')] }, hideFields })
          : submission.reply({
              formErrors: [
                result.reason === 'locked'
                  ? t('signup.locked', { wait: waitText(result.seconds, language) })
                  : result.reason === 'already-member'
                    ? t('signup.alreadyMember')
                    : t('signup.noMatch'),
              ],
              hideFields,
            })
    return data(reply, { status: result.status })
  }
  return redirect('/member', { headers: { 'Set-Cookie': result.setCookie } })
}

export default function SignUpRoute() {
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation('auth')
  const schema = useMemo(() => signUpSchema(t), [t])
  const [form, fields] = useForm({
    id: 'sign-up',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    defaultValue: { matchBy: 'employee_id' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const byId = fields.matchBy.value !== 'personal'
  return (
    <>
      <h1>{t('signup.heading')}</h1>
      <p className="lead">{t('signup.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <Field
          label={t('signup.employerCode')}
          help={t('signup.employerCodeHelp')}
          inputProps={{ ...getInputProps(fields.employerCode, { type: 'text' }), autoCapitalize: 'characters' }}
          errors={fields.employerCode.errors}
        />
        <fieldset className="checkbox-group" aria-describedby="match-help">
          <legend>{t('signup.findMeBy')}</legend>
          <div className="field field--checkbox">
            <input {...getInputProps(fields.matchBy, { type: 'radio', value: 'employee_id' })} id="match-employee-id" />
            <label htmlFor="match-employee-id">{t('signup.byEmployeeId')}</label>
          </div>
          <div className="field field--checkbox">
            <input {...getInputProps(fields.matchBy, { type: 'radio', value: 'personal' })} id="match-personal" />
            <label htmlFor="match-personal">{t('signup.byPersonal')}</label>
          </div>
          <p className="field__help" id="match-help">
            {t('signup.byHelp')}
          </p>
        </fieldset>
        {/* Both sets stay in the page so the form works without JavaScript; the choice above says which is used. */}
        <div className={byId ? 'match-group' : 'match-group match-group--muted'}>
          <Field label={t('signup.employeeId')} inputProps={getInputProps(fields.employeeId, { type: 'text' })} errors={fields.employeeId.errors} />
        </div>
        <div className={byId ? 'match-group match-group--muted' : 'match-group'}>
          <Field label={t('signup.lastName')} inputProps={{ ...getInputProps(fields.lastName, { type: 'text' }), autoComplete: 'family-name' }} errors={fields.lastName.errors} />
          <Field label={t('signup.dateOfBirth')} inputProps={{ ...getInputProps(fields.dateOfBirth, { type: 'date' }), autoComplete: 'bday' }} errors={fields.dateOfBirth.errors} />
          <Field
            label={t('signup.zip')}
            inputProps={{ ...getInputProps(fields.zip, { type: 'text' }), inputMode: 'numeric', autoComplete: 'postal-code' }}
            errors={fields.zip.errors}
          />
        </div>
        <Field label={t('signup.email')} inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }} errors={fields.email.errors} />
        <Field
          label={t('signup.password')}
          help={t('signup.passwordHelp')}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
          errors={fields.password.errors}
        />
        <button type="submit" className="button button--primary button--block" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? t('signup.submitting') : t('signup.submit')}
        </button>
        <p>
          {t('signup.haveAccount')} <Link to="/login">{t('signup.signIn')}</Link>
        </p>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
