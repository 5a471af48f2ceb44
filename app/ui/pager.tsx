import { Link } from '@remix-run/react'

/** Previous / next links under a paged list (a list page never shows more than one page of rows). */
export function Pager({ previous, next, label = 'Pages' }: { previous?: string | null; next?: string | null; label?: string }) {
  if (!previous && !next) return null
  return (
    <nav className="pager" aria-label={label}>
      {previous ? <Link to={previous}>← Previous</Link> : <span />}
      {next ? <Link to={next}>Next →</Link> : null}
    </nav>
  )
}
