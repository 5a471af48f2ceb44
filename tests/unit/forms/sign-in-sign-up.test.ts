import { describe, expect, it } from 'vitest'
import { waitText } from '~/auth/rate-limits.server'
import { signInSchema } from '~/forms/sign-in'
import { signUpSchema } from '~/forms/sign-up'
import { fixedT } from '~/i18n/translator'

const messagesOf = (result: { success: boolean; error?: { issues: Array<{ path: Array<string | number>; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]))

describe('the sign-in and sign-up schemas speak the page language', () => {
  it('answers in English on an English page', () => {
    const result = signInSchema(fixedT('en', 'auth')).safeParse({ email: 'not-an-email', password: 'x' })
    expect(messagesOf(result)).toEqual({ email: 'Enter an e-mail address like name@example.com' })
  })

  it('answers in Spanish on a Spanish page, the same checks', () => {
    expect(messagesOf(signInSchema(fixedT('es', 'auth')).safeParse({ email: 'not-an-email', password: 'x' }))).toEqual({
      email: 'Escriba un correo electrónico como nombre@ejemplo.com',
    })
    const signUp = signUpSchema(fixedT('es', 'auth')).safeParse({ employerCode: 'acme', matchBy: 'personal', email: 'ana@example.com', password: 'short', zip: '123' })
    expect(messagesOf(signUp)).toEqual({
      password: 'Use al menos 12 caracteres',
      lastName: 'Escriba su apellido',
      dateOfBirth: 'Escriba su fecha de nacimiento',
      zip: 'Escriba el código postal de 5 dígitos de su casa',
    })
  })

  it('refuses hidden control characters in the page language', () => {
    expect(messagesOf(signInSchema(fixedT('es', 'auth')).safeParse({ email: 'ana\u0000@example.com', password: 'a password' }))).toMatchObject({
      email: 'Quite los caracteres especiales ocultos de este texto',
    })
  })

  it('keeps the values it checks the same whatever the language', () => {
    const form = { employerCode: ' acme ', matchBy: 'employee_id', employeeId: 'A1', email: 'ana@example.com', password: 'a long enough passphrase' }
    const [en, es] = (['en', 'es'] as const).map((language) => signUpSchema(fixedT(language, 'auth')).parse(form))
    expect(es).toEqual(en)
    expect(en).toMatchObject({ employerCode: 'ACME' })
  })
})

describe('waitText', () => {
  it.each([
    [1, 'en', '1 second'],
    [40, 'en', '40 seconds'],
    [89, 'es', '89 segundos'],
    [90, 'en', '2 minutes'],
    [61 * 60, 'es', '61 minutos'],
    [30, 'es', '30 segundos'],
    [1, 'es', '1 segundo'],
  ] as const)('says %i seconds in %s as "%s"', (seconds, language, text) => {
    expect(waitText(seconds, language)).toBe(text)
  })
})
