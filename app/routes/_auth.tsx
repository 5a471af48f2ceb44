import { Outlet } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { LanguageSwitch } from '~/ui/language-switch'

/** Pathless layout of the signed-out pages: a centered card, no navigation. */
export default function AuthLayout() {
  const { t } = useTranslation()
  return (
    <main id="main" className="auth-page" tabIndex={-1}>
      <div className="auth-card">
        <LanguageSwitch />
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            +
          </span>
          {t('brand')}
        </p>
        <Outlet />
      </div>
    </main>
  )
}
