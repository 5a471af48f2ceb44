import { describe, expect, it } from 'vitest'
import { read834, type X12Context, type X12Interchange } from '~/domain/roster/x12-834'
import { acknowledgmentStatus, transactionStatus, write999 } from '~/domain/roster/x12-999'
import { build834, member834, segmentsOf, type Build834Options } from '../../../support/x12-834-builder'

const CONTEXT: X12Context = { planByGroupCode: new Map([['PPO-100', 'Choice PPO']]), today: '2026-12-04' }
const OPTIONS = { controlNumber: '42', date: new Date('2026-12-04T15:07:00Z') }

function interchangeOf(options: Build834Options): X12Interchange {
  return read834(segmentsOf(build834(options)), CONTEXT)
}
/** The 999's segments, one per entry, without their terminators. */
function segmentsOf999(text: string): string[] {
  expect(text.endsWith('~')).toBe(true)
  return text.slice(0, -1).split('~')
}
/** The segments between AK1 and SE, the part that differs from one 999 to the next. */
function body(text: string): string[] {
  const segments = segmentsOf999(text)
  return segments.slice(segments.findIndex((s) => s.startsWith('AK1')) + 1, segments.findIndex((s) => s.startsWith('SE*')))
}

describe('write999', () => {
  it('accepts a clean 834, with the envelope swapped back to its sender', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()] }] })
    const text = write999(interchange, OPTIONS)
    expect(segmentsOf999(text)).toEqual([
      'ISA*00*          *00*          *ZZ*COEPORTAL      *ZZ*ACMEPAYROLL    *261204*1507*^*00501*000000042*0*P*:',
      'GS*FA*COEPORTAL*ACMEPAYROLL*20261204*1507*42*X*005010X231A1',
      'ST*999*0001*005010X231A1',
      'AK1*BE*905*005010X220A1',
      'AK2*834*0001*005010X220A1',
      'IK5*A',
      'AK9*A*1*1*1',
      'SE*6*0001',
      'GE*1*42',
      'IEA*1*000000042',
    ])
    // The ISA is fixed-width: 105 characters, then the segment terminator.
    expect(text.indexOf('~')).toBe(105)
    expect(acknowledgmentStatus(interchange)).toBe('accepted')
  })

  it('accepts with errors a transaction set where some members have problems and others are fine', () => {
    const interchange = interchangeOf({
      purpose: 'change',
      transactions: [{ members: [member834({ dob: '19800230', groupCode: 'GOLD9' }), member834({ subscriberId: 'E1002', maintenance: '099' }), member834({ subscriberId: 'E1003' })] }],
    })
    const text = write999(interchange, OPTIONS)
    expect(body(text)).toEqual([
      'AK2*834*0001*005010X220A1',
      'IK3*DMG*9*2100A*8', // DMG02 "19800230" is not a real date
      'IK4*2**8',
      'IK3*REF*12*2300*8', // REF*1L "GOLD9" is not one of the plans' codes
      'IK4*2**7',
      'IK3*INS*13*2000*8', // INS03 "099"
      'IK4*3**7',
      'IK5*E*5',
      'AK9*E*1*1*1',
    ])
    expect(segmentsOf999(text).at(-3)).toBe('SE*12*0001')
    expect(transactionStatus(interchange.transactions[0]!)).toBe('E')
    expect(acknowledgmentStatus(interchange)).toBe('accepted_with_errors')
  })

  it('names a missing segment with its IK3 code and no IK4', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834({ omit: ['REF*0F'] }), member834({ subscriberId: 'E1002' })] }] })
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK3*REF*6*2000*3', 'IK5*E*5', 'AK9*E*1*1*1'])
  })

  it('rejects a transaction set whose SE01 does not count its segments', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()], seCount: 3 }] })
    const text = write999(interchange, OPTIONS)
    expect(body(text)).toEqual(['AK2*834*0001*005010X220A1', 'IK5*R*4', 'AK9*R*1*1*0'])
    expect(segmentsOf999(text).at(-3)).toBe('SE*6*0001')
    expect(acknowledgmentStatus(interchange)).toBe('rejected')
  })

  it('rejects a transaction set in which no member could be read', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834({ tier: 'TWO' })] }] })
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK3*HD*10*2300*8', 'IK4*5**7', 'IK5*R*5', 'AK9*R*1*1*0'])
  })

  it('rejects a transaction set with a bad BGN08, naming the header segment without a loop', () => {
    const interchange = interchangeOf({ purpose: 'X', transactions: [{ members: [member834()] }] })
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK3*BGN*2**8', 'IK4*8**7', 'IK5*R*5', 'AK9*R*1*1*0'])
  })

  it('partially accepts a group where one transaction set is rejected and another accepted', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()] }, { members: [member834()], seControlNumber: '0099' }] })
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK5*A', 'AK2*834*0002*005010X220A1', 'IK5*R*3', 'AK9*P*2*2*1'])
    expect(acknowledgmentStatus(interchange)).toBe('accepted_with_errors')
  })

  it('rejects the whole group for an envelope problem, with its AK905 code', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()] }], geCount: 3 })
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK5*A', 'AK9*R*1*1*0*5'])
    expect(acknowledgmentStatus(interchange)).toBe('rejected')
  })

  it('writes a CTX after its IK3, and several IK4s for one segment', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834(), member834({ subscriberId: 'E1002' })] }] })
    const member = interchange.transactions[0]!.members[0]!
    const at = { ...member.location, segmentId: 'NM1', segmentPosition: 7, loop: '2100A' }
    const problems = [
      { location: { ...at, element: 3 }, reason: 'last name', code: { ik3: '8', ik4: '1', ctx: 'SITUATIONAL TRIGGER*INS' } },
      { location: { ...at, element: 4 }, reason: 'first name', code: { ik3: '8', ik4: '6' } },
    ]
    member.problems.push(...problems)
    interchange.transactions[0]!.problems.push(...problems)
    // The CTX keeps its component separator, but never an element separator that would shift the 999.
    expect(body(write999(interchange, OPTIONS))).toEqual(['AK2*834*0001*005010X220A1', 'IK3*NM1*7*2100A*8', 'CTX*SITUATIONAL TRIGGER INS', 'IK4*3**1', 'IK4*4**6', 'IK5*E*5', 'AK9*E*1*1*1'])
  })

  it('takes the sender, receiver and usage it is given', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()] }] })
    const [isa, gs] = segmentsOf999(write999(interchange, { ...OPTIONS, senderId: 'PORTAL01', receiverId: 'TPA', usage: 'T' }))
    expect(isa).toBe('ISA*00*          *00*          *ZZ*PORTAL01       *ZZ*TPA            *261204*1507*^*00501*000000042*0*T*:')
    expect(gs).toBe('GS*FA*PORTAL01*TPA*20261204*1507*42*X*005010X231A1')
  })

  it('refuses a control number that is not 1 to 9 digits, and an ID longer than the ISA field', () => {
    const interchange = interchangeOf({ purpose: 'change', transactions: [{ members: [member834()] }] })
    expect(() => write999(interchange, { ...OPTIONS, controlNumber: '1234567890' })).toThrow('999 control number "1234567890" must be 1 to 9 digits')
    expect(() => write999(interchange, { ...OPTIONS, senderId: 'A-VERY-LONG-SENDER-ID' })).toThrow('999 sender ID "A-VERY-LONG-SENDER-ID" is longer than the ISA\'s 15 characters')
  })
})
