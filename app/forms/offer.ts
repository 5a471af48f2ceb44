import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { dollarsField } from './fields'

const checkbox = z
  .literal('on')
  .optional()
  .transform((value) => (value === 'on' ? 1 : 0) as 0 | 1)

function wholeNumber(label: string, max: number) {
  return z.coerce
    .number({ invalid_type_error: `Enter the ${label} as a whole number` })
    .int(`Enter the ${label} as a whole number`)
    .min(0, `The ${label} cannot be negative`)
    .max(max, `The ${label} must be at most ${max.toLocaleString('en-US')}`)
}

const isoDate = (label: string) => z.string({ required_error: `Enter the ${label}` }).refine(isIsoDate, `Enter the ${label} as a real date`)

/** A health system's bundled offer as its contracting staff edit it. */
export const OfferSchema = z
  .object({
    facilityId: z.string({ required_error: 'Choose the facility' }).min(1, 'Choose the facility'),
    procedureId: z.string({ required_error: 'Choose the procedure' }).min(1, 'Choose the procedure'),
    priceCents: dollarsField('bundled price', { max: 2_000_000 }).refine((cents) => cents > 0, 'The bundled price must be above $0'),
    includesFacility: checkbox,
    includesSurgeon: checkbox,
    includesAnesthesia: checkbox,
    includesImplant: checkbox,
    includesFollowUp: checkbox,
    warrantyDays: wholeNumber('warranty', 730),
    followUpVisits: wholeNumber('number of follow-up visits', 50),
    annualVolume: wholeNumber('yearly volume', 100_000).optional(),
    accreditation: z.string().trim().max(300, 'Keep the accreditation under 300 characters').optional(),
    appointmentWithinDays: wholeNumber('time to appointment', 365).optional(),
    validFrom: isoDate('first day the offer is valid'),
    validTo: isoDate('last day the offer is valid').optional(),
    status: z.enum(['active', 'withdrawn'], { errorMap: () => ({ message: 'Choose active or withdrawn' }) }),
  })
  .superRefine((offer, ctx) => {
    if (offer.validTo && offer.validTo < offer.validFrom) ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'The offer cannot end before it starts' })
  })

export type OfferInput = z.output<typeof OfferSchema>
