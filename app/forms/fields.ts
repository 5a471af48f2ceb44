import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { parseDollarsToCents } from '~/domain/money'

/** A dollar amount typed by a person, turned into integer cents; messages name the field. */
export function dollarsField(label: string, { max }: { max: number }) {
  return z
    .string({ required_error: `Enter the ${label}` })
    .transform((text, ctx) => {
      const cents = parseDollarsToCents(text)
      if (cents === null) {
        ctx.addIssue({ code: 'custom', message: `Enter the ${label} in dollars, like 1500 or 1,500.00` })
        return z.NEVER
      }
      if (cents > max * 100) {
        ctx.addIssue({ code: 'custom', message: `The ${label} must be from $0 to $${max.toLocaleString('en-US')}` })
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

export function wholeNumber(label: string, max: number) {
  return z.coerce
    .number({ invalid_type_error: `Enter the ${label} as a whole number` })
    .int(`Enter the ${label} as a whole number`)
    .min(0, `The ${label} cannot be negative`)
    .max(max, `The ${label} must be at most ${max.toLocaleString('en-US')}`)
}

export const isoDate = (label: string) => z.string({ required_error: `Enter the ${label}` }).refine(isIsoDate, `Enter the ${label} as a real date`)

/** Every message of a conform reply, form-level and field-level, as one list (for forms shown as one block). */
export function allErrors(result: { error?: Record<string, string[] | null> | undefined }): string[] {
  return Object.values(result.error ?? {})
    .flat()
    .filter((e): e is string => typeof e === 'string')
}
