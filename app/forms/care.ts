import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { parseUsPhone } from '~/domain/phone'
import { hasControlCharacter } from '~/domain/text'
import { checkbox, dollarsField, isoDate, plainTextForm } from './fields'

// The find-care query has no schema library in it: it lives in ./care-query so the search page's
// browser bundle does not carry zod (issue 24, JS budget). Re-exported here for server code.
export { DEFAULT_RADIUS, parseFindCareQuery, RADIUS_CHOICES } from './care-query'

/** One address, one @, a dot in the domain, no spaces: what a person can check by eye, not RFC 5322. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const CONTACT_PREFERENCES = ['email', 'phone', 'text'] as const

/** Messages of the care request in the page's language (a `t` of the `care` namespace, issue 11). */
export type CareMessages = (key: string, options?: Record<string, unknown>) => string

/**
 * A member's care request. Dates are optional; when given they must be real, from 2000 to 2100,
 * and in order. A call or a text needs a US phone number (stored E.164, `contactPhone`); for
 * e-mail any number typed is dropped (null).
 */
export function careRequestSchema(t: CareMessages) {
  const date = (fieldKey: string) =>
    z.string().superRefine((text, ctx) => {
      const field = t(fieldKey)
      if (!isIsoDate(text)) ctx.addIssue({ code: 'custom', message: t('errors.dateInvalid', { field }) })
      else if (text < '2000-01-01' || text > '2100-12-31') ctx.addIssue({ code: 'custom', message: t('errors.dateRange', { field }) })
    })
  return plainTextForm(z
    .object({
      preferredStart: date('errors.earliestField').optional(),
      preferredEnd: date('errors.latestField').optional(),
      hasCompanion: checkbox,
      contactPreference: z.enum(CONTACT_PREFERENCES, { errorMap: () => ({ message: t('errors.contact') }) }),
      contactPhone: z.string().trim().optional(),
      contactEmail: z.string().trim().optional(),
      memberNote: z.string().trim().max(1000, t('errors.noteLong')).optional(),
    })
    .superRefine((value, ctx) => {
      if (value.preferredStart && value.preferredEnd && value.preferredEnd < value.preferredStart) {
        ctx.addIssue({ code: 'custom', path: ['preferredEnd'], message: t('errors.order') })
      }
      if (value.contactPreference !== 'email') {
        if (!value.contactPhone) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: t('errors.phoneRequired') })
        else if (parseUsPhone(value.contactPhone) === null) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: t('errors.phoneInvalid') })
      } else if (!value.contactEmail) ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: t('errors.emailRequired') })
      else if (value.contactEmail.length > 254 || !EMAIL.test(value.contactEmail)) ctx.addIssue({ code: 'custom', path: ['contactEmail'], message: t('errors.emailInvalid') })
    })
    .transform(({ contactPhone, contactEmail, ...value }) => ({
      ...value,
      contactPhone: value.contactPreference === 'email' || !contactPhone ? null : parseUsPhone(contactPhone),
      // E-mail addresses are stored lower-cased; for a call or a text an address typed is dropped.
      contactEmail: value.contactPreference === 'email' && contactEmail ? contactEmail.toLowerCase() : null,
    })))
}
export type CareRequestInput = z.output<ReturnType<typeof careRequestSchema>>

/** The coordinator's move of a case, with whatever the target state needs (the domain checks which). */
export const CaseTransitionSchema = plainTextForm(z.object({
  to: z.enum(['requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed', 'cancelled', 'denied'], {
    errorMap: () => ({ message: 'Choose the next status' }),
  }),
  reason: z.string().trim().max(500, 'Keep the reason under 500 characters').optional(),
  scheduledDate: isoDate('procedure date').optional(),
  procedureDate: isoDate('date the procedure was done').optional(),
  travelActualCents: dollarsField('travel actually paid', { max: 50_000 }).optional(),
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters').optional(),
}))
export type CaseTransitionInput = z.output<typeof CaseTransitionSchema>

/** A yes/no question answered with radio buttons: required, with the question's own message. */
const yesNo = (message: string) =>
  z.enum(['yes', 'no'], { errorMap: () => ({ message }) }).transform((answer) => answer === 'yes')

const SATISFACTION_MESSAGE = 'Satisfaction is a whole number from 0 to 10'

/** The follow-up forms of a case after its procedure (issue 21), told apart by `intent`. The member's first consult with the center (the domain checks it against the request and the procedure). */
export const FirstConsultSchema = plainTextForm(z.object({
  intent: z.literal('first-consult'),
  firstConsultDate: isoDate('first consult date'),
}))

/** The 30-day check-in: readmitted within 30 days, and satisfaction 0–10 when the member gave one (digits only: "1e1" is not 10). */
export const ThirtyDayOutcomesSchema = plainTextForm(z.object({
  intent: z.literal('thirty-day'),
  wasReadmitted: yesNo('Say whether the member was readmitted within 30 days'),
  satisfaction: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      if (!text) return null
      if (!/^\d{1,2}$/.test(text) || Number(text) > 10) {
        ctx.addIssue({ code: 'custom', message: SATISFACTION_MESSAGE })
        return z.NEVER
      }
      return Number(text)
    }),
}))
export type ThirtyDayOutcomesInput = z.output<typeof ThirtyDayOutcomesSchema>

/** The 90-day check-in: a complication within 90 days, and whether the member answered the patient-reported outcome questions. */
export const NinetyDayOutcomesSchema = plainTextForm(z.object({
  intent: z.literal('ninety-day'),
  hadComplication: yesNo('Say whether there was a complication within 90 days'),
  hasPatientReportedOutcomes: yesNo('Say whether the member answered the patient-reported outcome questions'),
}))
export type NinetyDayOutcomesInput = z.output<typeof NinetyDayOutcomesSchema>

const QUEUE_STATUS_VALUES = ['open', 'all', 'requested', 'eligibility_verified', 'scheduled', 'travel_booked', 'procedure_done', 'completed', 'cancelled', 'denied'] as const

/** An id from the query string, or null: one with control characters (NUL) names nothing. */
const idFilter = (value: string | null) => (value && !hasControlCharacter(value) ? value : null)

/** The care queue's filters from the query string; unknown values mean "no filter". */
export function parseQueueQuery(params: URLSearchParams) {
  const status = params.get('status') as (typeof QUEUE_STATUS_VALUES)[number]
  return {
    status: QUEUE_STATUS_VALUES.includes(status) ? status : ('open' as const),
    employerId: idFilter(params.get('employer')),
    procedureId: idFilter(params.get('procedure')),
  }
}
