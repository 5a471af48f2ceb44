import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import * as coordinatorCase from '~/routes/coordinator.cases.$caseId'
import * as language from '~/routes/language'
import * as careOption from '~/routes/member.care.$offerId'
import { caseEmail } from '~/services/cases.server'
import { cookieFor, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

// Issue 11: a member's case e-mails are in the language saved on their account (none: English).
let t: TwoTenants
let member: string
let coordinator: string
let caseId: string
const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const move = (form: Record<string, string>) =>
  statusOf(coordinatorCase.action, postRequest(`/coordinator/cases/${caseId}`, form, { cookie: coordinator }), { caseId })
const chooseLanguage = (choice: 'en' | 'es') => statusOf(language.action, postRequest('/language', { language: choice, redirectTo: '/member/cases' }, { cookie: member }))
const lastEmail = async () =>
  getDb().selectFrom('emailOutbox').select(['subject', 'body']).where('caseId', '=', caseId).orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  member = await cookieFor(t.users.employeeA)
  coordinator = await cookieFor(t.users.coordinator)
  // The catalog's real code, so the procedure has its Spanish name; a copay, so the member pays something.
  await getDb().updateTable('procedures').set({ code: 'TKA' }).where('name', '=', 'Total knee replacement').execute()
  await getDb().updateTable('programBenefitRules').set({ coeCopayCents: 25_050 }).where('programVersionId', '=', t.a.versionId).execute()
})

describe("a member's case e-mails", () => {
  it('are in English while the member has chosen no language', async () => {
    const offerId = (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
    const requested = await statusOf(careOption.action, postRequest(`/member/care/${offerId}`, { contactPreference: 'email', contactEmail: 'ada@example.com' }, { cookie: member }), { offerId })
    expect(requested.status).toBe(302)
    caseId = requested.location!.split('/').pop()!.split('?')[0]!
    const email = await lastEmail()
    expect(email.subject).toBe('Total knee replacement: Requested')
    expect(email.body).toContain('Hello Ada,')
    expect(email.body).toContain('Your request for Total knee replacement at Test Medical Center is now: Requested.')
    expect(email.body).toContain('What you pay: $250.50 (our estimate under your plan).')
  })

  it('switch to Spanish once the member chose Spanish, with dates written the Spanish way', async () => {
    expect((await chooseLanguage('es')).status).toBe(302)
    expect((await getDb().selectFrom('users').select('preferredLanguage').where('id', '=', t.users.employeeA).executeTakeFirstOrThrow()).preferredLanguage).toBe('es')
    expect((await move({ to: 'eligibility_verified' })).status).toBe(302)
    const verified = await lastEmail()
    expect(verified.subject).toBe('Reemplazo total de rodilla: Cobertura confirmada')
    expect(verified.body).toContain('Hola, Ada:')
    expect(verified.body).toContain('El estado de su solicitud de Reemplazo total de rodilla en Test Medical Center ahora es: Cobertura confirmada.')
    expect(verified.body).toContain('Su equipo de atención confirmó que su plan cubre esta atención en este centro.')
    expect(verified.body).not.toMatch(/Your request|Hello/)

    const date = isoDaysFromNow(21)
    expect((await move({ to: 'scheduled', scheduledDate: date })).status).toBe(302)
    const scheduled = await lastEmail()
    expect(scheduled.subject).toBe('Reemplazo total de rodilla: Programado')
    const [year, month, day] = date.split('-').map(Number) as [number, number, number]
    const monthName = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'][month - 1]
    expect(scheduled.body).toContain(`Fecha del procedimiento: ${day} de ${monthName} de ${year}.`)
  })

  it('keep the reason in the care team’s words inside the Spanish e-mail', async () => {
    expect((await move({ to: 'cancelled', reason: 'Member asked to stop' })).status).toBe(302)
    const cancelled = await lastEmail()
    expect(cancelled.subject).toBe('Reemplazo total de rodilla: Cancelado')
    expect(cancelled.body).toContain('Motivo: Member asked to stop')
    expect(cancelled.body).toContain('Puede volver a pedir atención cuando quiera.')
  })

  it('go back to English when the member switches back', async () => {
    await chooseLanguage('en')
    const offerId = (await getDb().selectFrom('programNetwork').select('offerId').where('programVersionId', '=', t.a.versionId).executeTakeFirstOrThrow()).offerId
    const requested = await statusOf(careOption.action, postRequest(`/member/care/${offerId}`, { contactPreference: 'email', contactEmail: 'ada@example.com' }, { cookie: member }), { offerId })
    caseId = requested.location!.split('/').pop()!.split('?')[0]!
    expect((await lastEmail()).subject).toBe('Total knee replacement: Requested')
  })
})

describe('caseEmail', () => {
  const facts = {
    id: 'case-1', contactPreference: 'email' as const, rosterMemberId: 'rm-1', procedureCode: 'THA', procedureName: 'Total hip replacement',
    facilityName: 'Summit Orthopedic Hospital', memberCostCents: 123_456, travelEstimateCents: 180_000, scheduledDate: '2026-03-09', procedureDate: '2026-03-09',
  }

  it('writes money and dates per locale: the same dollars, the day before the month in Spanish', () => {
    const en = caseEmail('en', facts, 'requested', null, 'Ana')
    const es = caseEmail('es', facts, 'requested', null, 'Ana')
    expect(en.body).toContain('What you pay: $1,234.56')
    expect(en.body).toContain('Travel: about $1,800 is paid for you.')
    expect(es.body).toContain('Lo que usted paga: $1,234.56')
    expect(es.body).toContain('Viaje: se le pagan unos $1,800.')
    expect(caseEmail('en', facts, 'procedure_done', null, null).body).toContain('You had your procedure on March 9, 2026.')
    expect(caseEmail('es', facts, 'procedure_done', null, null).body).toContain('Tuvo su procedimiento el 9 de marzo de 2026.')
    expect(caseEmail('es', facts, 'denied', 'Not covered', null)).toMatchObject({ subject: 'Reemplazo total de cadera: No aprobado' })
  })

  it('keeps an unknown procedure code under its catalog name', () => {
    expect(caseEmail('es', { ...facts, procedureCode: 'NEW' }, 'completed', null, null).subject).toBe('Total hip replacement: Completado')
  })
})
