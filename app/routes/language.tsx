import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { readForm } from '~/http/form-body.server'
import { getOptionalActor, requireSameOrigin } from '~/auth/guard.server'
import { languageCookie } from '~/i18n/language.server'
import { isLanguage } from '~/i18n/languages'
import { safeRedirect } from '~/http/responses.server'
import { rememberLanguage } from '~/services/member-language.server'

/** The language switch (a form on every member-facing page): remembered in a cookie, and on the member's account for e-mails. */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request)
  const form = await readForm(request)
  const language = form.get('language')
  const back = safeRedirect(form.get('redirectTo'), '/')
  if (!isLanguage(language)) return redirect(back)
  const actor = await getOptionalActor(request)
  if (actor?.role === 'employee') await rememberLanguage(actor, language)
  return redirect(back, { headers: { 'Set-Cookie': await languageCookie.serialize(language) } })
}

export function loader() {
  return redirect('/')
}
