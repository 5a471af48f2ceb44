import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { getOptionalActor } from '~/auth/guard.server'
import { getDb } from '~/db/client.server'
import { addPlanGroupCode, createImport } from '~/services/eligibility-files.server'
import { applyImport, checkImport, parseCounts, parseReport } from '~/services/roster-import.server'
import { build834, member834 } from '../support/x12-834-builder'
import { cookieFor, getRequest } from './support'
import { createTwoTenants, type TwoTenants } from './tenants'

/* Issue 17: X12 834 files through the same difference, guard, history and report as roster CSVs, with a 999 back. */

let t: TwoTenants
const NOW = new Date('2026-11-22T12:00:00Z')

async function load834(text: string, options: { apply?: boolean } = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'x834-')), 'enrollment.834')
  fs.writeFileSync(file, text)
  const created = await createImport({ employerId: t.b.employerId }, { path: file, fileName: 'enrollment.834' }, { fullFile: false, allOrNothing: false, reviewFirst: false, confirmTerminations: false }, { userId: null, label: 'test' }, NOW)
  if (!created.ok) throw new Error(created.error)
  let found = await checkImport(created.importId, { now: NOW })
  if (options.apply !== false && found.status === 'review') found = await applyImport(created.importId, { now: NOW })
  return { found, counts: parseCounts(found.counts), report: parseReport(found.report) }
}
const member = (employeeId: string) =>
  getDb().selectFrom('rosterMembers').select(['firstName', 'lastName', 'coverageTier', 'coverageStart', 'coverageEnd', 'dependentsCount', 'zip']).where('employerId', '=', t.b.employerId).where('employeeId', '=', employeeId).executeTakeFirst()

beforeAll(async () => {
  t = await createTwoTenants(getDb())
  const admin = (await getOptionalActor(getRequest('/employer', await cookieFor(t.users.adminB))))!
  expect(await addPlanGroupCode(admin, { employerId: t.b.employerId }, { code: 'PPO-100', healthPlanId: t.b.planId })).toEqual({ ok: true })
})

describe('834 imports', () => {
  it('adds subscribers with their dependents counted, and writes an accepted 999', async () => {
    const text = build834({
      purpose: 'change',
      transactions: [
        { members: [member834({ subscriberId: 'S1', tier: 'FAM', start: '2026-01-01', dependents: [{ firstName: 'LUZ', lastName: 'RIVERA', dob: '2015-05-05', isBeforeSubscriber: true }, { firstName: 'TEO', lastName: 'RIVERA', dob: '2017-07-07' }] })] },
        { members: [member834({ subscriberId: 'S2', firstName: 'BO', lastName: 'KIM', start: '2026-01-01' })] },
      ],
    })
    const { found, counts } = await load834(text)
    expect(found.status).toBe('applied')
    expect(counts).toMatchObject({ rowsRead: 2, added: 2, problems: 0 })
    expect(await member('S1')).toEqual({ firstName: 'ANA', lastName: 'RIVERA', coverageTier: 'family', coverageStart: '2026-01-01', coverageEnd: null, dependentsCount: 2, zip: '43215' })
    expect(await member('S2')).toMatchObject({ lastName: 'KIM', dependentsCount: 0 })
    expect(found.acknowledgment).toMatch(/AK9\*A\*2\*2\*2~/)
  })

  it('applies a change file with a termination and a reinstatement, shown in the difference first', async () => {
    await load834(build834({ purpose: 'change', transactions: [{ members: [member834({ subscriberId: 'S3', start: '2026-01-01', end: '2026-06-30' })] }] }))
    expect(await member('S3')).toMatchObject({ coverageEnd: '2026-06-30' })
    const text = build834({
      purpose: 'change',
      transactions: [{ members: [member834({ subscriberId: 'S3', maintenance: '025', start: '2026-01-01' }), member834({ subscriberId: 'S2', maintenance: '024', firstName: 'BO', lastName: 'KIM', start: '2026-01-01', end: '2026-10-31' })] }],
    })
    const reviewed = await load834(text, { apply: false })
    expect(reviewed.found.status).toBe('review')
    expect(reviewed.counts).toMatchObject({ reinstated: 1, ended: 1 })
    expect(await member('S3')).toMatchObject({ coverageEnd: '2026-06-30' })
    // One of three covered members is a third: above the 10 % limit, so applying needs the confirmation.
    expect((await applyImport(reviewed.found.id, { now: NOW })).message).toMatch(/^This file would end coverage for 1 of 3 covered members \(33.3 %\)/)
    expect(await member('S2')).toMatchObject({ coverageEnd: null })
    await getDb().updateTable('imports').set({ confirmTerminations: 1 }).where('id', '=', reviewed.found.id).execute()
    expect((await applyImport(reviewed.found.id, { now: NOW })).status).toBe('applied')
    expect(await member('S3')).toMatchObject({ coverageEnd: null })
    expect(await member('S2')).toMatchObject({ coverageEnd: '2026-10-31' })
  })

  it('refuses a member whose plan code is unknown, naming segment, loop and element, and acknowledges with errors', async () => {
    const text = build834({ purpose: 'change', transactions: [{ members: [member834({ subscriberId: 'S4', groupCode: 'GOLD9', start: '2026-01-01' }), member834({ subscriberId: 'S5', start: '2026-01-01' })] }] })
    const { counts, report, found } = await load834(text)
    expect(counts).toMatchObject({ added: 1, problems: 1 })
    expect(report.rejected).toEqual([{ line: expect.any(Number), column: 'loop 2300, REF02', reason: 'REF*1L group or policy number "GOLD9" is not one of your plans\' codes (known: PPO-100)' }])
    expect(await member('S4')).toBeUndefined()
    expect(found.acknowledgment).toMatch(/IK5\*E/)
  })

  it('refuses a file with a bad ISA and changes nothing', async () => {
    const text = build834({ purpose: 'change', transactions: [{ members: [member834({ subscriberId: 'S6' })] }], mangleIsa: (isa) => isa.replace('*00*', '*0*') })
    const { found } = await load834(text)
    expect(found.status).toBe('refused')
    expect(found.message).toMatch(/^enrollment\.834: ISA segment is malformed: /)
    expect(await member('S6')).toBeUndefined()
  })
})
