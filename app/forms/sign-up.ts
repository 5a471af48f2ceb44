import { z } from 'zod'
import { isIsoDate } from '~/domain/dates'
import { plainTextForm } from './fields'

/**
 * Member sign-up: the employer's code, then either the employee id or last name + date of birth
 * + home ZIP, then the account's e-mail and password.
 */
export const SignUpSchema = plainTextForm(z
  .object({
    employerCode: z.string({ required_error: "Enter your employer's code (from your benefits guide)" }).trim().toUpperCase().max(40, 'That code is too long'),
    matchBy: z.enum(['employee_id', 'personal'], { errorMap: () => ({ message: 'Choose how to find you' }) }),
    employeeId: z.string().trim().max(40, 'That employee ID is too long').optional(),
    lastName: z.string().trim().max(60, 'That name is too long').optional(),
    dateOfBirth: z.string().trim().optional(),
    zip: z.string().trim().optional(),
    email: z.string({ required_error: 'Enter your e-mail address' }).trim().max(254, 'That e-mail address is too long').email('Enter an e-mail address like name@example.com'),
    password: z
      .string({ required_error: 'Choose a password' })
      .min(12, 'Use at least 12 characters')
      .max(200, 'Use at most 200 characters'),
  })
  .superRefine((form, ctx) => {
    if (form.matchBy === 'employee_id' && !form.employeeId) ctx.addIssue({ code: 'custom', path: ['employeeId'], message: 'Enter your employee ID' })
    if (form.matchBy === 'personal') {
      if (!form.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'Enter your last name' })
      if (!form.dateOfBirth || !isIsoDate(form.dateOfBirth)) ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Enter your date of birth' })
      if (!form.zip || !/^\d{5}$/.test(form.zip)) ctx.addIssue({ code: 'custom', path: ['zip'], message: 'Enter your 5-digit home ZIP code' })
    }
  }))
export type SignUpInput = z.output<typeof SignUpSchema>
