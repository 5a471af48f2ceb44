import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { X12Context } from '~/domain/roster/x12-834'
import { looksLikeX12, read834File, X12FileError } from '~/services/x12-834-reader.server'
import { build834, member834, type Build834Options } from '../support/x12-834-builder'

/*
 * 834 files on disk through x12-parser and read834: the delimiters come from the ISA segment, line
 * breaks after terminators are layout, and a file that is not an 834 as its ISA describes it is
 * refused with one message that names the file.
 */

const CONTEXT: X12Context = { planByGroupCode: new Map([['PPO-100', 'Choice PPO'], ['HDHP-200', 'Saver HDHP with HSA']]), today: '2026-12-04' }
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'x12-834-'))
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }))

let files = 0
function file(content: string | Buffer): string {
  const name = path.join(directory, `enrollment-${++files}.edi`)
  fs.writeFileSync(name, content)
  return name
}
const read = (options: Build834Options) => read834File(file(build834(options)), { label: 'enrollment.edi', context: CONTEXT })
async function refusal(content: string | Buffer): Promise<string> {
  const error = await read834File(file(content), { label: 'enrollment.edi', context: CONTEXT }).then(
    () => null,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(X12FileError)
  expect((error as X12FileError).file).toBe('enrollment.edi')
  return (error as X12FileError).message
}

const TWO_MEMBERS: Build834Options = {
  purpose: 'full',
  transactions: [{ members: [member834({ maintenance: '030', tier: 'FAM', dependents: [{ firstName: 'LEO', lastName: 'RIVERA', dob: '2015-05-02' }] }), member834({ subscriberId: 'E1002', maintenance: '030', groupCode: 'hdhp-200' })] }],
}

describe('read834File', () => {
  it.each([
    ['no line breaks', ''],
    ['LF after each segment', '\n'],
    ['CRLF after each segment', '\r\n'],
  ])('reads a file with %s the same way', async (_name, lineBreak) => {
    const interchange = await read({ ...TWO_MEMBERS, lineBreak })
    expect(interchange.problems).toEqual([])
    expect(interchange.transactions.map((t) => [t.controlNumber, t.purpose, t.segmentCount, t.problems])).toEqual([['0001', 'full', 27, []]])
    expect(interchange.transactions[0]!.members.map((m) => [m.location.segmentIndex, m.values])).toEqual([
      [
        7,
        {
          employee_id: 'E1001', first_name: 'ANA', last_name: 'RIVERA', date_of_birth: '1984-03-09', zip: '43215', plan: 'Choice PPO', coverage_tier: 'family',
          coverage_start: '2027-01-01', dependents: '1',
        },
      ],
      [
        21,
        {
          employee_id: 'E1002', first_name: 'ANA', last_name: 'RIVERA', date_of_birth: '1984-03-09', zip: '43215', plan: 'Saver HDHP with HSA', coverage_tier: 'employee',
          coverage_start: '2027-01-01', dependents: '0',
        },
      ],
    ])
  })

  it('takes the delimiters from the ISA segment, after a byte-order mark and blank lines', async () => {
    const text = build834({ ...TWO_MEMBERS, elementSeparator: '|', componentSeparator: '>', segmentTerminator: "'", lineBreak: '\r\n' })
    const interchange = await read834File(file(`\uFEFF\r\n${text}`), { label: 'enrollment.edi', context: CONTEXT })
    expect(interchange).toMatchObject({ sender: 'ACMEPAYROLL', controlNumber: '000000905', groupControlNumber: '905', problems: [] })
    expect(interchange.transactions[0]!.members.map((m) => m.values.employee_id)).toEqual(['E1001', 'E1002'])
  })

  it('keeps letters outside ASCII', async () => {
    const interchange = await read({ purpose: 'change', transactions: [{ members: [member834({ firstName: 'MARÍA JOSÉ', lastName: 'NÚÑEZ' })] }] })
    expect(interchange.transactions[0]!.members[0]!.values).toMatchObject({ first_name: 'MARÍA JOSÉ', last_name: 'NÚÑEZ' })
  })

  it('reads several transaction sets and reports member problems without refusing the file', async () => {
    const interchange = await read({ purpose: 'change', transactions: [{ members: [member834({ dob: '19800230' })] }, { members: [member834({ subscriberId: 'E2001' })] }] })
    expect(interchange.transactions.map((t) => [t.controlNumber, t.problems.map((p) => p.reason), t.members.length])).toEqual([
      ['0001', ['DMG02 "19800230" is not a real date'], 1],
      ['0002', [], 1],
    ])
  })

  describe('refuses a file it cannot read as an 834', () => {
    it('that does not start with ISA', async () => {
      expect(await refusal('employee_id,first_name\nE1,Ann\n')).toBe('enrollment.edi: the file does not start with an ISA segment: not an X12 file')
    })

    it('that is empty', async () => {
      expect(await refusal('')).toBe('enrollment.edi: the file is empty')
    })

    it('whose ISA segment has a field of the wrong width', async () => {
      const text = build834({ ...TWO_MEMBERS, mangleIsa: (isa) => isa.replace('ACMEPAYROLL    ', 'ACMEPAYROLL') })
      expect(await refusal(text)).toBe('enrollment.edi: ISA segment is malformed: ISA06 is "ACMEPAYROLL" (11 characters), but it must be exactly 15 (ISA fields have fixed widths)')
    })

    it('whose ISA segment is cut short', async () => {
      expect(await refusal('ISA*00*          *00*')).toBe(
        'enrollment.edi: ISA segment is malformed: it is 21 characters long, but an ISA segment is always 106 (fixed-width fields and the segment terminator)',
      )
    })

    it('whose ISA segment has a field too many', async () => {
      const text = build834({ ...TWO_MEMBERS, mangleIsa: (isa) => `${isa}*X` })
      expect(await refusal(text)).toBe('enrollment.edi: ISA segment is malformed: the character after ISA16 must be the segment terminator, but it is "*": the ISA segment is longer than its fixed 106 characters')
    })

    it('whose segments end with line breaks when the ISA declares "~"', async () => {
      const text = build834({ ...TWO_MEMBERS, writtenTerminator: '\n' })
      expect(await refusal(text)).toBe(
        'enrollment.edi: segment 2 ends at a line break without "~", the segment terminator the ISA segment declares: the file\'s segments are not ended the way its ISA says',
      )
    })

    it('with a segment broken by a line break further on', async () => {
      const text = build834({ ...TWO_MEMBERS, lineBreak: '\r\n' }).replace('NM1*IL*1*RIVERA*ANA', 'NM1*IL*1*RIVERA\r\n*ANA')
      expect(await refusal(text)).toMatch(/^enrollment\.edi: segment 9 ends at a line break without "~"/)
    })

    it('whose segments use another terminator than the ISA declares', async () => {
      const text = build834({ ...TWO_MEMBERS, writtenTerminator: "'" })
      const members = Array.from({ length: 400 }, (_, i) => member834({ subscriberId: `E${i}` }))
      const long = build834({ purpose: 'change', transactions: [{ members }], writtenTerminator: "'" })
      expect(text.length).toBeLessThan(65_536)
      expect(await refusal(text)).toBe(
        'enrollment.edi: segment 2 ends at the end of the file without "~", the segment terminator the ISA segment declares: the file\'s segments are not ended the way its ISA says',
      )
      expect(await refusal(long)).toBe(
        'enrollment.edi: segment 2 runs past 65,536 bytes without "~", the segment terminator the ISA segment declares: the file\'s segments are not ended the way its ISA says',
      )
    })

    it('that is cut short inside a segment', async () => {
      const text = build834(TWO_MEMBERS)
      expect(await refusal(text.slice(0, text.indexOf('NM1*IL') + 10))).toBe('enrollment.edi: the file ends inside segment 9, without its terminator "~": the file may be cut short')
    })

    it('whose transaction set is not an 834', async () => {
      expect(await refusal(build834({ ...TWO_MEMBERS, transactions: [{ members: [member834()], transactionSetId: '837' }] }))).toBe('enrollment.edi: ST01 "837" is not an 834 enrollment')
    })

    it('that is not UTF-8 text', async () => {
      const text = build834({ purpose: 'change', transactions: [{ members: [member834({ lastName: 'NÚÑEZ' })] }] })
      expect(await refusal(Buffer.from(text, 'latin1'))).toBe('enrollment.edi: segment 9 (NM1) is not UTF-8 text: a letter such as "é" was saved in another encoding')
    })

    it('that is missing', async () => {
      const error = await read834File(path.join(directory, 'nothing.edi'), { label: 'enrollment.edi', context: CONTEXT }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(X12FileError)
      expect((error as Error).message).toBe('enrollment.edi: file not found')
    })
  })

  it('reads a 100,000-member full file in seconds', async () => {
    const members = Array.from({ length: 100_000 }, (_, i) =>
      member834({ subscriberId: `E${i}`, maintenance: '030', tier: i % 4 === 0 ? 'FAM' : 'EMP', dependents: i % 4 === 0 ? [{ firstName: 'KID', lastName: 'RIVERA', dob: '2015-05-02' }] : [] }),
    )
    const name = file(build834({ purpose: 'full', transactions: [{ members }], lineBreak: '\r\n' }))
    expect(fs.statSync(name).size).toBeGreaterThan(20_000_000)
    const started = performance.now()
    const interchange = await read834File(name, { label: 'enrollment.edi', context: CONTEXT })
    expect(performance.now() - started).toBeLessThan(10_000)
    const [transaction] = interchange.transactions
    expect(interchange.problems).toEqual([])
    expect(transaction!.problems).toEqual([])
    expect(transaction!.members).toHaveLength(100_000)
    expect(transaction!.members.filter((m) => m.values.dependents === '1')).toHaveLength(25_000)
    expect(transaction!.members.at(-1)!.values).toMatchObject({ employee_id: 'E99999', plan: 'Choice PPO', dependents: '0' })
  })
})

describe('looksLikeX12', () => {
  it.each([
    ['ISA*00*', true],
    ['\uFEFF\r\n  ISA*00*', true],
    ['employee_id,first_name', false],
    ['IS', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeX12(Buffer.from(text))).toBe(expected)
  })
})
