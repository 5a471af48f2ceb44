import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { parseDollarsToCents } from '~/domain/money'
import { hasControlCharacter } from '~/domain/text'

export const CONTROL_CHARACTER_MESSAGE = 'Remove the control characters (such as NUL) from this text'

/**
 * A form schema that first refuses control characters in any field (with a message on that
 * field: PostgreSQL cannot store NUL), then checks the form's shape as usual on the text without
 * them, so that each field gets the one message that says what is wrong. Translated forms pass
 * the message in the page's language.
 */
export function plainTextForm<Schema extends z.ZodTypeAny>(
  schema: Schema,
  controlCharacterMessage: string = CONTROL_CHARACTER_MESSAGE,
): z.ZodEffects<Schema, z.output<Schema>, z.input<Schema>> {
  const clean = (text: unknown) => (typeof text === 'string' && hasControlCharacter(text) ? [...text].filter((c) => !hasControlCharacter(c)).join('') : text)
  return z.preprocess((value, ctx) => {
    if (!value || typeof value !== 'object') return value
    return Object.fromEntries(
      Object.entries(value).map(([name, entry]) => {
        const texts: unknown[] = Array.isArray(entry) ? entry : [entry]
        if (!texts.some((text) => typeof text === 'string' && hasControlCharacter(text))) return [name, entry]
        ctx.addIssue({ code: 'custom', path: [name], message: controlCharacterMessage })
        return [name, Array.isArray(entry) ? entry.map(clean) : clean(entry)]
      }),
    )
  }, schema)
}

/**
 * A dollar amount typed by a person, turned into integer cents; messages name the field. A
 * negative amount, or one too large to be money, gets the allowed range rather than "enter dollars".
 */
export function dollarsField(label: string, { max, aboveZero = false }: { max: number; aboveZero?: boolean }) {
  const range = `The ${label} must be from $0 to $${max.toLocaleString('en-US')}`
  return z
    .string({ required_error: `Enter the ${label}` })
    .transform((text, ctx) => {
      const cents = parseDollarsToCents(text)
      if (cents === null) {
        const isNegativeOrHuge = /^(-\$?|\$-)?[\d,]+(\.\d{1,2})?$/.test(text.trim().replace(/^\$(?=[\d,])/, ''))
        ctx.addIssue({ code: 'custom', message: isNegativeOrHuge ? range : `Enter the ${label} in dollars, like 1500 or 1,500.00` })
        return z.NEVER
      }
      if (cents > max * 100) {
        ctx.addIssue({ code: 'custom', message: range })
        return z.NEVER
      }
      if (aboveZero && cents === 0) {
        ctx.addIssue({ code: 'custom', message: `The ${label} must be above $0` })
        return z.NEVER
      }
      return cents
    })
}

/** A percentage 0–100 typed by a person, turned into a rate 0–1. */
export function percentField(label: string) {
  return z
    .string({ required_error: `Enter the ${label}` })
    .transform((text, ctx) => {
      const cleaned = text.trim().replace(/%$/, '')
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(cleaned) || Number(cleaned) > 100) {
        ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a percentage from 0 to 100` })
        return z.NEVER
      }
      return Math.round(Number(cleaned) * 100) / 10_000
    })
}

/** An HTML checkbox: "on" when ticked, absent otherwise; stored as 0/1. */
export const checkbox = z
  .literal('on')
  .optional()
  .transform((value) => (value === 'on' ? 1 : 0) as 0 | 1)

/**
 * A count typed by a person: digits only, so "1e3", "0x1F", "Infinity" or blanks are refused
 * instead of being read as numbers the person did not type.
 */
export function wholeNumber(label: string, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && !/^\s*-?\d+\s*$/.test(value) ? Number.NaN : value),
    z.coerce
      .number({ invalid_type_error: `Enter the ${label} as a whole number` })
      .int(`Enter the ${label} as a whole number`)
      .min(0, `The ${label} cannot be negative`)
      .max(max, `The ${label} must be at most ${max.toLocaleString('en-US')}`),
  )
}

/** Dates typed in forms stay in the years the product can mean: 0001 or 9999 is a typo, not a plan. */
const EARLIEST_DATE = '2000-01-01'
const LATEST_DATE = '2100-12-31'

export const isoDate = (label: string) =>
  z.string({ required_error: `Enter the ${label}` }).superRefine((text, ctx) => {
    if (!isIsoDate(text)) ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a real date` })
    else if (text < EARLIEST_DATE || text > LATEST_DATE) ctx.addIssue({ code: 'custom', message: `Enter the ${label} as a date from 2000 to 2100` })
  })

/** Every message of a conform reply, form-level and field-level, as one list (for forms shown as one block). */
export function allErrors(result: { error?: Record<string, string[] | null> | undefined }): string[] {
  return Object.values(result.error ?? {})
    .flat()
    .filter((e): e is string => typeof e === 'string')
}
