import { describe, expect, it } from 'vitest'
import { read834, segmentNumberer, type X12Context, type X12Interchange } from '~/domain/roster/x12-834'
import { build834, member834, segmentsOf, type Build834Options, type Built834Member } from '../../../support/x12-834-builder'

const CONTEXT: X12Context = { planByGroupCode: new Map([['PPO-100', 'Choice PPO'], ['HDHP-200', 'Saver HDHP with HSA']]), today: '2026-12-04' }

function read(options: Build834Options, context = CONTEXT): X12Interchange {
  return read834(segmentsOf(build834(options)), context)
}
function readMembers(members: Built834Member[], purpose: Build834Options['purpose'] = 'change') {
  const interchange = read({ purpose, transactions: [{ members }] })
  expect(interchange.problems).toEqual([])
  return interchange.transactions[0]!
}

/*
 * The builder's layout, which the positions below count on: ST 1, BGN 2, N1 3, N1 4, then the
 * first subscriber: INS 5, REF*0F 6, NM1 7, N4 8, DMG 9, HD 10, DTP*348 11, (DTP*349 12,) REF*1L.
 */
describe('read834', () => {
  it('reads a subscriber added with every column its loops carry', () => {
    const interchange = read({ purpose: 'change', transactions: [{ members: [member834({ end: '2027-12-31' })] }] })
    expect(interchange).toMatchObject({ sender: 'ACMEPAYROLL', receiver: 'COEPORTAL', controlNumber: '000000905', groupControlNumber: '905', version: '005010X220A1', problems: [] })
    expect(interchange.transactions).toEqual([
      {
        controlNumber: '0001', purpose: 'change', segmentCount: 14, problems: [],
        members: [
          {
            location: { transaction: '0001', segmentPosition: 5, segmentIndex: 7, segmentId: 'INS', loop: '2000' },
            maintenance: 'add', dependentsSeen: 0, problems: [],
            values: {
              employee_id: 'E1001', first_name: 'ANA', last_name: 'RIVERA', date_of_birth: '1984-03-09', zip: '43215', plan: 'Choice PPO', coverage_tier: 'employee',
              coverage_start: '2027-01-01', coverage_end: '2027-12-31',
            },
          },
        ],
      },
    ])
  })

  it.each([
    ['021', 'add'],
    ['001', 'change'],
    ['024', 'cancel'],
    ['025', 'reinstate'],
    ['030', 'audit'],
  ])('reads INS03 %s as %s', (code, maintenance) => {
    const [record] = readMembers([member834({ maintenance: code, end: '2027-06-30' })]).members
    expect(record!.maintenance).toBe(maintenance)
    // A reinstatement clears the stored end date even when the file still sends one.
    expect(record!.values.coverage_end).toBe(maintenance === 'reinstate' ? '' : '2027-06-30')
  })

  it('clears the end date of a reinstated member that sends none', () => {
    const [record] = readMembers([member834({ maintenance: '025' })]).members
    expect(record!.values).toHaveProperty('coverage_end', '')
  })

  it('refuses a cancellation without an end date, naming where DTP*349 was expected', () => {
    const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ maintenance: '024' })] }] }).transactions[0]!
    expect(transaction.problems).toEqual([
      {
        location: { transaction: '0001', segmentPosition: 11, segmentIndex: 13, segmentId: 'DTP', loop: '2300' }, code: { ik3: 'I6' }, subscriberId: 'E1001', column: 'coverage_end',
        reason: 'maintenance 024 (cancel) has no coverage end date: send DTP*349 in the HLT coverage loop or DTP*357 for the member',
      },
    ])
    expect(transaction.members[0]!.problems).toEqual(transaction.problems)
  })

  it('reads several transaction sets of one interchange, each with its own members', () => {
    const interchange = read({
      purpose: 'change',
      transactions: [{ members: [member834()] }, { members: [member834({ subscriberId: 'E2002', groupCode: 'HDHP-200' }), member834({ subscriberId: 'E2003' })] }],
    })
    expect(interchange.problems).toEqual([])
    expect(interchange.transactions.map((t) => [t.controlNumber, t.members.map((m) => [m.values.employee_id, m.values.plan, m.location.segmentPosition])])).toEqual([
      ['0001', [['E1001', 'Choice PPO', 5]]],
      ['0002', [['E2002', 'Saver HDHP with HSA', 5], ['E2003', 'Choice PPO', 13]]],
    ])
    // Positions restart at each ST; indexes count the whole interchange.
    expect(interchange.transactions[1]!.members[0]!.location.segmentIndex).toBe(20)
  })

  describe('dependents', () => {
    const kid = { firstName: 'LEO', lastName: 'RIVERA', dob: '2015-05-02' }

    it('counts dependents linked by REF*0F, one sent before its subscriber too', () => {
      const [record] = readMembers([member834({ tier: 'FAM', dependents: [{ ...kid, isBeforeSubscriber: true }, { ...kid, firstName: 'MIA' }, { ...kid, firstName: 'SOL' }] })]).members
      expect(record!.values).toMatchObject({ employee_id: 'E1001', first_name: 'ANA', coverage_tier: 'family', dependents: '3' })
      expect(record!.dependentsSeen).toBe(3)
      // The dependent's loop came first, so the subscriber's INS is after it.
      expect(record!.location.segmentPosition).toBe(11)
    })

    it('does not count a dependent whose coverage is cancelled (INS03 024), but has seen it', () => {
      const [record] = readMembers([member834({ tier: 'ECH', dependents: [kid, { ...kid, firstName: 'MIA', maintenance: '024' }] })]).members
      expect(record!.values.dependents).toBe('1')
      expect(record!.dependentsSeen).toBe(2)
    })

    it('says nothing of dependents in a change file that carries none for the subscriber, and 0 in a full file', () => {
      expect(readMembers([member834()], 'change').members[0]!.values).not.toHaveProperty('dependents')
      expect(readMembers([member834({ maintenance: '030' })], 'full').members[0]!.values.dependents).toBe('0')
    })

    it('records nothing for a dependent whose subscriber is not in a change file', () => {
      const transaction = readMembers([member834({ dependents: [{ ...kid, subscriberId: 'E9999' }] })])
      expect(transaction.problems).toEqual([])
      expect(transaction.members.map((m) => [m.values.employee_id, m.values.dependents])).toEqual([['E1001', undefined]])
    })

    it('names a dependent whose subscriber is missing from a full file', () => {
      const transaction = readMembers([member834({ maintenance: '030', dependents: [{ ...kid, subscriberId: 'E9999' }] })], 'full')
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 14, segmentIndex: 16, segmentId: 'REF', loop: '2000', element: 2 }, code: { ik3: '8', ik4: 'I12' },
          subscriberId: 'E9999', column: 'dependents', reason: 'dependent\'s subscriber "E9999" (REF*0F) is not in this full file',
        },
      ])
      expect(transaction.members[0]!.values.dependents).toBe('0')
    })

    it('reports a dependent\'s bad date of birth to the 999 without holding back its subscriber', () => {
      const transaction = readMembers([member834({ dependents: [{ ...kid, dob: '20150230' }] })])
      expect(transaction.problems.map((p) => [p.reason, p.location.segmentPosition, p.location.loop, p.subscriberId, p.column])).toEqual([['DMG02 "20150230" is not a real date', 16, '2100A', 'E1001', undefined]])
      expect(transaction.members[0]!.problems).toEqual([])
      expect(transaction.members[0]!.values.dependents).toBe('1')
    })
  })

  describe('plans and coverage', () => {
    it('maps REF*1L to the plan name without regard to case', () => {
      expect(readMembers([member834({ groupCode: 'hdhp-200' })]).members[0]!.values.plan).toBe('Saver HDHP with HSA')
    })

    it('names an unknown group code and lists the known ones', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ groupCode: 'GOLD9' })] }] }).transactions[0]!
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 12, segmentIndex: 14, segmentId: 'REF', loop: '2300', element: 2 }, code: { ik3: '8', ik4: '7' }, subscriberId: 'E1001', column: 'plan',
          reason: 'REF*1L group or policy number "GOLD9" is not one of your plans\' codes (known: PPO-100, HDHP-200)',
        },
      ])
      expect(transaction.members[0]!.values).not.toHaveProperty('plan')
    })

    it('skips a dental line (HD03 DEN) and reads the health one', () => {
      const [record] = readMembers([member834({ otherLines: [{ line: 'DEN', groupCode: 'DENTAL-9', tier: 'FAM' }] })]).members
      expect(record!.values).toMatchObject({ plan: 'Choice PPO', coverage_tier: 'employee', coverage_start: '2027-01-01' })
      expect(record!.problems).toEqual([])
    })

    it('reads no coverage from a change that only touches a dental line', () => {
      const [record] = readMembers([member834({ maintenance: '001', insuranceLine: 'DEN', tier: 'FAM', groupCode: 'DENTAL-9' })]).members
      expect(record!.problems).toEqual([])
      expect(Object.keys(record!.values).sort()).toEqual(['date_of_birth', 'employee_id', 'first_name', 'last_name', 'zip'])
    })

    it('refuses an added member with no health coverage loop', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ insuranceLine: 'VIS' })] }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.location.segmentId, p.location.segmentPosition, p.location.loop, p.code])).toEqual([
        ['maintenance 021 (add) has no health coverage: no HD loop with HD03 "HLT"', 'HD', 13, '2300', { ik3: 'I6' }],
      ])
    })

    it.each([
      ['EMP', 'employee'],
      ['IND', 'employee'],
      ['ESP', 'employee_spouse'],
      ['ECH', 'employee_children'],
      ['FAM', 'family'],
    ])('reads HD05 %s as the %s tier', (code, tier) => {
      expect(readMembers([member834({ tier: code })]).members[0]!.values.coverage_tier).toBe(tier)
    })

    it('names an HD05 coverage level it does not read', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ tier: 'TWO' })] }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.location, p.code, p.column])).toEqual([
        [
          'HD05 "TWO" is not a coverage level this portal reads (EMP, IND, ESP, ECH, FAM)', { transaction: '0001', segmentPosition: 10, segmentIndex: 12, segmentId: 'HD', loop: '2300', element: 5 },
          { ik3: '8', ik4: '7' }, 'coverage_tier',
        ],
      ])
    })

    it('reads coverage dates from DTP*348/349 in the coverage loop', () => {
      expect(readMembers([member834({ start: '2027-02-01', end: '2027-11-30' })]).members[0]!.values).toMatchObject({ coverage_start: '2027-02-01', coverage_end: '2027-11-30' })
    })

    it('falls back to the member\'s eligibility dates DTP*356/357', () => {
      const [record] = readMembers([member834({ dates: 'eligibility', start: '2027-03-01', end: '2027-09-30' })]).members
      expect(record!.values).toMatchObject({ coverage_start: '2027-03-01', coverage_end: '2027-09-30' })
    })

    it('prefers the HLT loop that stays over the one a plan change cancels', () => {
      const segments = segmentsOf(build834({ purpose: 'change', transactions: [{ members: [member834({ maintenance: '001', groupCode: 'HDHP-200' })] }] }))
      // An HD 024 loop for the old plan before the new one, as plan changes are sent.
      const ref1L = segments.findIndex((s) => s.id === 'REF' && s.elements[0] === '1L')
      const old = [
        { id: 'HD', elements: ['024', '', 'HLT', 'OLD', 'FAM'] }, { id: 'DTP', elements: ['349', 'D8', '20261231'] }, { id: 'REF', elements: ['1L', 'PPO-100'] },
      ]
      const raw = [...segments.slice(0, 9), ...old, ...segments.slice(9, ref1L + 1), ...segments.slice(ref1L + 1)].map((s) => ({ id: s.id, elements: s.elements }))
      const number = segmentNumberer()
      const renumbered = raw.map((s) => number(s.id, s.elements))
      const se = renumbered.find((s) => s.id === 'SE')!
      se.elements[0] = String(se.position)
      const transaction = read834(renumbered, CONTEXT).transactions[0]!
      expect(transaction.problems).toEqual([])
      expect(transaction.members[0]!.values).toMatchObject({ plan: 'Saver HDHP with HSA', coverage_tier: 'employee', coverage_start: '2027-01-01' })
      expect(transaction.members[0]!.values).not.toHaveProperty('coverage_end')
    })
  })

  describe('member problems, with the position, loop and element a 999 names', () => {
    it('names a date of birth that is not a real date', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ dob: '19800230' })] }] }).transactions[0]!
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 9, segmentIndex: 11, segmentId: 'DMG', loop: '2100A', element: 2 }, code: { ik3: '8', ik4: '8' }, subscriberId: 'E1001',
          column: 'date_of_birth', reason: 'DMG02 "19800230" is not a real date',
        },
      ])
      expect(transaction.members[0]!.values).not.toHaveProperty('date_of_birth')
      expect(transaction.members[0]!.problems).toHaveLength(1)
    })

    it('names a date of birth after the file\'s date', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ dob: '2027-01-01' })] }] }).transactions[0]!
      expect(transaction.problems.map((p) => p.reason)).toEqual(['DMG02 "20270101" is a date of birth after the file\'s date'])
    })

    it('names a coverage date that is not a real date', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ start: '2027-13-01' })] }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.location.segmentPosition, p.location.element, p.code.ik4, p.column])).toEqual([
        ['DTP03 "20271301" is not a real date (DTP*348, benefit begin)', 11, 3, '8', 'coverage_start'],
      ])
    })

    it('names a member without a REF*0F subscriber identifier and keeps no record of them', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ omit: ['REF*0F'] }), member834({ subscriberId: 'E1002' })] }] }).transactions[0]!
      expect(transaction.problems).toEqual([
        { location: { transaction: '0001', segmentPosition: 6, segmentIndex: 8, segmentId: 'REF', loop: '2000' }, code: { ik3: '3' }, column: 'employee_id', reason: 'member has no REF*0F subscriber identifier' },
      ])
      expect(transaction.members.map((m) => m.values.employee_id)).toEqual(['E1002'])
    })

    it('names a maintenance type it does not read', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ maintenance: '099' })] }] }).transactions[0]!
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 5, segmentIndex: 7, segmentId: 'INS', loop: '2000', element: 3 }, code: { ik3: '8', ik4: '7' }, subscriberId: 'E1001',
          reason: 'INS03 "099" is not a maintenance type this portal reads (021, 001, 024, 025, 030)',
        },
      ])
      expect(transaction.members).toEqual([])
    })

    it('names a member without their NM1*IL name', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834({ omit: ['NM1'] })] }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.location.segmentId, p.location.loop, p.code.ik3])).toEqual([['member has no NM1*IL segment with their name (loop 2100A)', 'NM1', '2100A', '3']])
      expect(transaction.members[0]!.problems).toHaveLength(1)
    })
  })

  describe('transaction sets and the envelope', () => {
    it.each([
      ['change', '2', 'change'],
      ['full', '4', 'full'],
      ['RX', 'RX', 'full'],
    ])('reads BGN08 for a %s file (%s) as %s', (purpose, _code, expected) => {
      expect(read({ purpose, transactions: [{ members: [member834()] }] }).transactions[0]!.purpose).toBe(expected)
    })

    it('rejects a transaction set whose BGN08 is not an action it reads', () => {
      const transaction = read({ purpose: '5', transactions: [{ members: [member834()] }] }).transactions[0]!
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 2, segmentIndex: 4, segmentId: 'BGN', loop: '', element: 8 }, code: { ik3: '8', ik4: '7', ik5: '5' },
          reason: 'BGN08 "5" is not an action this portal reads (2 change, 4 verify, RX replace)',
        },
      ])
    })

    it('names an SE01 that does not count the segments', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834()], seCount: 12 }] }).transactions[0]!
      expect(transaction.segmentCount).toBe(13)
      expect(transaction.problems).toEqual([
        {
          location: { transaction: '0001', segmentPosition: 13, segmentIndex: 15, segmentId: 'SE', loop: '', element: 1 }, code: { ik5: '4' },
          reason: 'SE01 says the transaction set has "12" segments, but it has 13 (ST to SE): the file may be cut or edited',
        },
      ])
    })

    it('names an SE02 that is not the ST02 control number', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834()], seControlNumber: '0009' }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.code])).toEqual([['SE02 "0009" does not match ST02 "0001"', { ik5: '3' }]])
    })

    it('names a transaction set that is not an 834', () => {
      const transaction = read({ purpose: 'change', transactions: [{ members: [member834()], transactionSetId: '837' }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.code])).toEqual([['ST01 "837" is not an 834 enrollment', { ik5: '1' }]])
    })

    it('names a transaction set without members', () => {
      const transaction = read({ purpose: 'full', transactions: [{ members: [] }] }).transactions[0]!
      expect(transaction.problems.map((p) => [p.reason, p.location.segmentId, p.code])).toEqual([['the transaction set has no members (no INS segment)', 'INS', { ik3: '3', ik5: '5' }]])
    })

    it('names a transaction set cut short before its SE', () => {
      const segments = segmentsOf(build834({ purpose: 'change', transactions: [{ members: [member834()] }] })).filter((s) => s.id !== 'SE')
      const number = segmentNumberer()
      const interchange = read834(segments.map((s) => number(s.id, s.elements)), CONTEXT)
      expect(interchange.transactions[0]!.problems.map((p) => [p.reason, p.code])).toEqual([['transaction set "0001" has no SE trailer: the file may be cut short', { ik5: '2' }]])
      expect(interchange.transactions[0]!.members).toHaveLength(1)
    })

    it('names GE and IEA counts and control numbers that do not match', () => {
      const interchange = read({ purpose: 'change', transactions: [{ members: [member834()] }], geCount: 2 })
      expect(interchange.problems).toEqual([
        { location: { transaction: '', segmentPosition: 0, segmentIndex: 16, segmentId: 'GE', loop: '', element: 1 }, code: { ak9: '5' }, reason: 'GE01 says the group has "2" transaction sets, but it has 1' },
      ])
      const segments = segmentsOf(build834({ purpose: 'change', transactions: [{ members: [member834()] }] }))
      segments.at(-1)!.elements[1] = '000000906'
      segments.at(-2)!.elements[1] = '906'
      expect(read834(segments, CONTEXT).problems.map((p) => [p.reason, p.code])).toEqual([
        ['GE02 "906" does not match GS06 "905"', { ak9: '4' }],
        ['IEA02 "000000906" does not match ISA13 "000000905"', {}],
      ])
    })

    it('names an interchange cut short before GE and IEA', () => {
      const segments = segmentsOf(build834({ purpose: 'change', transactions: [{ members: [member834()] }] })).slice(0, -2)
      expect(read834(segments, CONTEXT).problems.map((p) => [p.reason, p.code])).toEqual([
        ['the functional group has no GE trailer: the file may be cut short', { ak9: '3' }],
        ['the interchange has no IEA trailer: the file may be cut short', {}],
      ])
    })

    it('names a group that is not benefit enrollment 005010X220', () => {
      const interchange = read({ purpose: 'change', version: '004010X095A1', transactions: [{ members: [member834()] }] })
      expect(interchange.problems.map((p) => [p.reason, p.code])).toEqual([['GS08 "004010X095A1" is not the 834 version this portal reads (005010X220A1)', { ak9: '2' }]])
    })
  })
})

describe('segmentNumberer', () => {
  it('numbers segments within ST..SE from 1 and the whole interchange from ISA', () => {
    const number = segmentNumberer()
    const ids = ['ISA', 'GS', 'ST', 'BGN', 'INS', 'SE', 'ST', 'BGN', 'GE', 'IEA']
    expect(ids.map((id) => number(id, [])).map((s) => [s.id, s.position, s.index])).toEqual([
      ['ISA', 0, 1], ['GS', 0, 2], ['ST', 1, 3], ['BGN', 2, 4], ['INS', 3, 5], ['SE', 4, 6], ['ST', 1, 7], ['BGN', 2, 8], ['GE', 0, 9], ['IEA', 0, 10],
    ])
  })
})
