import { Form } from '@remix-run/react'
import { ErrorList } from '~/ui/primitives/error-list'
import { IntentButton } from '~/ui/primitives/intent-button'
import { formatDate } from '~/ui/format'
import { TableWrap } from '~/ui/table-wrap'

interface Colleague { userId: string; displayName: string; email: string; role: string; roleLabel: string; isOrganizationAdmin: 0 | 1; isYou: boolean }
interface OpenInvitation { id: string; email: string; roleLabel: string; isOrganizationAdmin: 0 | 1; expiresAt: string; isExpired: boolean }
export interface TeamView {
  organizationName: string
  canManage: boolean
  roles: { value: string; label: string }[]
  colleagues: Colleague[]
  invitations: OpenInvitation[]
}
export interface TeamActionData { message?: string; fieldErrors?: Record<string, string[] | null | undefined> }

/** An organization's people and open invitations; its admins invite, change and remove colleagues (issue 22). */
export function TeamPage({ team, actionData }: { team: TeamView; actionData: TeamActionData | undefined }) {
  const errors = actionData?.fieldErrors ?? {}
  return (
    <>
      <h1>Team of {team.organizationName}</h1>
      {actionData?.message ? (
        <p role="alert" className="error-text">
          {actionData.message}
        </p>
      ) : null}
      {!team.canManage ? <p className="lead">Only your organization's admins can invite or change colleagues.</p> : null}
      <TableWrap label="People of your organization">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              {team.canManage ? <th scope="col">Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {team.colleagues.map((c) => (
              <tr key={c.userId}>
                <th scope="row">
                  {c.displayName}
                  {c.isYou ? ' (you)' : ''}
                  <div className="small muted">{c.email}</div>
                </th>
                <td>
                  {c.roleLabel}
                  {c.isOrganizationAdmin ? ', organization admin' : ''}
                </td>
                {team.canManage ? (
                  <td>
                    {c.isYou ? null : (
                      <>
                        <Form method="post" className="form-actions">
                          <input type="hidden" name="intent" value="change" />
                          <input type="hidden" name="userId" value={c.userId} />
                          <label className="visually-hidden" htmlFor={`role-${c.userId}`}>
                            Role of {c.displayName}
                          </label>
                          <select id={`role-${c.userId}`} name="role" defaultValue={c.role}>
                            {team.roles.map((r) => (
                              <option key={r.value} value={r.value}>
                                {r.label}
                              </option>
                            ))}
                          </select>
                          <label>
                            <input type="checkbox" name="isOrganizationAdmin" defaultChecked={c.isOrganizationAdmin === 1} /> Admin
                          </label>
                          <button type="submit" className="button">
                            Save {c.displayName}
                          </button>
                        </Form>
                        <IntentButton intent="remove" fields={{ userId: c.userId }} isDanger>
                          Remove {c.displayName}
                        </IntentButton>
                      </>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2>Open invitations</h2>
      {team.invitations.length === 0 ? (
        <p className="empty">No open invitations.</p>
      ) : (
        <TableWrap label="Open invitations">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Valid until</th>
                {team.canManage ? <th scope="col">Withdraw</th> : null}
              </tr>
            </thead>
            <tbody>
              {team.invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>
                    {i.roleLabel}
                    {i.isOrganizationAdmin ? ', organization admin' : ''}
                  </td>
                  <td>{i.isExpired ? `Expired ${formatDate(i.expiresAt)}` : formatDate(i.expiresAt)}</td>
                  {team.canManage ? (
                    <td>
                      <IntentButton intent="revoke" fields={{ invitationId: i.id }}>
                        Withdraw the invitation to {i.email}
                      </IntentButton>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {team.canManage ? (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite a colleague</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="invite" />
            <div className="field">
              <label htmlFor="invite-email">E-mail</label>
              <input id="invite-email" name="email" type="email" required aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? 'invite-email-error' : undefined} />
              <ErrorList id="invite-email-error" errors={errors.email ?? undefined} />
            </div>
            <div className="field">
              <label htmlFor="invite-role">Role</label>
              <select id="invite-role" name="role" aria-describedby={errors.role ? 'invite-role-error' : undefined}>
                {team.roles.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
              <ErrorList id="invite-role-error" errors={errors.role ?? undefined} />
            </div>
            <label>
              <input type="checkbox" name="isOrganizationAdmin" /> Organization admin (may invite and remove colleagues)
            </label>
            <div className="form-actions">
              <button type="submit" className="button button--primary">
                Send the invitation
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
