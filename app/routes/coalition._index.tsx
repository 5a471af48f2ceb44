import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireCoalitionAdmin } from '~/auth/guard.server'
import { CoalitionMembershipForm, firstIssue } from '~/forms/coalitions'
import { readForm } from '~/http/form-body.server'
import { changeMembershipAsCoalition, getCoalitionHome, inviteEmployer } from '~/services/coalitions.server'
import { MEMBERSHIP_STATUS_LABEL } from '~/ui/coalition-labels'
import { formatCount, formatDate } from '~/ui/format'
import { IntentButton } from '~/ui/primitives/intent-button'
import { Pager } from '~/ui/pager'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TableWrap } from '~/ui/table-wrap'

export const meta: MetaFunction = () => [{ title: 'Member employers · Coalition · COE Marketplace' }]

const PageSchema = z.coerce.number().int().min(1).max(10_000).catch(1)

export async function loader({ request }: LoaderFunctionArgs) {
  const { coalitionId } = await requireCoalitionAdmin(request)
  const today = new Date().toISOString().slice(0, 10)
  return { ...(await getCoalitionHome(coalitionId, PageSchema.parse(new URL(request.url).searchParams.get('page') ?? 1))), today }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, coalitionId } = await requireCoalitionAdmin(request)
  const parsed = CoalitionMembershipForm.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ message: firstIssue(parsed.error) }, { status: 400 })
  const form = parsed.data
  const result =
    form.intent === 'invite'
      ? await inviteEmployer(actor, coalitionId, form.code)
      : await changeMembershipAsCoalition(actor, coalitionId, form.membershipId, form.intent, form.intent === 'end' ? form.lastDay : '')
  if (!result.ok) return data({ message: result.message }, { status: result.status })
  return redirect('/coalition')
}

export default function CoalitionHomeRoute() {
  const { coalition, memberships, total, page, pages, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <h1>{coalition.name}</h1>
      <p className="lead">
        The employers that buy care through the coalition. An employer is a member from the day its admin accepts your invitation until its last day of membership.
      </p>
      {actionData?.message ? (
        <p role="alert" className="error-text">
          {actionData.message}
        </p>
      ) : null}
      <section className="card" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite an employer</h2>
        <Form method="post" className="form-actions">
          <input type="hidden" name="intent" value="invite" />
          <div className="field">
            <label htmlFor="invite-code">Employer code</label>
            <p className="field__help" id="invite-code-help">
              The code the employer&apos;s members type at sign-up, like ACME. Its admins accept or decline on their Coalitions page.
            </p>
            <input id="invite-code" name="code" type="text" autoCapitalize="characters" autoComplete="off" maxLength={40} aria-describedby="invite-code-help" required />
          </div>
          <button type="submit" className="button button--primary">
            Send the invitation
          </button>
        </Form>
      </section>
      <h2>Member employers</h2>
      <p role="status">
        {total === 0 ? 'No employer has been invited yet.' : `${formatCount(total)} membership record${total === 1 ? '' : 's'}${pages > 1 ? `, page ${page} of ${formatCount(pages)}` : ''}.`}
      </p>
      {memberships.length > 0 ? (
        <TableWrap label="Member employers, their dates and status">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Employer</th>
                <th scope="col">Code</th>
                <th scope="col">Status</th>
                <th scope="col">Invited</th>
                <th scope="col">Joined</th>
                <th scope="col">Last day</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.employerName}</th>
                  <td>
                    <code>{m.employerCode}</code>
                  </td>
                  <td>{MEMBERSHIP_STATUS_LABEL[m.status]}</td>
                  <td>{formatDate(m.invitedAt)}</td>
                  <td>{formatDate(m.joinedOn)}</td>
                  <td>{formatDate(m.leftOn)}</td>
                  <td>
                    {m.status === 'invited' ? (
                      <IntentButton intent="withdraw" fields={{ membershipId: m.id }}>
                        Withdraw the invitation
                      </IntentButton>
                    ) : m.status === 'active' ? (
                      <Form method="post" className="inline-form inline-form--date">
                        <input type="hidden" name="intent" value="end" />
                        <input type="hidden" name="membershipId" value={m.id} />
                        <label htmlFor={`last-day-${m.id}`} className="visually-hidden">
                          Last day of {m.employerName}&apos;s membership
                        </label>
                        <input id={`last-day-${m.id}`} name="lastDay" type="date" defaultValue={today} min={m.joinedOn ?? undefined} required />
                        <button type="submit" className="button">
                          End the membership
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <Pager previous={page > 1 ? `?page=${page - 1}` : null} next={page < pages ? `?page=${page + 1}` : null} label="Member pages" />
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
