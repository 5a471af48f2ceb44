import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'

interface Props {
  /** What a 404 means on this page, in the user's words. */
  notFound?: string
}

/** The one error boundary (STYLE §8): a message per status, never a stack trace. */
export function RouteErrorBoundary({ notFound }: Props) {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    const message =
      error.status === 404
        ? (notFound ?? "We couldn't find that page. It may have moved, or it isn't part of your organization.")
        : error.status === 403
          ? "Your role doesn't give access to this page. If you think it should, ask your organization's administrator."
          : error.status === 400 || error.status === 429
            ? typeof error.data === 'string' && error.data
              ? error.data
              : 'The request was not valid.'
            : 'Something went wrong on our side. Please try again.'
    return (
      <section className="error-panel" role="alert">
        <h1>{error.status === 404 ? 'Not found' : error.status === 403 ? 'Not allowed' : error.status === 429 ? 'Please wait' : `Error ${error.status}`}</h1>
        <p>{message}</p>
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="error-panel" role="alert">
      <h1>Something went wrong</h1>
      <p>An unexpected error happened and was logged. Please try again, or go back to your home page.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </section>
  )
}
