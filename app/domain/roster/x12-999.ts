import type { X12Interchange, X12Problem, X12Transaction } from '~/domain/roster/x12-834'

/*
 * The 999 implementation acknowledgment (005010X231A1) of an 834 read by read834: one AK2 loop per
 * transaction set with an IK3 (and CTX, IK4) per segment in error and the IK5 verdict, then AK9 for
 * the functional group. Envelope problems reject the group; a transaction set is rejected by a
 * structure problem (one carrying an IK502 code) or when none of its members could be read, and is
 * accepted with errors when some members have problems and others are fine.
 */

export type TransactionAcknowledgment = 'A' | 'E' | 'R'
export type AcknowledgmentStatus = 'accepted' | 'accepted_with_errors' | 'rejected'

export interface Write999Options {
  /** ISA13/GS06 of the 999: 1 to 9 digits (ISA13 is zero-padded to 9). */
  controlNumber: string
  date: Date
  /** ISA06/GS02; the 834's receiver by default. */
  senderId?: string
  /** ISA08/GS03; the 834's sender by default. */
  receiverId?: string
  /** ISA15: P production (default) or T test, as the 834 was sent. */
  usage?: 'P' | 'T'
}

const ELEMENT = '*'
const SEGMENT = '~'
const COMPONENT = ':'
const REPETITION = '^'
const ENROLLMENT_VERSION = '005010X220A1'
const ACKNOWLEDGMENT_VERSION = '005010X231A1'
/** IK502/AK905 hold at most five codes each. */
const MAX_CODES = 5

/** The IK501 verdict on one transaction set. */
export function transactionStatus(transaction: X12Transaction): TransactionAcknowledgment {
  if (transaction.problems.some((p) => p.code.ik5)) return 'R'
  if (transaction.problems.length === 0) return 'A'
  return transaction.members.some((m) => m.problems.length === 0) ? 'E' : 'R'
}

/** The AK901 verdict on the functional group. */
function groupStatus(interchange: X12Interchange): 'A' | 'E' | 'P' | 'R' {
  if (interchange.problems.length > 0 || interchange.transactions.length === 0) return 'R'
  const statuses = interchange.transactions.map(transactionStatus)
  const accepted = statuses.filter((s) => s !== 'R').length
  if (accepted === 0) return 'R'
  if (accepted < statuses.length) return 'P'
  return statuses.includes('E') ? 'E' : 'A'
}

/** Whether the 834 is accepted, accepted with errors (some members or transaction sets not) or rejected, as its 999 says. */
export function acknowledgmentStatus(interchange: X12Interchange): AcknowledgmentStatus {
  const status = groupStatus(interchange)
  if (status === 'A') return 'accepted'
  return status === 'R' ? 'rejected' : 'accepted_with_errors'
}

/** Writes the 999 acknowledgment of an 834 interchange, with `~` ending segments, `*` between elements and `:` between components. */
export function write999(interchange: X12Interchange, options: Write999Options): string {
  if (!/^\d{1,9}$/.test(options.controlNumber)) throw new Error(`999 control number "${options.controlNumber}" must be 1 to 9 digits`)
  const sender = fixed(options.senderId ?? interchange.receiver, 15, 'sender')
  const receiver = fixed(options.receiverId ?? interchange.sender, 15, 'receiver')
  const iso = options.date.toISOString()
  const date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`
  const time = `${iso.slice(11, 13)}${iso.slice(14, 16)}`
  const control = options.controlNumber
  const transactionSet: string[][] = [['ST', '999', '0001', ACKNOWLEDGMENT_VERSION], ['AK1', 'BE', clean(interchange.groupControlNumber), clean(interchange.version) || ENROLLMENT_VERSION]]

  for (const transaction of interchange.transactions) {
    transactionSet.push(['AK2', '834', clean(transaction.controlNumber), ENROLLMENT_VERSION])
    for (const group of segmentErrors(transaction.problems)) {
      const first = group[0]!
      const { location } = first
      transactionSet.push(['IK3', clean(location.segmentId), String(location.segmentPosition), clean(location.loop), first.code.ik3!])
      const ctx = group.find((p) => p.code.ctx)?.code.ctx
      if (ctx) transactionSet.push(['CTX', clean(ctx, COMPONENT)])
      for (const problem of group) {
        if (problem.code.ik4 && problem.location.element !== undefined) transactionSet.push(['IK4', String(problem.location.element), '', problem.code.ik4])
      }
    }
    const status = transactionStatus(transaction)
    const codes = unique(transaction.problems.map((p) => p.code.ik5))
    // E and R need a reason: member-level problems are "one or more segments in error".
    if (status !== 'A' && codes.length === 0) codes.push('5')
    transactionSet.push(['IK5', status, ...codes.slice(0, MAX_CODES)])
  }

  const status = groupStatus(interchange)
  const received = interchange.transactions.length
  const accepted = status === 'R' ? 0 : interchange.transactions.filter((t) => transactionStatus(t) !== 'R').length
  const groupCodes = unique(interchange.problems.map((p) => p.code.ak9)).slice(0, MAX_CODES)
  transactionSet.push(['AK9', status, String(received), String(received), String(accepted), ...groupCodes])
  transactionSet.push(['SE', String(transactionSet.length + 1), '0001'])

  const segments: string[][] = [
    ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', sender, 'ZZ', receiver, date.slice(2), time, REPETITION, '00501', control.padStart(9, '0'), '0', options.usage ?? 'P', COMPONENT],
    ['GS', 'FA', sender.trim(), receiver.trim(), date, time, String(Number(control)), 'X', ACKNOWLEDGMENT_VERSION],
    ...transactionSet,
    ['GE', '1', String(Number(control))],
    ['IEA', '1', control.padStart(9, '0')],
  ]
  return segments.map((elements) => trimTrailing(elements).join(ELEMENT) + SEGMENT).join('')
}

/** The problems that name a segment (an IK3), grouped by segment, in the order of the segments. */
function segmentErrors(problems: readonly X12Problem[]): X12Problem[][] {
  const groups = new Map<string, X12Problem[]>()
  for (const problem of problems) {
    if (!problem.code.ik3) continue
    const key = `${problem.location.segmentPosition}:${problem.location.segmentId}`
    const group = groups.get(key)
    if (group) group.push(problem)
    else groups.set(key, [problem])
  }
  return [...groups.values()].sort((a, b) => a[0]!.location.segmentPosition - b[0]!.location.segmentPosition)
}

function unique(codes: ReadonlyArray<string | undefined>): string[] {
  return [...new Set(codes.filter((c): c is string => Boolean(c)))]
}

/** Echoed values never carry the 999's own delimiters (the 834 may have used others). */
function clean(text: string, keep = ''): string {
  return text.replace(/[*~:^]/g, (c) => (c === keep ? c : ' ')).trim()
}

/** An ISA identifier: fixed width, padded with spaces. */
function fixed(id: string, width: number, what: string): string {
  const text = clean(id)
  if (text.length > width) throw new Error(`999 ${what} ID "${text}" is longer than the ISA's ${width} characters`)
  return text.padEnd(width, ' ')
}

/** Trailing empty elements are left out (X12 syntax), as in "IK3*BGN*2**8" where only the middle one is empty. */
function trimTrailing(elements: string[]): string[] {
  let end = elements.length
  while (end > 1 && elements[end - 1] === '') end--
  return elements.slice(0, end)
}
