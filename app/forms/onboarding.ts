import { z } from 'zod'
import { ORGANIZATION_CODE_PATTERN } from '~/domain/onboarding/onboarding'
import { plainTextForm } from './fields'

const email = z
  .string({ required_error: 'Enter the e-mail address to invite' })
  .trim()
  .max(254, 'Keep the e-mail address under 254 characters')
  .email('Enter an e-mail address like name@example.com')

/** The platform creates an organization and invites its first admin (issue 22). */
export const NewOrganizationSchema = plainTextForm(
  z.object({
    kind: z.enum(['employer', 'broker', 'health_system', 'coalition'], { errorMap: () => ({ message: 'Choose the kind of organization' }) }),
    name: z.string({ required_error: "Enter the organization's name" }).trim().min(2, "Enter the organization's name").max(120, 'Keep the name under 120 characters'),
    code: z
      .string({ required_error: 'Enter a code (members of an employer type it at sign-up)' })
      .trim()
      .toUpperCase()
      .regex(ORGANIZATION_CODE_PATTERN, 'Use 3 to 20 letters, digits or dashes, like ACME-2027'),
    adminEmail: email,
  }),
)

const ROLES = ['platform_admin', 'care_coordinator', 'employer_admin', 'broker', 'center_admin', 'coalition_admin'] as const

/** An organization's admin invites a colleague. */
export const InviteColleagueSchema = plainTextForm(
  z.object({
    intent: z.literal('invite'),
    email,
    role: z.enum(ROLES, { errorMap: () => ({ message: 'Choose a role' }) }),
    isOrganizationAdmin: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
  }),
)

export const ChangeColleagueSchema = z.object({
  intent: z.literal('change'),
  userId: z.string().max(100),
  role: z.enum(ROLES, { errorMap: () => ({ message: 'Choose a role' }) }),
  isOrganizationAdmin: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
})

/** Accepting an invitation: the person's name and a password. */
export const AcceptInvitationSchema = plainTextForm(
  z.object({
    displayName: z.string({ required_error: 'Enter your name' }).trim().min(1, 'Enter your name').max(120, 'Keep your name under 120 characters'),
    password: z.string({ required_error: 'Choose a password' }).min(12, 'Use at least 12 characters').max(200, 'Use at most 200 characters'),
  }),
)
