import { WARRANTY_KIND_LABELS, type WarrantyEventKind } from '~/domain/contracts/warranty'
import { formatCents } from '~/domain/money'
import { formatDate } from './format'
import { TableWrap } from './table-wrap'

/** A contract's warranty event as both sides see it: no member, the case's procedure and facility. */
export interface ContractWarrantyEventView {
  id: string
  caseId: string
  kind: WarrantyEventKind
  occurredOn: string
  place: 'center' | 'elsewhere'
  providerName: string | null
  costCents: number
  creditedCents: number
  procedureName: string
  facilityName: string
  procedureDate: string | null
  stripeCreditNoteId: string | null
}

/**
 * The warranty events of a contract (issue 21, ADR 0016 §9): care at the center invoiced at $0,
 * care elsewhere with its cost and the center's credit. The same list for both sides.
 */
export function ContractWarrantyEvents({ events }: { events: readonly ContractWarrantyEventView[] }) {
  const credited = events.reduce((sum, e) => sum + e.creditedCents, 0)
  return (
    <section aria-labelledby="warranty-events-heading">
      <h2 id="warranty-events-heading">Warranty events</h2>
      {events.length === 0 ? (
        <p className="muted">No warranty events recorded under this contract.</p>
      ) : (
        <>
          <p>
            {events.length} {events.length === 1 ? 'event' : 'events'}; credited back by the center: {formatCents(credited)}.
          </p>
          <TableWrap label="Warranty events, cost and credit">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Event</th>
                  <th scope="col">Case</th>
                  <th scope="col">Where</th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col" className="num">
                    Credited
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td>{formatDate(e.occurredOn)}</td>
                    <td>{WARRANTY_KIND_LABELS[e.kind]}</td>
                    <td>
                      {e.procedureName} at {e.facilityName}, {formatDate(e.procedureDate)}
                    </td>
                    <td>{e.place === 'center' ? 'At the center (invoiced at $0)' : e.providerName}</td>
                    <td className="num">{formatCents(e.costCents)}</td>
                    <td className="num">
                      {formatCents(e.creditedCents)}
                      {e.stripeCreditNoteId ? <span className="muted small"> · Stripe credit note</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  )
}
