export type InvoiceLineKind = 'bundle' | 'travel' | 'incentive' | 'platform_fee'

export interface InvoiceLine {
  kind: InvoiceLineKind
  description: string
  amountCents: number
}

/**
 * What the employer owes for one completed case (DESIGN §3, §9): the bundled price, the travel
 * actually paid, the completion incentive paid to the employee, and the platform fee. Lines of $0
 * other than the bundle are left out; amounts are integer cents and never negative.
 */
export function caseInvoiceLines(input: {
  procedureName: string
  facilityName: string
  bundleCents: number
  travelActualCents: number | null
  incentiveCents: number
  platformFeeCents: number
}): { lines: InvoiceLine[]; totalCents: number } {
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) throw new RangeError(`${name} must be a whole number of cents ≥ 0`)
  }
  const lines: InvoiceLine[] = [{ kind: 'bundle', description: `${input.procedureName} bundle at ${input.facilityName}`, amountCents: input.bundleCents }]
  if (input.travelActualCents) lines.push({ kind: 'travel', description: 'Travel and lodging (actual)', amountCents: input.travelActualCents })
  if (input.incentiveCents > 0) lines.push({ kind: 'incentive', description: 'Completion incentive paid to the employee', amountCents: input.incentiveCents })
  if (input.platformFeeCents > 0) lines.push({ kind: 'platform_fee', description: 'COE Marketplace platform fee', amountCents: input.platformFeeCents })
  return { lines, totalCents: lines.reduce((sum, line) => sum + line.amountCents, 0) }
}

/**
 * An invoice's number: its day and the random end of its id (the start of a UUIDv7 is the time,
 * so it repeats within a millisecond), e.g. INV-20261123-9F076B2C.
 */
export function invoiceNumber(isoInstant: string, id: string): string {
  return `INV-${isoInstant.slice(0, 10).replace(/-/g, '')}-${id.replace(/-/g, '').slice(-8).toUpperCase()}`
}

export type LedgerStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible'

/**
 * The ledger status after a Stripe invoice event, whatever order events arrive in: a paid invoice
 * stays paid (a late `payment_failed` cannot undo a payment), a void one stays void.
 */
export function statusAfterEvent(current: LedgerStatus, event: 'invoice.paid' | 'invoice.payment_failed' | 'invoice.finalized' | 'invoice.voided'): LedgerStatus {
  if (current === 'paid' || current === 'void') return current
  switch (event) {
    case 'invoice.paid':
      return 'paid'
    case 'invoice.voided':
      return 'void'
    case 'invoice.finalized':
    case 'invoice.payment_failed':
      return current === 'draft' ? 'open' : current
  }
}
