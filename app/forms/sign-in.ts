import { z } from 'zod'
import { plainTextForm } from './fields'

export const SignInSchema = plainTextForm(z.object({
  email: z
    .string({ required_error: 'Enter your e-mail address' })
    .trim()
    .max(254, 'That e-mail address is too long')
    .email('Enter an e-mail address like name@example.com'),
  password: z.string({ required_error: 'Enter your password' }).max(200, 'That password is too long'),
  redirectTo: z.string().optional(),
}))
