import { Form } from '@remix-run/react'
import { ErrorList } from '~/ui/primitives/error-list'

interface Props {
  assigneeUserId: string | null
  coordinators: { id: string; name: string }[]
  currentUserId: string
  error?: string[]
}

/** Who has the case: assign to me, hand it to another coordinator, or unassign (works without JavaScript). */
export function CaseAssignee({ assigneeUserId, coordinators, currentUserId, error }: Props) {
  const assignee = coordinators.find((c) => c.id === assigneeUserId)
  const errorId = error?.length ? 'assignee-error' : undefined
  return (
    <section className="card" aria-labelledby="assignee-heading">
      <h2 id="assignee-heading">Assignee</h2>
      <p>{assigneeUserId ? `Assigned to ${assignee?.name ?? 'someone no longer on the care team'}` : 'Unassigned'}</p>
      {assigneeUserId !== currentUserId && coordinators.some((c) => c.id === currentUserId) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="assign" />
          <input type="hidden" name="expected" value={assigneeUserId ?? ''} />
          <input type="hidden" name="assignee" value={currentUserId} />
          <button type="submit" className="button">
            Assign to me
          </button>
        </Form>
      ) : null}
      <Form method="post" className="form-grid">
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="expected" value={assigneeUserId ?? ''} />
        <div className="field">
          <label htmlFor="assignee">Assign to</label>
          <select id="assignee" name="assignee" defaultValue={assigneeUserId ?? ''} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
            <option value="">Nobody (unassigned)</option>
            {coordinators.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <ErrorList id={errorId ?? 'assignee-error'} errors={error} />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--secondary">
            Save assignee
          </button>
        </div>
      </Form>
    </section>
  )
}
