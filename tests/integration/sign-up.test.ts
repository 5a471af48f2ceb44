import { beforeAll, describe, expect, it } from 'vitest'
import { getOptionalActor } from '~/auth/guard.server'
import { getDb } from '~/db/client.server'
import { rosterKeys } from '~/domain/roster/names'
import * as signup from '~/routes/_auth.signup'
import { getRequest, postRequest, statusOf } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

let t: TwoTenants
let codeA: string
const PASSWORD = 'a long enough passphrase'

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  codeA = (await getDb().selectFrom('organizations').select('code').where('id', '=', t.a.employerId).executeTakeFirstOrThrow()).code
  // A second, unbound member of A for the by-name route: Ada Tester has an account already (the fixture's employee).
  const now = new Date().toISOString()
  await getDb()
    .insertInto('rosterMembers')
    .values([
      { id: 'rm-grace', employerId: t.a.employerId, employeeId: 'A0002', firstName: 'Grace', lastName: 'Hopper', ...rosterKeys({ employeeId: 'A0002', firstName: 'Grace', lastName: 'Hopper' }), dateOfBirth: '1986-12-09', zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now },
      { id: 'rm-alan', employerId: t.a.employerId, employeeId: 'A0003', firstName: 'Alan', lastName: 'Turing', ...rosterKeys({ employeeId: 'A0003', firstName: 'Alan', lastName: 'Turing' }), dateOfBirth: '1982-06-23', zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now },
      { id: 'rm-eve', employerId: t.a.employerId, employeeId: 'A0005', firstName: 'Eve', lastName: 'Adams', ...rosterKeys({ employeeId: 'A0005', firstName: 'Eve', lastName: 'Adams' }), dateOfBirth: '1990-02-02', zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now },
      { id: 'rm-ended', employerId: t.a.employerId, employeeId: 'A0004', firstName: 'Old', lastName: 'Timer', ...rosterKeys({ employeeId: 'A0004', firstName: 'Old', lastName: 'Timer' }), dateOfBirth: '1960-01-01', zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2020-01-01', coverageEnd: '2025-12-31', dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now },
    ])
    .execute()
})

const post = (form: Record<string, string>) => statusOf(signup.action, postRequest('/signup', form))
const NO_MATCH = "We couldn't find you on your employer's list of covered people. Check your details against your benefits guide, or ask your HR team."
const userCount = async () => Number((await getDb().selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

describe('member sign-up with eligibility verification', () => {
  it('binds an account found by employee id, signs the member in and sends them home', async () => {
    const result = await signup.action({ request: postRequest('/signup', { employerCode: codeA.toLowerCase(), matchBy: 'employee_id', employeeId: 'A0002', email: 'grace@example.com', password: PASSWORD }), params: {}, context: {} })
    const response = result as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/member')
    const actor = await getOptionalActor(getRequest('/member', response.headers.get('Set-Cookie')!.split(';')[0]))
    expect(actor).toMatchObject({ role: 'employee', organizationId: t.a.employerId, rosterMemberId: 'rm-grace', displayName: 'Grace Hopper' })
  })

  it('binds an account found by last name (any case), date of birth and ZIP', async () => {
    const result = await post({ employerCode: codeA, matchBy: 'personal', lastName: 'TURING', dateOfBirth: '1982-06-23', zip: '43215', email: 'alan@example.com', password: PASSWORD })
    expect(result).toMatchObject({ status: 302, location: '/member' })
  })

  // Issue 17, finding 4: names as people type them on phones and as payroll systems export them.
  it.each([
    ['Álvarez', 'ÁLVAREZ', 'rm-alvarez', 'A0101', '1981-01-01'],
    ['Ölmez', 'ölmez', 'rm-olmez', 'A0102', '1981-01-02'],
    ['P\u00E9rez', 'Pe\u0301rez', 'rm-perez', 'A0103', '1981-01-03'],
    ["O'Brien", 'O\u2019Brien', 'rm-obrien', 'A0104', '1981-01-04'],
    ['Nguyen', 'nguyen\u200B', 'rm-nguyen', 'A0105', '1981-01-05'],
  ])('a member stored as %s signs up typing %j', async (stored, typed, id, employeeId, dateOfBirth) => {
    const now = new Date().toISOString()
    await getDb()
      .insertInto('rosterMembers')
      .values({
        id, employerId: t.a.employerId, employeeId, firstName: 'Ana', lastName: stored, ...rosterKeys({ employeeId, firstName: 'Ana', lastName: stored }), dateOfBirth, zip: '43215',
        healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
      })
      .execute()
    const result = await post({ employerCode: codeA, matchBy: 'personal', lastName: typed, dateOfBirth, zip: '43215', email: `${id}@example.com`, password: PASSWORD })
    expect(result).toMatchObject({ status: 302, location: '/member' })
    expect(await getDb().selectFrom('memberships').select('id').where('rosterMemberId', '=', id).executeTakeFirst()).toBeDefined()
  })

  it('an employee id matches in any case', async () => {
    const now = new Date().toISOString()
    await getDb()
      .insertInto('rosterMembers')
      .values({
        id: 'rm-case', employerId: t.a.employerId, employeeId: 'AX0106', firstName: 'Kim', lastName: 'Ray', ...rosterKeys({ employeeId: 'AX0106', firstName: 'Kim', lastName: 'Ray' }), dateOfBirth: '1980-01-01', zip: '43215',
        healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
      })
      .execute()
    const result = await post({ employerCode: codeA, matchBy: 'employee_id', employeeId: 'ax0106', email: 'kim@example.com', password: PASSWORD })
    expect(result).toMatchObject({ status: 302, location: '/member' })
  })

  it.each([
    ['an unknown employer code', { employerCode: 'NOPE', matchBy: 'employee_id', employeeId: 'A0002' }],
    ["another employer's member", { matchBy: 'employee_id', employeeId: 'B0001' }],
    ['a wrong date of birth', { matchBy: 'personal', lastName: 'Turing', dateOfBirth: '1982-06-24', zip: '43215' }],
    ['a wrong ZIP', { matchBy: 'personal', lastName: 'Turing', dateOfBirth: '1982-06-23', zip: '43216' }],
    ['coverage that has ended', { matchBy: 'employee_id', employeeId: 'A0004' }],
  ])('answers %s with the same message, creating nothing', async (_name, change) => {
    const before = await userCount()
    const result = await post({ employerCode: codeA, email: `x${Math.random()}@example.com`, password: PASSWORD, ...change })
    expect(result.status).toBe(422)
    expect(result.body).toMatchObject({ error: { '': [NO_MATCH] } })
    expect(await userCount()).toBe(before)
  })

  it('refuses a second account for the same member and a reused e-mail', async () => {
    expect((await post({ employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0001', email: 'ada2@example.com', password: PASSWORD })).status).toBe(409)
    const reused = await post({ employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0005', email: 'GRACE@example.com', password: PASSWORD })
    expect(reused).toMatchObject({ status: 409, body: { error: { email: ['An account already uses this e-mail. Sign in instead.'] } } })
  })

  // Found by running the browser suite twice at once: two sign-ups for one member (or one e-mail)
  // arriving together both passed the checks, and the second met the unique key as a server error.
  it.each([
    ['the same member with two e-mails', ['A0201', 'A0201'], ['twin1@example.com', 'twin2@example.com'], { '': ['You already have an account. Sign in instead, or ask your HR team to help you reset your password.'] }],
    ['two members with the same e-mail', ['A0202', 'A0203'], ['same@example.com', 'same@example.com'], { email: ['An account already uses this e-mail. Sign in instead.'] }],
  ])('two sign-ups at once for %s: one account, the other told why', async (_label, employeeIds, emails, error) => {
    const now = new Date().toISOString()
    for (const employeeId of new Set(employeeIds)) {
      await getDb()
        .insertInto('rosterMembers')
        .values({
          id: `rm-${employeeId}`, employerId: t.a.employerId, employeeId, firstName: 'Twin', lastName: 'Race', ...rosterKeys({ employeeId, firstName: 'Twin', lastName: 'Race' }), dateOfBirth: '1985-05-05',
          zip: '43215', healthPlanId: t.a.planId, coverageTier: 'employee', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 0, deductibleMetCents: 0, oopPaidCents: 0, createdAt: now, updatedAt: now,
        })
        .execute()
    }
    const before = await userCount()
    const results = await Promise.all(employeeIds.map((employeeId, i) => post({ employerCode: codeA, matchBy: 'employee_id', employeeId, email: emails[i]!, password: PASSWORD })))
    expect(results.map((r) => r.status).sort()).toEqual([302, 409])
    expect(results.find((r) => r.status === 409)).toMatchObject({ body: { error } })
    expect(await userCount()).toBe(before + 1)
  })

  it('answers a Spanish page in Spanish, and keeps Spanish on the new account for its e-mails', async () => {
    const spanish = { headers: { 'Accept-Language': 'es-US,es;q=0.9' } }
    const refused = await statusOf(signup.action, postRequest('/signup', { employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0099', email: 'nadie@example.com', password: PASSWORD }, spanish))
    expect(refused).toMatchObject({ status: 422, body: { error: { '': ["No lo encontramos en la lista de personas cubiertas de su empleador. Compare sus datos con su guía de beneficios o pregunte a su equipo de Recursos Humanos."] } } })
    const missing = await statusOf(signup.action, postRequest('/signup', { employerCode: codeA, matchBy: 'personal', email: 'x', password: 'short' }, spanish))
    expect(missing.body).toMatchObject({ error: { lastName: ['Escriba su apellido'], password: ['Use al menos 12 caracteres'] } })
    const created = await statusOf(signup.action, postRequest('/signup', { employerCode: codeA, matchBy: 'employee_id', employeeId: 'A0005', email: 'eve@example.com', password: PASSWORD }, spanish))
    expect(created).toMatchObject({ status: 302, location: '/member' })
    const saved = await getDb().selectFrom('users').select('preferredLanguage').where('email', '=', 'eve@example.com').executeTakeFirstOrThrow()
    expect(saved.preferredLanguage).toBe('es')
    // An English sign-up (no cookie, no Accept-Language) keeps English.
    const grace = await getDb().selectFrom('users').select('preferredLanguage').where('email', '=', 'grace@example.com').executeTakeFirstOrThrow()
    expect(grace.preferredLanguage).toBe('en')
  })

  it('asks for what is missing and for a longer password', async () => {
    const result = await post({ employerCode: codeA, matchBy: 'personal', email: 'not-an-email', password: 'short' })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({
      error: { lastName: ['Enter your last name'], dateOfBirth: ['Enter your date of birth'], zip: ['Enter your 5-digit home ZIP code'], email: ['Enter an e-mail address like name@example.com'], password: ['Use at least 12 characters'] },
    })
  })
})
