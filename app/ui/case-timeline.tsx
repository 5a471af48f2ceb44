import { caseStateLabel, type CaseState } from '~/domain/cases/case-flow'

export interface CaseEventView {
  id: string
  fromStatus: CaseState | null
  toStatus: CaseState
  note: string | null
  createdAt: string
  actorName: string | null
}

const time = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC'

/** Every change of a case, oldest first: what it became, when, by whom, and any note. */
export function CaseTimeline({ events, showActor }: { events: readonly CaseEventView[]; showActor: boolean }) {
  return (
    <ol className="timeline timeline--case" aria-label="Case timeline">
      {events.map((event) => (
        <li key={event.id}>
          <strong>{caseStateLabel(event.toStatus)}</strong> <span className="muted small">{time(event.createdAt)}</span>
          {showActor && event.actorName ? <span className="muted small"> · by {event.actorName}</span> : null}
          {event.note ? <p className="small">{event.note}</p> : null}
        </li>
      ))}
    </ol>
  )
}

