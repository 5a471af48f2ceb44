import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requireTeamAccess } from '~/auth/guard.server'
import { TEAM_ROLES, ROLE_LABEL } from '~/domain/onboarding/onboarding'
import { ChangeColleagueSchema, InviteColleagueSchema } from '~/forms/onboarding'
import { readForm } from '~/http/form-body.server'
import { changeColleague, getTeam, inviteColleague, removeColleague, revokeInvitation } from '~/services/onboarding.server'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TeamPage } from '~/ui/team-page'

export const meta: MetaFunction = () => [{ title: 'Team · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireTeamAccess(request, 'read')
  const team = await getTeam(actor)
  return { team: { ...team, roles: TEAM_ROLES[actor.organizationKind].map((value) => ({ value, label: ROLE_LABEL[value] })) } }
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireTeamAccess(request, 'manage')
  const form = await readForm(request)
  const intent = form.get('intent')
  if (intent === 'invite') {
    const submission = parseWithZod(form, { schema: InviteColleagueSchema })
    if (submission.status !== 'success') return data({ fieldErrors: submission.error ?? {} }, { status: 400 })
    const result = await inviteColleague(actor, submission.value, new URL(request.url).origin)
    if (!result.ok) return data({ fieldErrors: result.fieldErrors }, { status: result.status })
    return redirect('/team')
  }
  if (intent === 'change') {
    const submission = parseWithZod(form, { schema: ChangeColleagueSchema })
    if (submission.status !== 'success') return data({ message: 'Choose a role for this colleague.' }, { status: 400 })
    const result = await changeColleague(actor, submission.value.userId, submission.value)
    if (!result.ok) return data({ message: result.message }, { status: 422 })
    return redirect('/team')
  }
  if (intent === 'remove' || intent === 'revoke') {
    const id = String(form.get(intent === 'remove' ? 'userId' : 'invitationId') ?? '').slice(0, 100)
    const result = intent === 'remove' ? await removeColleague(actor, id) : await revokeInvitation(actor, id)
    if (!result.ok) return data({ message: result.message }, { status: 422 })
    return redirect('/team')
  }
  return data({ message: 'Choose what to do.' }, { status: 400 })
}

export default function TeamRoute() {
  const { team } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <TeamPage team={team} actionData={actionData} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
