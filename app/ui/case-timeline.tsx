import { useTranslation } from '~/i18n/use-translation'
import { caseStateLabel, type CaseState } from '~/domain/cases/case-flow'
import { isLanguage, LOCALES } from '~/i18n/languages'
import { formatDate, formatDateTime } from './format'

export interface CaseEventView {
  id: string
  fromStatus: CaseState | null
  toStatus: CaseState
  note: string | null
  createdAt: string
  actorName: string | null
}

/** The words of a timeline: English for the care team by default; the member's page passes its own. */
export interface CaseTimelineWords {
  listLabel: string
  state: (state: CaseState) => string
  time: (iso: string) => string
}

const STAFF_WORDS: CaseTimelineWords = {
  listLabel: 'Case timeline',
  state: caseStateLabel,
  time: (iso) => `${formatDateTime(iso)} UTC`,
}

/** Every change of a case, oldest first: what it became, when, by whom, and any note. */
export function CaseTimeline({ events, showActor, words = STAFF_WORDS }: { events: readonly CaseEventView[]; showActor: boolean; words?: CaseTimelineWords }) {
  return (
    <ol className="timeline timeline--case" aria-label={words.listLabel}>
      {events.map((event) => (
        <li key={event.id}>
          <strong>{words.state(event.toStatus)}</strong> <span className="muted small">{words.time(event.createdAt)}</span>
          {showActor && event.actorName ? <span className="muted small"> · by {event.actorName}</span> : null}
          {event.note ? <p className="small">{event.note}</p> : null}
        </li>
      ))}
    </ol>
  )
}

/**
 * The member's timeline in the page's language (issue 11): the members' names of the steps, and
 * the day of each (no clock time in UTC, which means little to a member); no staff names.
 */
export function MemberCaseTimeline({ events }: { events: readonly CaseEventView[] }) {
  const { t, i18n } = useTranslation('cases')
  const locale = LOCALES[isLanguage(i18n.language) ? i18n.language : 'en']
  return (
    <CaseTimeline
      events={events}
      showActor={false}
      words={{ listLabel: t('detail.timelineLabel'), state: (state) => t(`states.${state}.label`), time: (iso) => formatDate(iso, locale) }}
    />
  )
}
