import { z } from 'zod'
import { plainTextForm } from './fields'

/** The `auth` namespace's `t` in the page's language (issue 11): the action's `fixedT`, or the page's `useTranslation`. */
export type AuthMessages = (key: string, options?: Record<string, unknown>) => string

/** Sign-in: one schema for the action and conform's checks in the browser, with messages in the page's language. */
export function signInSchema(t: AuthMessages) {
  return plainTextForm(
    z.object({
      email: z
        .string({ required_error: t('validation.emailRequired') })
        .trim()
        .max(254, t('validation.emailTooLong'))
        .email(t('validation.emailInvalid')),
      password: z.string({ required_error: t('validation.passwordRequired') }).max(200, t('validation.passwordTooLong')),
      redirectTo: z.string().optional(),
    }),
    t('validation.controlCharacters'),
  )
}
