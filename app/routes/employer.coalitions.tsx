import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { requireEmployerAccess } from '~/auth/guard.server'
import { EmployerCoalitionForm, firstIssue } from '~/forms/coalitions'
import { readForm } from '~/http/form-body.server'
import { changeMembershipAsEmployer, getEmployerCoalitions } from '~/services/coalitions.server'
import { MEMBERSHIP_STATUS_LABEL } from '~/ui/coalition-labels'
import { formatDate } from '~/ui/format'
import { IntentButton } from '~/ui/primitives/intent-button'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Coalitions · Employer · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'coalition:join')
  return { ...(await getEmployerCoalitions(scope)), today: new Date().toISOString().slice(0, 10) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'coalition:join')
  const parsed = EmployerCoalitionForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ message: firstIssue(parsed.error) }, { status: 400 })
  const form = parsed.data
  const result = await changeMembershipAsEmployer(actor, scope, form.membershipId, form.intent === 'leave' ? 'end' : form.intent, form.intent === 'leave' ? form.lastDay : '')
  if (!result.ok) return data({ message: result.message }, { status: result.status })
  return redirect('/employer/coalitions')
}

export default function EmployerCoalitionsRoute() {
  const { memberships, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const invitations = memberships.filter((m) => m.status === 'invited')
  const others = memberships.filter((m) => m.status !== 'invited')
  return (
    <>
      <h1>Coalitions</h1>
      <p className="lead">
        A coalition contracts with health systems once for all its member employers. As a member you can adopt its network and rates into your own programs; your
        rules stay your own. Your episodes count in its pooled reports, where no other member sees your name.
      </p>
      {actionData?.message ? (
        <p role="alert" className="error-text">
          {actionData.message}
        </p>
      ) : null}
      <h2>Invitations</h2>
      {invitations.length === 0 ? (
        <p className="empty">No open invitation. A coalition invites your organization by its code.</p>
      ) : (
        <ul className="card-list">
          {invitations.map((m) => (
            <li key={m.id} className="card">
              <h3>{m.coalitionName}</h3>
              <p>
                Invited on {formatDate(m.invitedAt)}. If you accept, your organization is a member from today ({formatDate(today)}).
              </p>
              <div className="form-actions">
                <IntentButton intent="accept" fields={{ membershipId: m.id }} isPrimary>
                  Accept and join {m.coalitionName}
                </IntentButton>
                <IntentButton intent="decline" fields={{ membershipId: m.id }}>
                  Decline
                </IntentButton>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h2>Memberships</h2>
      {others.length === 0 ? (
        <p className="empty">Your organization has not been a member of a coalition.</p>
      ) : (
        <TableWrap label="Your coalition memberships and their dates">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Coalition</th>
                <th scope="col">Status</th>
                <th scope="col">Joined</th>
                <th scope="col">Last day</th>
                <th scope="col">Leave</th>
              </tr>
            </thead>
            <tbody>
              {others.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.coalitionName}</th>
                  <td>{MEMBERSHIP_STATUS_LABEL[m.status]}</td>
                  <td>{formatDate(m.joinedOn)}</td>
                  <td>{formatDate(m.leftOn)}</td>
                  <td>
                    {m.status === 'active' ? (
                      <Form method="post" className="inline-form inline-form--date">
                        <input type="hidden" name="intent" value="leave" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <label htmlFor={`leave-${m.id}`} className="visually-hidden">
                          Last day of membership of {m.coalitionName}
                        </label>
                        <input id={`leave-${m.id}`} name="lastDay" type="date" defaultValue={today} min={m.joinedOn ?? undefined} required />
                        <button type="submit" className="button">
                          Leave on this day
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
