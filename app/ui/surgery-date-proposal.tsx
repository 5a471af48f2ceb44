import { Form } from '@remix-run/react'
import { formatDate } from './format'
import { ErrorList } from './primitives/error-list'

interface Props {
  proposal: { id: string; proposedDate: string; note: string | null; proposedAt: string } | null
  /** The action's answer when it was about the proposal. */
  errors: Record<string, string[] | null | undefined> | undefined
}

/** The health system's open surgery date proposal on the care coordinator's case page: confirm (schedules the case) or decline with a reason. */
export function SurgeryDateProposal({ proposal, errors }: Props) {
  if (!proposal) return null
  const formErrors = [...(errors?.proposalId ?? []), ...(errors?.intent ?? []), ...(errors?.[''] ?? [])]
  return (
    <section className="card" aria-labelledby="proposal-heading">
      <h2 id="proposal-heading">Surgery date proposed by the health system</h2>
      <p>
        <strong>{formatDate(proposal.proposedDate)}</strong>, proposed {formatDate(proposal.proposedAt.slice(0, 10))}
        {proposal.note ? `: ${proposal.note}` : ''}
      </p>
      <ErrorList id="proposal-errors" errors={formErrors} />
      <Form method="post">
        <input type="hidden" name="intent" value="confirm-proposal" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <button type="submit" className="button button--primary">Confirm and schedule on {formatDate(proposal.proposedDate)}</button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="decline-proposal" />
        <input type="hidden" name="proposalId" value={proposal.id} />
        <div className="field">
          <label htmlFor="decline-reason">Reason for declining</label>
          <input id="decline-reason" name="reason" maxLength={500} aria-invalid={errors?.reason ? true : undefined} aria-describedby={errors?.reason ? 'decline-reason-error' : undefined} />
          <ErrorList id="decline-reason-error" errors={errors?.reason ?? undefined} />
        </div>
        <button type="submit" className="button">Decline this date</button>
      </Form>
    </section>
  )
}
