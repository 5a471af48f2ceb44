import { Form, useLocation } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import type { Language } from '~/i18n/languages'

/** One button that switches the member-facing pages to the other language (works without JavaScript). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const location = useLocation()
  const other: Language = i18n.language === 'es' ? 'en' : 'es'
  return (
    <Form method="post" action="/language" className="language-switch">
      <input type="hidden" name="language" value={other} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="button button--quiet" lang={other} title={t('language.switchHint')}>
        {t('language.switchTo')}
      </button>
    </Form>
  )
}
