import { Outlet } from '@remix-run/react'
import { AppShell } from '~/ui/app-shell'
import { useRootData } from '~/ui/use-root-data'

/** Scorecards are shared by employers, brokers and health systems: the frame follows whoever is signed in. Not an auth boundary. */
export default function ScorecardsLayout() {
  const user = useRootData()?.user
  if (!user) return <Outlet />
  return <AppShell role={user.role} />
}
