import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { plainTextForm } from './fields'
import type { AuthMessages } from './sign-in'

/**
 * Member sign-up: the employer's code, then either the employee id or last name + date of birth
 * + home ZIP, then the account's e-mail and password. Messages in the page's language (issue 11).
 */
export function signUpSchema(t: AuthMessages) {
  return plainTextForm(
    z
      .object({
        employerCode: z.string({ required_error: t('validation.employerCodeRequired') }).trim().toUpperCase().max(40, t('validation.employerCodeTooLong')),
        matchBy: z.enum(['employee_id', 'personal'], { errorMap: () => ({ message: t('validation.matchByRequired') }) }),
        employeeId: z.string().trim().max(40, t('validation.employeeIdTooLong')).optional(),
        lastName: z.string().trim().max(60, t('validation.lastNameTooLong')).optional(),
        dateOfBirth: z.string().trim().optional(),
        zip: z.string().trim().optional(),
        email: z
          .string({ required_error: t('validation.emailRequired') })
          .trim()
          .max(254, t('validation.emailTooLong'))
          .email(t('validation.emailInvalid')),
        password: z
          .string({ required_error: t('validation.choosePassword') })
          .min(12, t('validation.passwordTooShort'))
          .max(200, t('validation.passwordMax')),
      })
      .superRefine((form, ctx) => {
        if (form.matchBy === 'employee_id' && !form.employeeId) ctx.addIssue({ code: 'custom', path: ['employeeId'], message: t('validation.employeeIdRequired') })
        if (form.matchBy === 'personal') {
          if (!form.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: t('validation.lastNameRequired') })
          if (!form.dateOfBirth || !isIsoDate(form.dateOfBirth)) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: t('validation.dateOfBirthRequired') })
          if (!form.zip || !/^\d{5}$/.test(form.zip)) ctx.addIssue({ code: 'custom', path: ['zip'], message: t('validation.zipRequired') })
        }
      }),
    t('validation.controlCharacters'),
  )
}
export type SignUpInput = z.output<ReturnType<typeof signUpSchema>>
