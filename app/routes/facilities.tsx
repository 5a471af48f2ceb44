import { Outlet } from '@remix-run/react'
import { AppShell } from '~/ui/app-shell'
import { useRootData } from '~/ui/use-root-data'

/** Facility pages are shared by every role: the frame follows whoever is signed in. Not an auth boundary. */
export default function FacilitiesLayout() {
  const user = useRootData()?.user
  if (!user) return <Outlet />
  return <AppShell role={user.role} />
}
