import { AppShell } from '~/ui/app-shell'

/** Navigation only; NOT an auth boundary: every child loader and action calls a guard (STYLE §5). */
export default function CoalitionLayout() {
  return <AppShell role="coalition_admin" />
}
