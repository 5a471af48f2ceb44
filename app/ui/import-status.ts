import type { ImportStatus } from '~/db/schema'

/** What each import status means to the person who sent the file. */
export const IMPORT_STATUS_LABEL: Record<ImportStatus, string> = {
  queued: 'Waiting to be checked',
  checking: 'Being checked',
  review: 'Checked: waiting for you to apply it',
  applying: 'Being applied',
  applied: 'Applied',
  refused: 'Refused: nothing changed',
  failed: 'Stopped by an error',
  discarded: 'Set aside: not applied',
}
