import { useLocation } from '@remix-run/react'
import { useState } from 'react'

/*
 * A page's flash note (app/http/flash.server.ts) is read once, by the loader of the request that
 * follows the redirect. A page that re-reads its own data (useRevalidator: prepared files being
 * polled) gets it back without the note, so the note is kept here for the visit it came with.
 */

/** A flash note kept for the visit (the location's key) it arrived with. */
export type VisitNote = { key: string; note: string }

/**
 * The flash note to show on this visit: the note that came with it stays until the person goes
 * elsewhere (a new location key), where only that visit's own note counts.
 */
export function noteForVisit(kept: VisitNote | null, key: string, note: string | null): VisitNote | null {
  if (note !== null) return kept?.key === key && kept.note === note ? kept : { key, note }
  return kept?.key === key ? kept : null
}

/** The page's flash note (its loader's `note`), still shown after the page re-reads its data. */
export function useVisitNote(note: string | null): string | null {
  const { key } = useLocation()
  const [kept, setKept] = useState<VisitNote | null>(null)
  const now = noteForVisit(kept, key, note)
  if (now !== kept) setKept(now)
  return now?.note ?? null
}
