import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useMemo } from 'react'
import { readForm } from '~/http/form-body.server'
import { useTranslation } from '~/i18n/use-translation'
import { redirectIfSignedIn, requireSameOrigin } from '~/auth/guard.server'
import { waitText } from '~/auth/rate-limits.server'
import { destroyUserSession } from '~/auth/session.server'
import { signInSchema } from '~/forms/sign-in'
import { clientIp } from '~/http/client-ip.server'
import { safeRedirect } from '~/http/responses.server'
import { languageCookie, languageOf } from '~/i18n/language.server'
import { isLanguage } from '~/i18n/languages'
import { translatedTitle } from '~/i18n/meta'
import { fixedT } from '~/i18n/translator'
import { signIn } from '~/services/sign-in.server'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = ({ matches }) => [{ title: translatedTitle(matches, 'login.title', { ns: 'auth' }) }]

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const language = await languageOf(request)
  const t = fixedT(language, 'auth')
  const submission = parseWithZod(await readForm(request), { schema: signInSchema(t) })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  // Only a choice made with the language switch is kept on the account, not the browser's preference.
  const chosen: unknown = await languageCookie.parse(request.headers.get('Cookie'))
  const result = await signIn(submission.value.email, submission.value.password, clientIp(request), isLanguage(chosen) ? chosen : null)
  if (!result.ok) {
    const message = result.reason === 'locked' ? t('login.locked', { wait: waitText(result.seconds, language) }) : t('login.invalidCredentials')
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
  const { t } = useTranslation('auth')
  const schema = useMemo(() => signInSchema(t), [t])
  const [form, fields] = useForm({
    id: 'sign-in',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <>
      <h1>{t('login.heading')}</h1>
      <p className="lead">{t('login.lead')}</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <div id={form.errorId} role="alert" aria-live="assertive">
          <ErrorList errors={form.errors} />
        </div>
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <Field
          label={t('login.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'username' }}
          errors={fields.email.errors}
        />
        <Field
          label={t('login.password')}
          inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
          errors={fields.password.errors}
        />
        <button type="submit" className="button button--primary button--block" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? t('login.submitting') : t('login.submit')}
        </button>
        <p>
          {t('login.newMember')} <Link to="/signup">{t('login.createAccount')}</Link>
        </p>
      </Form>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
