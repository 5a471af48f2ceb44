import { Outlet } from '@remix-run/react'
import { AppShell } from '~/ui/app-shell'
import { useRootData } from '~/ui/use-root-data'

/** The Team page is every staff role's: the frame follows whoever is signed in. Not an auth boundary. */
export default function TeamLayout() {
  const user = useRootData()?.user
  if (!user) return <Outlet />
  return <AppShell role={user.role} />
}
