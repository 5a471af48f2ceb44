import { formatDate } from '~/ui/format'

/** Why an invitation link cannot be used, said plainly (issue 22); unknown links give no hint. */
export function ClosedInvitation({ view }: { view: { state: 'accepted' | 'expired' | 'revoked'; organizationName: string; expiresAt: string } | { state: 'unknown' } }) {
  if (view.state === 'unknown') {
    return (
      <>
        <h1>Invitation not found</h1>
        <p>This invitation link is not valid. Check that you copied the whole link from the e-mail, or ask your organization for a new invitation.</p>
      </>
    )
  }
  const message =
    view.state === 'accepted'
      ? `This invitation was already used. Sign in with the e-mail and password chosen then, or ask ${view.organizationName} for a new invitation.`
      : view.state === 'expired'
        ? `This invitation expired on ${formatDate(view.expiresAt)}: ask ${view.organizationName} for a new one.`
        : `This invitation was withdrawn by ${view.organizationName}. Ask them for a new one if you still need access.`
  return (
    <>
      <h1>This invitation cannot be used</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/login">Go to sign-in</a>
      </p>
    </>
  )
}
