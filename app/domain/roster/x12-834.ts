import { isIsoDate } from '~/domain/dates'
import type { ROSTER_COLUMNS } from '~/domain/roster/roster-row'

/*
 * ANSI X12 834 benefit enrollment (005010X220A1) read into roster records (ADR 0013). The parser
 * package only splits the text into segments; every 834 rule below is ours: envelope counts and
 * control numbers, loops, maintenance types, which segment carries which roster column, and the
 * link from dependents to their subscriber. Problems name the segment position and loop the way a
 * 999 acknowledgment (IK3/IK4) needs them, with a reason a benefits manager can act on.
 */

type RosterColumn = (typeof ROSTER_COLUMNS)[number]

/** One segment of an interchange, split with the delimiters its ISA segment declares. */
export interface X12Segment {
  id: string
  /** The element values: elements[0] is XX01. A composite element keeps its component separators. */
  elements: string[]
  /** 1-based number within its transaction set (ST = 1 … SE); 0 for envelope segments outside ST..SE. */
  position: number
  /** 1-based number within the interchange (ISA = 1). */
  index: number
}

export interface X12Context {
  /** REF*1L group or policy number (compared without regard to case) → the plan's name. */
  planByGroupCode: ReadonlyMap<string, string>
  /** The file's date (YYYY-MM-DD): no one is born after it. */
  today: string
}

export type X12Maintenance = 'add' | 'change' | 'cancel' | 'reinstate' | 'audit'

export interface X12Location {
  /** ST02 control number; '' for envelope segments. */
  transaction: string
  /** 1-based within ST..SE, as 999 IK3 wants; 0 for envelope segments. */
  segmentPosition: number
  /** 1-based within the interchange (ISA = 1), for messages that count segments of the whole file. */
  segmentIndex: number
  segmentId: string
  /** e.g. '2000', '2100A', '2300'; '' for the header and envelope. */
  loop: string
  /** 1-based element position. */
  element?: number
}

export interface X12Problem {
  location: X12Location
  reason: string
  /**
   * The 999's codes: ik3 = IK304 segment error, ik4 = IK403 element error, ctx = a CTX01 context,
   * ik5 = IK502 when the problem rejects its whole transaction set, ak9 = AK905 when it rejects the
   * functional group.
   */
  code: { ik3?: string; ik4?: string; ctx?: string; ik5?: string; ak9?: string }
  /** REF*0F of the member (or the dependent's subscriber) the problem belongs to, when known. */
  subscriberId?: string
  /** The roster column the problem keeps from being read, when there is one. */
  column?: RosterColumn
}

export interface X12MemberRecord {
  /** Of the member's INS segment. */
  location: X12Location
  /** From INS03: 021 add, 001 change, 024 cancel (termination), 025 reinstate, 030 audit. */
  maintenance: X12Maintenance
  /** CSV-shaped values with only the columns this member's loops carry (keys from ROSTER_COLUMNS). */
  values: Record<string, string>
  /** Dependent loops (INS01 N) linked to this subscriber in the transaction, cancelled ones included. */
  dependentsSeen: number
  /** This member's problems and those of its dependents (also in the transaction's problems); empty when the record is sound. */
  problems: X12Problem[]
}

export interface X12Transaction {
  controlNumber: string
  /** BGN08: '2' change; '4' verify and 'RX' replace are full files. */
  purpose: 'change' | 'full'
  /** Subscribers whose INS01, INS03 and REF*0F could be read, in file order, with or without problems. */
  members: X12MemberRecord[]
  /** Every problem of the transaction set, in segment order (a problem with code.ik5 rejects it whole). */
  problems: X12Problem[]
  /** Segments from ST to SE, both included. */
  segmentCount: number
}

export interface X12Interchange {
  /** ISA06, trimmed. */
  sender: string
  /** ISA08, trimmed. */
  receiver: string
  /** ISA13. */
  controlNumber: string
  /** GS06. */
  groupControlNumber: string
  /** GS08. */
  version: string
  transactions: X12Transaction[]
  /** Envelope problems (ISA, GS, GE, IEA): any of them rejects the whole functional group. */
  problems: X12Problem[]
}

export interface X12834Reader {
  push(segment: X12Segment): void
  finish(): X12Interchange
}

const MAINTENANCE: Readonly<Record<string, X12Maintenance>> = { '021': 'add', '001': 'change', '024': 'cancel', '025': 'reinstate', '030': 'audit' }
const MAINTENANCE_CODES = Object.keys(MAINTENANCE).join(', ')
const CANCEL = '024'

/** HD05 coverage level → roster tier. EMPCH is not an X12 code, but some payroll exports write it for ECH. */
const TIERS: Readonly<Record<string, string>> = { EMP: 'employee', IND: 'employee', ESP: 'employee_spouse', ECH: 'employee_children', EMPCH: 'employee_children', FAM: 'family' }

/** NM101 of the 2100 loops that follow INS; any other code there is a 2100G responsible person. */
const MEMBER_NAME_LOOPS: Readonly<Record<string, string>> = { IL: '2100A', '70': '2100B', '31': '2100C', '36': '2100D', M8: '2100E', S3: '2100F', '45': '2100H' }
const HEADER_NAME_LOOPS: Readonly<Record<string, string>> = { P5: '1000A', IN: '1000B', BO: '1000C', TV: '1000C' }
const DATE_WORDS: Readonly<Record<string, string>> = { '348': 'benefit begin', '349': 'benefit end', '356': 'eligibility begin', '357': 'eligibility end' }
const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/

/** Gives each segment its position within ST..SE and its index within the interchange; call once per segment, in file order. */
export function segmentNumberer(): (id: string, elements: string[]) => X12Segment {
  let index = 0
  let position = 0
  return (id, elements) => {
    index++
    // An envelope segment closes a transaction set that lacks its SE, so it is never counted in one.
    if (id === 'ISA' || id === 'GS' || id === 'GE' || id === 'IEA') position = 0
    if (id === 'ST') position = 1
    else if (position > 0) position++
    const segment: X12Segment = { id, elements, position, index }
    if (id === 'SE') position = 0
    return segment
  }
}

/** Reads one interchange's segments (numbered by segmentNumberer) as roster records, problems and the facts a 999 needs. */
export function read834(segments: readonly X12Segment[], context: X12Context): X12Interchange {
  const reader = start834Reader(context)
  for (const segment of segments) reader.push(segment)
  return reader.finish()
}

/** The same as read834, one segment at a time, so a large file never holds all its segments at once. */
export function start834Reader(context: X12Context): X12834Reader {
  return new Interchange834Reader(context)
}

/** CCYYMMDD → YYYY-MM-DD when it is a real calendar date. */
function x12Date(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`
  return isIsoDate(iso) ? iso : null
}

function element(segment: X12Segment, position: number): string {
  return (segment.elements[position - 1] ?? '').trim()
}

function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`
}

interface Coverage {
  hd: X12Segment
  maintenanceCode: string
  levelCode: string
  groupCode?: X12Segment
  begin?: string
  end?: string
}

interface MemberState {
  ins: X12Segment
  isSubscriber: boolean | null
  maintenance: X12Maintenance | null
  subscriberId?: string
  subscriberReference?: X12Segment
  memberGroupCode?: X12Segment
  eligibilityBegin?: string
  eligibilityEnd?: string
  nameSegment?: X12Segment
  values: Partial<Record<RosterColumn, string>>
  coverages: Coverage[]
  /** The HLT coverage loop being read; 'other' for a dental, vision or other line (not our benefit). */
  coverage: Coverage | 'other' | null
  section: 'member' | 'coverage' | 'reporting'
  loop: string
  isAfterCoordinationOfBenefits: boolean
  last: X12Segment
  problems: X12Problem[]
}

interface MemberProblem {
  /** The segment the problem is in, or (with `missing`) the one the expected position counts from. */
  segment: X12Segment
  loop: string
  reason: string
  element?: number
  ik4?: string
  column?: RosterColumn
  missing?: { segmentId: string; position: number; ik3: string }
}

interface DependentGroup {
  seen: number
  counted: number
  /** Where each dependent's REF*0F is, to name an orphan in a full file. */
  references: X12Location[]
  problems: X12Problem[]
}

interface TransactionState {
  st: X12Segment
  controlNumber: string
  purpose: 'change' | 'full'
  hasBgn: boolean
  memberLoops: number
  headerLoop: string
  member: MemberState | null
  members: X12MemberRecord[]
  subscriberIds: Set<string>
  dependents: Map<string, DependentGroup>
  problems: X12Problem[]
  last: X12Segment
}

class Interchange834Reader implements X12834Reader {
  private readonly planByUpperCode = new Map<string, string>()
  private readonly knownCodes: string
  private sender = ''
  private receiver = ''
  private controlNumber = ''
  private groupControlNumber = ''
  private version = ''
  private readonly transactions: X12Transaction[] = []
  private readonly problems: X12Problem[] = []
  private state: 'start' | 'interchange' | 'group' | 'ended' = 'start'
  private groups = 0
  private transactionsInGroup = 0
  private transaction: TransactionState | null = null
  private last: X12Segment | null = null

  constructor(private readonly context: X12Context) {
    for (const [code, plan] of context.planByGroupCode) this.planByUpperCode.set(code.trim().toUpperCase(), plan)
    this.knownCodes = [...context.planByGroupCode.keys()].join(', ')
  }

  push(segment: X12Segment): void {
    this.last = segment
    if (this.state === 'start' && segment.id !== 'ISA') {
      this.envelopeProblem(segment, 'the interchange does not start with an ISA segment')
      this.state = 'interchange'
    }
    switch (segment.id) {
      case 'ISA': return this.isa(segment)
      case 'GS': return this.gs(segment)
      case 'ST': return this.st(segment)
      case 'SE': return this.se(segment)
      case 'GE': return this.ge(segment)
      case 'IEA': return this.iea(segment)
    }
    if (this.transaction) return this.transactionSegment(this.transaction, segment)
    this.envelopeProblem(segment, `segment ${segment.id} is outside a transaction set (between ST and SE)`)
  }

  finish(): X12Interchange {
    const last = this.last
    if (!last) {
      this.problems.push({ location: { transaction: '', segmentPosition: 0, segmentIndex: 1, segmentId: 'ISA', loop: '' }, reason: 'the interchange has no segments', code: {} })
    } else {
      if (this.transaction) this.closeWithoutTrailer(this.transaction, last)
      if (this.state === 'group') this.envelopeProblem(last, 'the functional group has no GE trailer: the file may be cut short', '3')
      if (this.state !== 'ended') this.envelopeProblem(last, 'the interchange has no IEA trailer: the file may be cut short')
    }
    return {
      sender: this.sender, receiver: this.receiver, controlNumber: this.controlNumber, groupControlNumber: this.groupControlNumber, version: this.version,
      transactions: this.transactions, problems: this.problems,
    }
  }

  private envelopeProblem(segment: X12Segment, reason: string, ak9?: string, element?: number) {
    const location: X12Location = { transaction: '', segmentPosition: 0, segmentIndex: segment.index, segmentId: segment.id, loop: '' }
    if (element !== undefined) location.element = element
    this.problems.push({ location, reason, code: ak9 ? { ak9 } : {} })
  }

  private isa(segment: X12Segment) {
    if (this.state !== 'start') {
      this.envelopeProblem(segment, this.state === 'ended' ? 'the file holds a second interchange after IEA: send one interchange per file' : 'a second ISA segment before the IEA trailer')
      return
    }
    this.state = 'interchange'
    this.sender = element(segment, 6)
    this.receiver = element(segment, 8)
    this.controlNumber = element(segment, 13)
  }

  private gs(segment: X12Segment) {
    if (this.transaction) this.closeWithoutTrailer(this.transaction, segment)
    if (this.state === 'group') this.envelopeProblem(segment, 'a GS segment before the previous functional group\'s GE trailer', '3')
    this.groups++
    this.transactionsInGroup = 0
    this.state = 'group'
    if (this.groups > 1) {
      this.envelopeProblem(segment, 'the interchange holds more than one functional group (GS): send one group of 834 enrollments per file', '1')
      return
    }
    this.groupControlNumber = element(segment, 6)
    this.version = element(segment, 8)
    const functionalId = element(segment, 1)
    if (functionalId !== 'BE') this.envelopeProblem(segment, `GS01 ${quoted(functionalId)} is not a benefit enrollment group (BE)`, '1', 1)
    if (!this.version.startsWith('005010X220')) {
      this.envelopeProblem(segment, `GS08 ${quoted(this.version)} is not the 834 version this portal reads (005010X220A1)`, '2', 8)
    }
  }

  private st(segment: X12Segment) {
    if (this.transaction) this.closeWithoutTrailer(this.transaction, segment)
    if (this.state !== 'group') this.envelopeProblem(segment, 'a transaction set (ST) outside a functional group (GS..GE)')
    this.transactionsInGroup++
    const transaction: TransactionState = {
      st: segment, controlNumber: element(segment, 2), purpose: 'change', hasBgn: false, memberLoops: 0, headerLoop: '', member: null, members: [],
      subscriberIds: new Set(), dependents: new Map(), problems: [], last: segment,
    }
    this.transaction = transaction
    const setId = element(segment, 1)
    if (setId !== '834') this.transactionProblem(transaction, segment, '', `ST01 ${quoted(setId)} is not an 834 enrollment`, { ik5: '1' })
    if (!transaction.controlNumber) this.transactionProblem(transaction, segment, '', 'ST02 (the transaction set control number) is empty', { ik5: '7' })
  }

  private se(segment: X12Segment) {
    const transaction = this.transaction
    if (!transaction) {
      this.envelopeProblem(segment, 'an SE trailer without its ST header')
      return
    }
    transaction.last = segment
    this.endMember(transaction)
    const declared = element(segment, 1)
    if (declared !== String(segment.position)) {
      this.transactionProblem(transaction, segment, '', `SE01 says the transaction set has ${quoted(declared)} segments, but it has ${segment.position} (ST to SE): the file may be cut or edited`, { ik5: '4' }, 1)
    }
    const control = element(segment, 2)
    if (control !== transaction.controlNumber) {
      this.transactionProblem(transaction, segment, '', `SE02 ${quoted(control)} does not match ST02 ${quoted(transaction.controlNumber)}`, { ik5: '3' }, 2)
    }
    this.closeTransaction(transaction, segment.position)
  }

  private ge(segment: X12Segment) {
    if (this.transaction) this.closeWithoutTrailer(this.transaction, segment)
    if (this.state !== 'group') {
      this.envelopeProblem(segment, 'a GE trailer without its GS header')
      return
    }
    this.state = 'interchange'
    if (this.groups > 1) return
    const declared = element(segment, 1)
    if (declared !== String(this.transactionsInGroup)) {
      this.envelopeProblem(segment, `GE01 says the group has ${quoted(declared)} transaction sets, but it has ${this.transactionsInGroup}`, '5', 1)
    }
    const control = element(segment, 2)
    if (control !== this.groupControlNumber) this.envelopeProblem(segment, `GE02 ${quoted(control)} does not match GS06 ${quoted(this.groupControlNumber)}`, '4', 2)
  }

  private iea(segment: X12Segment) {
    if (this.transaction) this.closeWithoutTrailer(this.transaction, segment)
    if (this.state === 'group') this.envelopeProblem(segment, 'the functional group has no GE trailer', '3')
    if (this.state === 'ended') {
      this.envelopeProblem(segment, 'a second IEA trailer')
      return
    }
    this.state = 'ended'
    const declared = element(segment, 1)
    if (declared !== String(this.groups)) this.envelopeProblem(segment, `IEA01 says the interchange has ${quoted(declared)} functional groups, but it has ${this.groups}`, undefined, 1)
    const control = element(segment, 2)
    if (control !== this.controlNumber) this.envelopeProblem(segment, `IEA02 ${quoted(control)} does not match ISA13 ${quoted(this.controlNumber)}`, undefined, 2)
  }

  /** A transaction set cut short by the next ST, GE, IEA or the end of the file. */
  private closeWithoutTrailer(transaction: TransactionState, next: X12Segment) {
    this.endMember(transaction)
    this.transactionProblem(transaction, next, '', `transaction set ${quoted(transaction.controlNumber)} has no SE trailer: the file may be cut short`, { ik5: '2' })
    this.closeTransaction(transaction, transaction.last.position)
  }

  private closeTransaction(transaction: TransactionState, segmentCount: number) {
    if (!transaction.hasBgn) this.transactionProblem(transaction, transaction.st, '', 'the transaction set has no BGN segment, so it cannot say whether it is a change or a full file', { ik3: '3', ik5: '5' }, undefined, 'BGN', 2)
    if (transaction.memberLoops === 0) {
      this.transactionProblem(transaction, transaction.last, '2000', 'the transaction set has no members (no INS segment)', { ik3: '3', ik5: '5' }, undefined, 'INS')
    }
    for (const [subscriberId, group] of transaction.dependents) {
      if (transaction.subscriberIds.has(subscriberId) || transaction.purpose !== 'full') continue
      // In a change file a dependent may change alone; a full file must list the subscriber too.
      for (const location of group.references) {
        const problem: X12Problem = {
          location: { ...location, element: 2 }, subscriberId, column: 'dependents',
          reason: `dependent's subscriber ${quoted(subscriberId)} (REF*0F) is not in this full file`, code: { ik3: '8', ik4: 'I12' },
        }
        transaction.problems.push(problem)
      }
    }
    for (const record of transaction.members) {
      const subscriberId = record.values.employee_id ?? ''
      const group = transaction.dependents.get(subscriberId)
      record.dependentsSeen = group?.seen ?? 0
      // A change file that carries no dependent for the subscriber says nothing about them.
      if (group || transaction.purpose === 'full') record.values.dependents = String(group?.counted ?? 0)
      if (group) record.problems.push(...group.problems)
      if (record.problems.length > 1) record.problems.sort(bySegment)
    }
    transaction.problems.sort(bySegment)
    this.transactions.push({
      controlNumber: transaction.controlNumber, purpose: transaction.purpose, members: transaction.members, problems: transaction.problems, segmentCount,
    })
    this.transaction = null
  }

  private transactionProblem(
    transaction: TransactionState, segment: X12Segment, loop: string, reason: string, code: X12Problem['code'], element?: number, segmentId = segment.id, position = segment.position,
  ) {
    const location: X12Location = { transaction: transaction.controlNumber, segmentPosition: position, segmentIndex: segment.index + (position - segment.position), segmentId, loop }
    if (element !== undefined) location.element = element
    transaction.problems.push({ location, reason, code })
  }

  private transactionSegment(transaction: TransactionState, segment: X12Segment) {
    transaction.last = segment
    if (segment.id === 'INS') {
      this.endMember(transaction)
      if (!transaction.hasBgn) {
        this.transactionProblem(transaction, segment, '', 'the transaction set has no BGN segment before its first member', { ik3: '3', ik5: '5' }, undefined, 'BGN', 2)
        transaction.hasBgn = true
      }
      transaction.memberLoops++
      transaction.member = this.startMember(transaction, segment)
      return
    }
    if (transaction.member) return this.memberSegment(transaction, transaction.member, segment)
    if (segment.id === 'BGN') return this.bgn(transaction, segment)
    if (segment.id === 'N1') transaction.headerLoop = HEADER_NAME_LOOPS[element(segment, 1)] ?? transaction.headerLoop
    else if (segment.id === 'ACT') transaction.headerLoop = '1100C'
    if (!SEGMENT_ID.test(segment.id)) {
      this.transactionProblem(transaction, segment, transaction.headerLoop, `${quoted(segment.id)} is not a segment ID: the segment may be damaged`, { ik3: '1', ik5: '5' })
    }
  }

  private bgn(transaction: TransactionState, segment: X12Segment) {
    transaction.hasBgn = true
    const action = element(segment, 8)
    if (action === '2') transaction.purpose = 'change'
    else if (action === '4' || action === 'RX') transaction.purpose = 'full'
    else if (!action) {
      this.transactionProblem(transaction, segment, '', 'BGN08 is empty: it must say whether the file holds changes (2) or every member (4 verify, RX replace)', { ik3: '8', ik4: '1', ik5: '5' }, 8)
    } else {
      this.transactionProblem(transaction, segment, '', `BGN08 ${quoted(action)} is not an action this portal reads (2 change, 4 verify, RX replace)`, { ik3: '8', ik4: '7', ik5: '5' }, 8)
    }
  }

  private startMember(transaction: TransactionState, ins: X12Segment): MemberState {
    const member: MemberState = {
      ins, isSubscriber: null, maintenance: null, values: {}, coverages: [], coverage: null, section: 'member', loop: '2000', isAfterCoordinationOfBenefits: false,
      last: ins, problems: [],
    }
    const kind = element(ins, 1)
    if (kind === 'Y' || kind === 'N') member.isSubscriber = kind === 'Y'
    else {
      const reason = kind ? `INS01 ${quoted(kind)} must be Y (subscriber) or N (dependent)` : 'INS01 is empty: it must be Y (subscriber) or N (dependent)'
      this.memberProblem(transaction, member, { segment: ins, loop: '2000', element: 1, reason, ik4: kind ? '7' : '1' })
    }
    const code = element(ins, 3)
    member.maintenance = MAINTENANCE[code] ?? null
    if (!member.maintenance) {
      const reason = code
        ? `INS03 ${quoted(code)} is not a maintenance type this portal reads (${MAINTENANCE_CODES})`
        : `INS03 (the maintenance type) is empty: it must be one of ${MAINTENANCE_CODES}`
      this.memberProblem(transaction, member, { segment: ins, loop: '2000', element: 3, reason, ik4: code ? '7' : '1' })
    }
    return member
  }

  /**
   * Records a problem of the member's loops. A data element error is IK3 code 8 with the IK4 code;
   * a missing segment names the segment and the position where it was expected, with its own IK3 code.
   */
  private memberProblem(transaction: TransactionState, member: MemberState, problem: MemberProblem) {
    const { segment, missing } = problem
    const position = missing?.position ?? segment.position
    const location: X12Location = {
      transaction: transaction.controlNumber, segmentPosition: position, segmentIndex: segment.index + (position - segment.position),
      segmentId: missing?.segmentId ?? segment.id, loop: problem.loop,
    }
    if (problem.element !== undefined) location.element = problem.element
    const code: X12Problem['code'] = { ik3: missing?.ik3 ?? '8' }
    if (problem.ik4) code.ik4 = problem.ik4
    const recorded: X12Problem = { location, reason: problem.reason, code }
    if (problem.column) recorded.column = problem.column
    member.problems.push(recorded)
  }

  private memberSegment(transaction: TransactionState, member: MemberState, segment: X12Segment) {
    member.last = segment
    switch (segment.id) {
      case 'REF': return this.ref(transaction, member, segment)
      case 'DTP': return this.dtp(transaction, member, segment)
      case 'NM1': return this.nm1(transaction, member, segment)
      case 'N4':
        if (member.loop === '2100A' && element(segment, 3)) member.values.zip = element(segment, 3).slice(0, 5)
        return
      case 'DMG':
        if (member.loop === '2100A') this.dmg(transaction, member, segment)
        return
      case 'DSB':
        member.loop = '2200'
        return
      case 'HD': return this.hd(member, segment)
      case 'LX':
        member.loop = member.section === 'reporting' ? '2700' : '2310'
        return
      case 'COB':
        member.loop = '2320'
        member.isAfterCoordinationOfBenefits = true
        return
      case 'LS':
        member.section = 'reporting'
        member.coverage = null
        member.loop = '2700'
        return
      case 'N1':
        if (member.section === 'reporting') member.loop = '2750'
        return
      case 'LE':
        member.loop = '2700'
        return
    }
    if (!SEGMENT_ID.test(segment.id)) {
      this.memberProblem(transaction, member, { segment, loop: member.loop, reason: `${quoted(segment.id)} is not a segment ID: the segment may be damaged`, missing: { segmentId: segment.id, position: segment.position, ik3: '1' } })
    }
  }

  private ref(transaction: TransactionState, member: MemberState, segment: X12Segment) {
    const qualifier = element(segment, 1)
    if (member.section === 'member' && qualifier === '0F') {
      const value = element(segment, 2)
      if (!value) this.memberProblem(transaction, member, { segment, loop: '2000', element: 2, reason: 'REF02 (the subscriber identifier) is empty', ik4: '1', column: 'employee_id' })
      else if (member.subscriberId === undefined) {
        member.subscriberId = value
        member.subscriberReference = segment
        member.values.employee_id = value
      }
    } else if (qualifier === '1L') {
      if (member.section === 'member') member.memberGroupCode ??= segment
      else if (member.coverage && member.coverage !== 'other' && member.loop === '2300') member.coverage.groupCode ??= segment
    }
  }

  private dtp(transaction: TransactionState, member: MemberState, segment: X12Segment) {
    const qualifier = element(segment, 1)
    const isMemberDate = member.section === 'member' && (qualifier === '356' || qualifier === '357')
    const coverage = member.coverage && member.coverage !== 'other' && member.loop === '2300' ? member.coverage : null
    const isCoverageDate = coverage !== null && (qualifier === '348' || qualifier === '349')
    if (!isMemberDate && !isCoverageDate) return
    const isBegin = qualifier === '348' || qualifier === '356'
    const at = { segment, loop: coverage ? '2300' : '2000', column: isBegin ? ('coverage_start' as const) : ('coverage_end' as const) }
    const format = element(segment, 2)
    const text = element(segment, 3)
    if (format !== 'D8' && format !== 'RD8') {
      const reason = format ? `DTP02 ${quoted(format)} is not a date format this portal reads (D8, or RD8 for a range)` : 'DTP02 (the date format) is empty: it must be D8'
      this.memberProblem(transaction, member, { ...at, element: 2, reason, ik4: format ? '7' : '1' })
      return
    }
    if (!text) {
      this.memberProblem(transaction, member, { ...at, element: 3, reason: `DTP03 (the ${DATE_WORDS[qualifier]} date) is empty`, ik4: '1' })
      return
    }
    let date: string | null
    if (format === 'D8') date = x12Date(text)
    else {
      const [from = '', to = '', ...rest] = text.split('-')
      const fromDate = x12Date(from)
      const toDate = x12Date(to)
      date = fromDate && toDate && rest.length === 0 ? (isBegin ? fromDate : toDate) : null
    }
    if (!date) {
      this.memberProblem(transaction, member, { ...at, element: 3, reason: `DTP03 ${quoted(text)} is not a real date (DTP*${qualifier}, ${DATE_WORDS[qualifier]})`, ik4: '8' })
      return
    }
    if (coverage) {
      if (isBegin) coverage.begin ??= date
      else coverage.end ??= date
    } else if (isBegin) member.eligibilityBegin ??= date
    else member.eligibilityEnd ??= date
  }

  private nm1(transaction: TransactionState, member: MemberState, segment: X12Segment) {
    const entity = element(segment, 1)
    if (member.section === 'member') member.loop = MEMBER_NAME_LOOPS[entity] ?? '2100G'
    else if (member.section === 'coverage') member.loop = member.isAfterCoordinationOfBenefits ? '2330' : '2310'
    if (member.section !== 'member' || entity !== 'IL' || member.nameSegment) return
    member.nameSegment = segment
    const lastName = element(segment, 3)
    if (!lastName) this.memberProblem(transaction, member, { segment, loop: '2100A', element: 3, reason: 'NM103 (the member\'s last name) is empty', ik4: '1', column: 'last_name' })
    else member.values.last_name = lastName
    member.values.first_name = element(segment, 4)
  }

  private dmg(transaction: TransactionState, member: MemberState, segment: X12Segment) {
    const format = element(segment, 1)
    const text = element(segment, 2)
    if (!text) return
    const at = { segment, loop: '2100A', column: 'date_of_birth' as const }
    if (format !== 'D8') {
      this.memberProblem(transaction, member, { ...at, element: 1, reason: `DMG01 ${quoted(format)} must be D8 (a CCYYMMDD date of birth)`, ik4: format ? '7' : '1' })
      return
    }
    const date = x12Date(text)
    if (!date) this.memberProblem(transaction, member, { ...at, element: 2, reason: `DMG02 ${quoted(text)} is not a real date`, ik4: '8' })
    else if (date > this.context.today) this.memberProblem(transaction, member, { ...at, element: 2, reason: `DMG02 ${quoted(text)} is a date of birth after the file's date`, ik4: '8' })
    else member.values.date_of_birth = date
  }

  private hd(member: MemberState, segment: X12Segment) {
    member.section = 'coverage'
    member.loop = '2300'
    member.isAfterCoordinationOfBenefits = false
    // Dental, vision and other lines are not this portal's benefit: their loops are read past.
    if (element(segment, 3) !== 'HLT') {
      member.coverage = 'other'
      return
    }
    const coverage: Coverage = { hd: segment, maintenanceCode: element(segment, 1), levelCode: element(segment, 5) }
    member.coverages.push(coverage)
    member.coverage = coverage
  }

  private endMember(transaction: TransactionState) {
    const member = transaction.member
    if (!member) return
    transaction.member = null
    if (member.subscriberId === undefined && !member.problems.some((p) => p.column === 'employee_id')) {
      this.memberProblem(transaction, member, {
        segment: member.ins, loop: '2000', reason: 'member has no REF*0F subscriber identifier', column: 'employee_id',
        missing: { segmentId: 'REF', position: member.ins.position + 1, ik3: '3' },
      })
    }
    if (!member.nameSegment) {
      this.memberProblem(transaction, member, {
        segment: member.ins, loop: '2100A', reason: 'member has no NM1*IL segment with their name (loop 2100A)', column: 'last_name',
        missing: { segmentId: 'NM1', position: member.ins.position + 1, ik3: '3' },
      })
    }
    if (member.isSubscriber === false) return this.endDependent(transaction, member)
    if (member.isSubscriber && member.maintenance) this.readCoverage(transaction, member)
    for (const problem of member.problems) {
      if (member.subscriberId !== undefined) problem.subscriberId = member.subscriberId
      transaction.problems.push(problem)
    }
    if (member.subscriberId !== undefined) transaction.subscriberIds.add(member.subscriberId)
    if (!member.isSubscriber || !member.maintenance || member.subscriberId === undefined) return
    transaction.members.push({
      location: { transaction: transaction.controlNumber, segmentPosition: member.ins.position, segmentIndex: member.ins.index, segmentId: 'INS', loop: '2000' },
      maintenance: member.maintenance, values: member.values, dependentsSeen: 0, problems: [...member.problems],
    })
  }

  /** Fills the subscriber's plan, tier and coverage dates from its HLT coverage loop (or the member-level REF*1L and DTPs). */
  private readCoverage(transaction: TransactionState, member: MemberState) {
    const maintenance = member.maintenance
    // A plan change sends the old plan as HD 024 and the new one as HD 021: read the one that stays.
    const coverage = member.coverages.find((c) => c.maintenanceCode !== CANCEL) ?? member.coverages[0]
    if (!coverage && maintenance === 'add') {
      this.memberProblem(transaction, member, {
        segment: member.last, loop: '2300', reason: 'maintenance 021 (add) has no health coverage: no HD loop with HD03 "HLT"', column: 'plan',
        missing: { segmentId: 'HD', position: member.last.position + 1, ik3: 'I6' },
      })
    }
    if (coverage?.levelCode) {
      const tier = TIERS[coverage.levelCode.toUpperCase()]
      if (tier) member.values.coverage_tier = tier
      else {
        const reason = `HD05 ${quoted(coverage.levelCode)} is not a coverage level this portal reads (EMP, IND, ESP, ECH, FAM)`
        this.memberProblem(transaction, member, { segment: coverage.hd, loop: '2300', element: 5, reason, ik4: '7', column: 'coverage_tier' })
      }
    }
    const groupCode = coverage?.groupCode ?? member.memberGroupCode
    if (groupCode) {
      const code = element(groupCode, 2)
      const plan = this.planByUpperCode.get(code.toUpperCase())
      if (plan !== undefined) member.values.plan = plan
      else {
        const known = this.knownCodes ? `known: ${this.knownCodes}` : 'none of your plans has a group or policy number yet'
        const reason = code ? `REF*1L group or policy number ${quoted(code)} is not one of your plans' codes (${known})` : 'REF02 (the group or policy number) is empty'
        this.memberProblem(transaction, member, { segment: groupCode, loop: coverage?.groupCode ? '2300' : '2000', element: 2, reason, ik4: code ? '7' : '1', column: 'plan' })
      }
    }
    const start = coverage?.begin ?? member.eligibilityBegin
    if (start) member.values.coverage_start = start
    const end = coverage?.end ?? member.eligibilityEnd
    if (maintenance === 'reinstate') member.values.coverage_end = '' // reinstated: the stored end is cleared
    else if (end) member.values.coverage_end = end
    else if (maintenance === 'cancel') {
      this.memberProblem(transaction, member, {
        segment: coverage?.hd ?? member.ins, loop: coverage ? '2300' : '2000', column: 'coverage_end',
        reason: 'maintenance 024 (cancel) has no coverage end date: send DTP*349 in the HLT coverage loop or DTP*357 for the member',
        missing: { segmentId: 'DTP', position: (coverage?.hd ?? member.ins).position + 1, ik3: 'I6' },
      })
    }
  }

  private endDependent(transaction: TransactionState, member: MemberState) {
    const countProblems: X12Problem[] = []
    for (const problem of member.problems) {
      if (member.subscriberId !== undefined) problem.subscriberId = member.subscriberId
      // Only a dependent's unknown maintenance type makes the subscriber's count unsure; its name
      // and date of birth are not roster columns, so their problems go to the 999 alone.
      if (problem.location.segmentId === 'INS') {
        problem.column = 'dependents'
        countProblems.push(problem)
      } else delete problem.column
      transaction.problems.push(problem)
    }
    if (member.subscriberId === undefined || !member.subscriberReference) return
    let group = transaction.dependents.get(member.subscriberId)
    if (!group) {
      group = { seen: 0, counted: 0, references: [], problems: [] }
      transaction.dependents.set(member.subscriberId, group)
    }
    group.seen++
    if (member.maintenance !== 'cancel') group.counted++
    group.problems.push(...countProblems)
    const reference = member.subscriberReference
    group.references.push({ transaction: transaction.controlNumber, segmentPosition: reference.position, segmentIndex: reference.index, segmentId: 'REF', loop: '2000' })
  }
}

function bySegment(a: X12Problem, b: X12Problem): number {
  return a.location.segmentPosition - b.location.segmentPosition
}
