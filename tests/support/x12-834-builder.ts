import { segmentNumberer, type X12Segment } from '~/domain/roster/x12-834'

/*
 * Builds 834 enrollment files in code (made-up people, no real data), with switches to break them
 * the ways real files break: a malformed ISA, segments ended differently from what the ISA says, a
 * wrong SE count, a dependent sent before its subscriber.
 */

export interface Built834Dependent {
  firstName: string
  lastName: string
  /** YYYY-MM-DD, or raw CCYYMMDD text (to send a bad date). */
  dob: string
  /** INS03; 021 by default. */
  maintenance?: string
  /** REF*0F; the subscriber's by default (set another to send an orphan). */
  subscriberId?: string
  /** Send this dependent's loop before the subscriber's. */
  isBeforeSubscriber?: boolean
}

export interface Built834Member {
  subscriberId: string
  /** INS03: 021 add, 001 change, 024 cancel, 025 reinstate, 030 audit (or anything, to break it). */
  maintenance: string
  firstName: string
  lastName: string
  /** YYYY-MM-DD, or raw CCYYMMDD text (to send a bad date). */
  dob: string
  zip: string
  /** REF*1L of the HLT coverage loop. */
  groupCode: string
  /** HD05: EMP, ESP, ECH, FAM… */
  tier: string
  /** Coverage begin (DTP*348, or DTP*356 with `dates: 'eligibility'`); YYYY-MM-DD. */
  start: string
  /** Coverage end (DTP*349, or DTP*357). */
  end?: string
  dependents?: Built834Dependent[]
  /** 'benefit' (default): DTP*348/349 in the HD loop; 'eligibility': DTP*356/357 in the member loop. */
  dates?: 'benefit' | 'eligibility'
  /** HD03 of the coverage loop: HLT by default. */
  insuranceLine?: string
  /** Extra coverage loops (e.g. a dental one) written before the health one. */
  otherLines?: Array<{ line: string; groupCode: string; tier: string }>
  /** Segments of the member's loops left out. */
  omit?: Array<'REF*0F' | 'NM1' | 'DMG' | 'N4' | 'HD'>
}

export interface Built834Transaction {
  members: Built834Member[]
  /** ST02; 0001, 0002… by default. */
  controlNumber?: string
  /** ST01: 834 by default. */
  transactionSetId?: string
  /** SE01 as written; the true count by default. */
  seCount?: number
  /** SE02 as written; ST02 by default. */
  seControlNumber?: string
}

export interface Build834Options {
  /** BGN08: change → 2, full → 4 (verify), or a raw code. */
  purpose: 'change' | 'full' | (string & {})
  transactions: Built834Transaction[]
  /** The terminator the ISA declares (after ISA16): ~ by default. */
  segmentTerminator?: string
  /** What actually ends each segment after the ISA; the declared terminator by default. */
  writtenTerminator?: string
  elementSeparator?: string
  componentSeparator?: string
  /** Written after each segment's terminator: '', '\n' or '\r\n'. */
  lineBreak?: string
  sender?: string
  receiver?: string
  interchangeControlNumber?: string
  groupControlNumber?: string
  /** GS08: 005010X220A1 by default. */
  version?: string
  /** GE01 as written; the true count by default. */
  geCount?: number
  /** Changes the ISA segment's text (without its terminator) to break it. */
  mangleIsa?: (isa: string) => string
  /** A UTF-8 byte-order mark before the ISA. */
  hasBom?: boolean
}

const compact = (date: string) => date.replaceAll('-', '')

/** An 834 file's text. */
export function build834(options: Build834Options): string {
  const e = options.elementSeparator ?? '*'
  const component = options.componentSeparator ?? ':'
  const declared = options.segmentTerminator ?? '~'
  const written = options.writtenTerminator ?? declared
  const lineBreak = options.lineBreak ?? ''
  const interchangeControl = options.interchangeControlNumber ?? '000000905'
  const groupControl = options.groupControlNumber ?? '905'
  const purpose = options.purpose === 'change' ? '2' : options.purpose === 'full' ? '4' : options.purpose
  const line = (...elements: string[]) => elements.join(e)

  const isaFields = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', (options.sender ?? 'ACMEPAYROLL').padEnd(15), 'ZZ', (options.receiver ?? 'COEPORTAL').padEnd(15),
    '261204', '1200', '^', '00501', interchangeControl, '0', 'P', component,
  ]
  const isa = (options.mangleIsa ?? ((text: string) => text))(isaFields.join(e))
  const segments: string[] = [line('GS', 'BE', options.sender ?? 'ACMEPAYROLL', options.receiver ?? 'COEPORTAL', '20261204', '1200', groupControl, 'X', options.version ?? '005010X220A1')]

  options.transactions.forEach((transaction, t) => {
    const control = transaction.controlNumber ?? String(t + 1).padStart(4, '0')
    const body: string[] = [
      line('ST', transaction.transactionSetId ?? '834', control, '005010X220A1'),
      line('BGN', '00', `ENR${control}`, '20261204', '1200', '', '', '', purpose),
      line('N1', 'P5', 'ACME WIDGETS', 'FI', '123456789'),
      line('N1', 'IN', 'COE PORTAL', 'FI', '987654321'),
    ]
    for (const member of transaction.members) {
      const dependents = member.dependents ?? []
      for (const dependent of dependents.filter((d) => d.isBeforeSubscriber)) body.push(...dependentLoop(line, member, dependent))
      body.push(...subscriberLoop(line, member))
      for (const dependent of dependents.filter((d) => !d.isBeforeSubscriber)) body.push(...dependentLoop(line, member, dependent))
    }
    body.push(line('SE', String(transaction.seCount ?? body.length + 1), transaction.seControlNumber ?? control))
    // Not push(...body): a 100,000-member transaction set has more segments than a call has arguments.
    for (const segment of body) segments.push(segment)
  })
  segments.push(line('GE', String(options.geCount ?? options.transactions.length), groupControl), line('IEA', '1', interchangeControl))

  return (options.hasBom ? '\uFEFF' : '') + isa + declared + lineBreak + segments.map((s) => s + written + lineBreak).join('')
}

function subscriberLoop(line: (...elements: string[]) => string, member: Built834Member): string[] {
  const omit = new Set(member.omit ?? [])
  const isEligibility = member.dates === 'eligibility'
  const loop = [line('INS', 'Y', '18', member.maintenance, '28', 'A', '', '', 'FT')]
  if (!omit.has('REF*0F')) loop.push(line('REF', '0F', member.subscriberId))
  if (isEligibility) {
    loop.push(line('DTP', '356', 'D8', compact(member.start)))
    if (member.end) loop.push(line('DTP', '357', 'D8', compact(member.end)))
  }
  if (!omit.has('NM1')) loop.push(line('NM1', 'IL', '1', member.lastName, member.firstName, '', '', '', '34', '999001234'))
  if (!omit.has('N4')) loop.push(line('N4', 'COLUMBUS', 'OH', member.zip))
  if (!omit.has('DMG')) loop.push(line('DMG', 'D8', compact(member.dob), 'F'))
  for (const other of member.otherLines ?? []) {
    loop.push(line('HD', member.maintenance, '', other.line, 'DENTAL PLAN', other.tier), line('DTP', '348', 'D8', '20250101'), line('REF', '1L', other.groupCode))
  }
  if (!omit.has('HD')) {
    loop.push(line('HD', member.maintenance, '', member.insuranceLine ?? 'HLT', 'MEDICAL PLAN', member.tier))
    if (!isEligibility) {
      loop.push(line('DTP', '348', 'D8', compact(member.start)))
      if (member.end) loop.push(line('DTP', '349', 'D8', compact(member.end)))
    }
    loop.push(line('REF', '1L', member.groupCode))
  }
  return loop
}

function dependentLoop(line: (...elements: string[]) => string, member: Built834Member, dependent: Built834Dependent): string[] {
  const maintenance = dependent.maintenance ?? '021'
  return [
    line('INS', 'N', '19', maintenance, '25', 'A'),
    line('REF', '0F', dependent.subscriberId ?? member.subscriberId),
    line('NM1', 'IL', '1', dependent.lastName, dependent.firstName),
    line('DMG', 'D8', compact(dependent.dob), 'M'),
    line('HD', maintenance, '', 'HLT', 'MEDICAL PLAN', member.tier),
    line('DTP', '348', 'D8', compact(member.start)),
  ]
}

/** A member with sensible defaults, for tests that change one thing. */
export function member834(overrides: Partial<Built834Member> = {}): Built834Member {
  return {
    subscriberId: 'E1001', maintenance: '021', firstName: 'ANA', lastName: 'RIVERA', dob: '1984-03-09', zip: '43215', groupCode: 'PPO-100', tier: 'EMP', start: '2027-01-01',
    ...overrides,
  }
}

/**
 * Splits built 834 text into numbered segments for the pure reader (a test-side tokenizer: the
 * delimiters from the ISA, CR/LF after terminators dropped). The file reader uses x12-parser.
 */
export function segmentsOf(text: string): X12Segment[] {
  const body = text.replace(/^\uFEFF/, '')
  const element = body[3]!
  const terminator = body[105]!
  const number = segmentNumberer()
  return body
    .split(terminator)
    .map((raw) => raw.replace(/^[\r\n]+/, ''))
    .filter((raw) => raw.length > 0)
    .map((raw) => {
      const [id = '', ...elements] = raw.split(element)
      return number(id, elements)
    })
}
