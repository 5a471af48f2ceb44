import { z } from 'zod'
import { OPEN_STATES, type CaseState } from '~/domain/cases/case-flow'
import { isIsoDate } from '~/domain/dates'
import { plainTextForm } from './fields'

/*
 * The platform admin's settings (issue 22): the care team's response promise per open status and
 * the platform's holidays. Shape only; a date already listed is the service's to refuse.
 */

export const MAX_PROMISE_WORKING_DAYS = 60
/** Holidays and federal-holiday years stay in the years the product can mean (as typed dates do, forms/fields.ts). */
export const EARLIEST_HOLIDAY_YEAR = 2000
export const LATEST_HOLIDAY_YEAR = 2100
export const MAX_HOLIDAY_NAME = 80

export const PROMISE_MESSAGES = {
  notWhole: 'Enter the working days as a whole number, like 2, or leave it empty for no promise',
  range: `Enter from 1 to ${MAX_PROMISE_WORKING_DAYS} working days, or leave it empty for no promise`,
  unknownStatus: 'Choose one of the open statuses: requested, eligibility verified, scheduled, travel booked or procedure done',
  noPromises: 'Send the working days of each open status',
} as const

export const HOLIDAY_MESSAGES = {
  dateMissing: "Enter the holiday's date",
  dateInvalid: "Enter the holiday's date as a real date, like 2027-03-15",
  dateRange: `Enter a date from ${EARLIEST_HOLIDAY_YEAR} to ${LATEST_HOLIDAY_YEAR}`,
  nameMissing: "Enter the holiday's name",
  nameTooLong: `Keep the name under ${MAX_HOLIDAY_NAME} characters`,
  yearInvalid: 'Enter the year as four digits, like 2027',
  yearRange: `Enter a year from ${EARLIEST_HOLIDAY_YEAR} to ${LATEST_HOLIDAY_YEAR}`,
} as const

const isEmpty = (value: unknown) => value === undefined || (typeof value === 'string' && value.trim() === '')
const isOpenState = (key: string): key is CaseState => (OPEN_STATES as readonly string[]).includes(key)

/**
 * `promise.<status>`: working days 1–60, or empty for no promise (conform reads an empty field as
 * absent, so a status left out means "no promise" too). Each bad value gets its message on its field.
 */
export const ResponsePromisesSchema = z.object({
  intent: z.literal('promises'),
  promise: z
    .record(z.string(), z.unknown(), { invalid_type_error: PROMISE_MESSAGES.noPromises })
    .optional()
    .superRefine((values, ctx) => {
      for (const [key, value] of Object.entries(values ?? {})) {
        if (!isOpenState(key)) ctx.addIssue({ code: 'custom', path: [key], message: PROMISE_MESSAGES.unknownStatus })
        else if (isEmpty(value)) continue
        else if (typeof value !== 'string' || !/^\s*-?\d{1,9}\s*$/.test(value)) ctx.addIssue({ code: 'custom', path: [key], message: PROMISE_MESSAGES.notWhole })
        else if (Number(value) < 1 || Number(value) > MAX_PROMISE_WORKING_DAYS) ctx.addIssue({ code: 'custom', path: [key], message: PROMISE_MESSAGES.range })
      }
    })
    .transform((values) =>
      Object.fromEntries(OPEN_STATES.map((status) => [status, isEmpty(values?.[status]) ? null : Number(values?.[status])])) as Record<CaseState, number | null>,
    ),
})

const holidayDate = z.string({ required_error: HOLIDAY_MESSAGES.dateMissing, invalid_type_error: HOLIDAY_MESSAGES.dateInvalid }).trim().superRefine((text, ctx) => {
  if (!isIsoDate(text)) ctx.addIssue({ code: 'custom', message: HOLIDAY_MESSAGES.dateInvalid })
  else if (text < `${EARLIEST_HOLIDAY_YEAR}-01-01` || text > `${LATEST_HOLIDAY_YEAR}-12-31`) ctx.addIssue({ code: 'custom', message: HOLIDAY_MESSAGES.dateRange })
})

export const AddHolidaySchema = plainTextForm(
  z.object({
    intent: z.literal('add-holiday'),
    date: holidayDate,
    name: z
      .string({ required_error: HOLIDAY_MESSAGES.nameMissing, invalid_type_error: HOLIDAY_MESSAGES.nameMissing })
      .trim()
      .min(1, HOLIDAY_MESSAGES.nameMissing)
      .max(MAX_HOLIDAY_NAME, HOLIDAY_MESSAGES.nameTooLong),
  }),
)

export const RemoveHolidaySchema = z.object({ intent: z.literal('remove-holiday'), date: holidayDate })

export const AddFederalHolidaysSchema = z.object({
  intent: z.literal('add-federal'),
  year: z
    .string({ required_error: HOLIDAY_MESSAGES.yearInvalid, invalid_type_error: HOLIDAY_MESSAGES.yearInvalid })
    .trim()
    .regex(/^\d{4}$/, HOLIDAY_MESSAGES.yearInvalid)
    .transform(Number)
    .refine((year) => year >= EARLIEST_HOLIDAY_YEAR && year <= LATEST_HOLIDAY_YEAR, HOLIDAY_MESSAGES.yearRange),
})

export const SETTINGS_INTENTS = ['promises', 'add-holiday', 'remove-holiday', 'add-federal'] as const
export type SettingsIntent = (typeof SETTINGS_INTENTS)[number]

/** The year of holidays the page lists (`?year=`): an unusable value means this year, never an error. */
export function parseHolidayYear(params: URLSearchParams, now: Date): number {
  const text = params.get('year') ?? ''
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN
  return year >= EARLIEST_HOLIDAY_YEAR && year <= LATEST_HOLIDAY_YEAR ? year : now.getUTCFullYear()
}
