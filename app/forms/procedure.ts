import { z } from 'zod'
import { parseDollarsToCents } from '~/domain/money'
import { dollarsField, plainTextForm } from './fields'

/** A catalog procedure as the platform admin edits it; every default carries its source. */
export const ProcedureSchema = plainTextForm(z
  .object({
    code: z
      .string({ required_error: 'Enter a code such as TKA' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'Use capital letters, digits and _ (2–40), starting with a letter'),
    name: z.string({ required_error: 'Enter the name' }).trim().min(3, 'Enter a name of at least 3 characters').max(120, 'Keep the name under 120 characters'),
    description: z.string({ required_error: 'Describe it in plain words for members' }).trim().min(10, 'Describe it in at least 10 characters').max(600, 'Keep it under 600 characters'),
    drgCodes: z
      .string()
      .trim()
      .optional()
      .transform((text, ctx) => {
        const codes = (text ?? '').split(/[\s,]+/).filter(Boolean)
        if (codes.some((c) => !/^\d{3}$/.test(c))) {
          ctx.addIssue({ code: 'custom', message: 'List MS-DRG codes as 3-digit numbers separated by commas, like 469, 470' })
          return z.NEVER
        }
        return codes
      }),
    typicalNights: z.coerce.number({ invalid_type_error: 'Enter the nights as a whole number' }).int('Enter the nights as a whole number').min(0, 'Nights cannot be negative').max(60, 'At most 60 nights'),
    nightsSource: z.string({ required_error: 'Say where the nights come from' }).trim().min(3, 'Say where the nights come from').max(300, 'Keep the source under 300 characters'),
    nightsAway: z.coerce
      .number({ invalid_type_error: 'Enter the nights away as a whole number' })
      .int('Enter the nights away as a whole number')
      .min(0, 'Nights away cannot be negative')
      .max(60, 'At most 60 nights away'),
    nightsAwaySource: z
      .string({ required_error: 'Say where the nights away come from' })
      .trim()
      .min(3, 'Say where the nights away come from')
      .max(300, 'Keep the source under 300 characters'),
    incidencePerThousand: z.coerce.number({ invalid_type_error: 'Enter cases per 1,000 members, like 1.6' }).min(0, 'Incidence cannot be negative').max(1000, 'At most 1,000 per 1,000'),
    incidenceSource: z.string({ required_error: 'Say where the incidence comes from' }).trim().min(3, 'Say where the incidence comes from').max(300, 'Keep the source under 300 characters'),
    medicareBaseCents: z
      .string()
      .optional()
      .transform((text, ctx) => {
        if (!text?.trim()) return null
        const cents = parseDollarsToCents(text)
        if (cents === null || cents > 100_000_000) {
          ctx.addIssue({ code: 'custom', message: 'Enter the Medicare episode price in dollars, up to $1,000,000' })
          return z.NEVER
        }
        return cents
      }),
    medicareBaseSource: z.string().trim().max(300, 'Keep the source under 300 characters').optional(),
    isActive: z
      .literal('on')
      .optional()
      .transform((v) => (v === 'on' ? 1 : 0) as 0 | 1),
  })
  .superRefine((p, ctx) => {
    // Nights away include the hospital stay (DESIGN §4), so they are never fewer than it (a negative figure has its own message).
    if (p.nightsAway >= 0 && p.nightsAway < p.typicalNights) {
      ctx.addIssue({ code: 'custom', path: ['nightsAway'], message: `Nights away include the hospital stay: at least ${p.typicalNights}` })
    }
    if (p.medicareBaseCents !== null && !p.medicareBaseSource) {
      ctx.addIssue({ code: 'custom', path: ['medicareBaseSource'], message: 'Say where the Medicare price comes from' })
    }
  }))
export type ProcedureInput = z.output<typeof ProcedureSchema>

/** A price factor's new value and source. */
export const PriceFactorSchema = plainTextForm(z.object({
  key: z.string().min(1),
  value: z.coerce.number({ invalid_type_error: 'Enter a number' }).min(0, 'The value cannot be negative').max(100_000_000, 'That value is too large'),
  source: z.string({ required_error: 'Say where the value comes from' }).trim().min(3, 'Say where the value comes from').max(300, 'Keep the source under 300 characters'),
}))

/** A money price factor (stored in cents), typed in dollars: "$21,384.00" or "21384" (issue 22). */
export const PriceFactorDollarsSchema = plainTextForm(z.object({
  key: z.string().min(1),
  dollars: dollarsField('amount', { max: 1_000_000 }),
  source: z.string({ required_error: 'Say where the value comes from' }).trim().min(3, 'Say where the value comes from').max(300, 'Keep the source under 300 characters'),
}))
