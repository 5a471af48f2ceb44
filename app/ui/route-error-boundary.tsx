import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { CROSS_ORIGIN_REFUSAL } from '~/http/refusals'
import { useTranslation } from '~/i18n/use-translation'

interface Props {
  /** What a 404 means on this page, in the user's words. */
  notFound?: string
}

const TITLES: Partial<Record<number, 'errors.titleNotFound' | 'errors.titleForbidden' | 'errors.titleTooLarge' | 'errors.titleWait'>> = {
  404: 'errors.titleNotFound',
  403: 'errors.titleForbidden',
  413: 'errors.titleTooLarge',
  429: 'errors.titleWait',
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
          ? error.data === CROSS_ORIGIN_REFUSAL
            ? t('errors.crossOrigin')
            : t('errors.forbidden')
          : error.status === 413
            ? t('errors.tooLarge')
            : error.status === 400 || error.status === 429
            ? typeof error.data === 'string' && error.data
              ? error.data
              : t('errors.invalid')
            : t('errors.server')
    return (
      <section className="error-panel" role="alert">
        <h1>{TITLES[error.status] ? t(TITLES[error.status]!) : `Error ${error.status}`}</h1>
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
