/** The platform admin's audit search (app/forms/audit.ts parses it; the repository runs it). */
export interface AuditQuery {
  /** Part of the actor's e-mail. */
  actor: string | null
  /** An action, or the start of one ("case." for every case action). */
  action: string | null
  employerId: string | null
  /** The exact subject id (a case, a plan, a roster member…). */
  subjectId: string | null
  /** Inclusive days (UTC), YYYY-MM-DD. */
  from: string | null
  to: string | null
  /** Paging: entries strictly older than this id (UUIDv7 ids sort by time). */
  before: string | null
}
