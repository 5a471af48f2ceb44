import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

interface Props {
  /** What a 404 means on this page, in the user's words. */
  notFound?: string
}

/** The one error boundary (STYLE §8): a message per status, never a stack trace. */
export function RouteErrorBoundary({ notFound }: Props) {
  const error = useRouteError()
  const { t } = useTranslation()
  if (isRouteErrorResponse(error)) {
    const message =
      error.status === 404
        ? (notFound ?? t('errors.notFound'))
        : error.status === 403
          ? t('errors.forbidden')
          : error.status === 400 || error.status === 429
            ? typeof error.data === 'string' && error.data
              ? error.data
              : t('errors.invalid')
            : t('errors.server')
    return (
      <section className="error-panel" role="alert">
        <h1>{error.status === 404 ? t('errors.titleNotFound') : error.status === 403 ? t('errors.titleForbidden') : error.status === 429 ? t('errors.titleWait') : `Error ${error.status}`}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">{t('errors.goHome')}</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="error-panel" role="alert">
      <h1>{t('errors.titleError')}</h1>
      <p>{t('errors.unexpected')}</p>
      <p>
        <Link to="/">{t('errors.goHome')}</Link>
      </p>
    </section>
  )
}
