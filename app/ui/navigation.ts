import type { Role } from '~/domain/tenancy'

export interface NavItem {
  to: string
  label: string
  /** Exact match for index pages so "Overview" is not active on every child page. */
  end?: boolean
  /** Member-facing pages: the label's key in the translations (app/i18n), `label` being the English. */
  messageKey?: string
  /** Shown only when this is true of the signed-in user's organization (the root loader says). */
  onlyWhen?: NavCondition
}

/** Facts about the user's organization that decide whether an item is shown. */
export type NavCondition = 'isOrWasCoalitionMember'
export type NavConditions = Partial<Record<NavCondition, boolean>>

/** Each role's navigation: only pages that exist. */
export const NAVIGATION: Record<Role, readonly NavItem[]> = {
  employee: [
    { to: '/member', label: 'My benefits', end: true, messageKey: 'nav.home' },
    { to: '/member/care', label: 'Find care', messageKey: 'nav.care' },
    { to: '/member/cases', label: 'My cases', messageKey: 'nav.cases' },
  ],
  employer_admin: [
    { to: '/employer', label: 'Overview', end: true },
    { to: '/employer/dashboard', label: 'Dashboard' },
    { to: '/employer/programs', label: 'Programs' },
    { to: '/employer/plans', label: 'Health plans' },
    { to: '/employer/roster', label: 'Roster' },
    { to: '/employer/proposals', label: 'Proposals' },
    { to: '/employer/contracts', label: 'Contracts' },
    { to: '/employer/coalition-report', label: 'Coalition report', onlyWhen: 'isOrWasCoalitionMember' },
    { to: '/employer/coalitions', label: 'Coalitions' },
    { to: '/scorecards', label: 'Value scorecards' },
    { to: '/employer/billing', label: 'Billing' },
    { to: '/team', label: 'Team' },
  ],
  broker: [
    { to: '/broker', label: 'Clients', end: false },
    { to: '/scorecards', label: 'Value scorecards' },
    { to: '/team', label: 'Team' },
  ],
  care_coordinator: [
    { to: '/coordinator', label: 'Case queue', end: true },
    { to: '/team', label: 'Team' },
  ],
  center_admin: [
    { to: '/center', label: 'Facilities & offers', end: true },
    { to: '/center/patients', label: 'Incoming patients' },
    { to: '/center/contracts', label: 'Contracts' },
    { to: '/scorecards', label: 'Our scorecard' },
    { to: '/team', label: 'Team' },
  ],
  platform_admin: [
    { to: '/admin', label: 'Overview', end: true },
    { to: '/admin/imports', label: 'Data imports' },
    { to: '/admin/facilities', label: 'Facilities' },
    { to: '/admin/procedures', label: 'Procedure catalog' },
    { to: '/admin/price-factors', label: 'Price factors' },
    { to: '/admin/organizations', label: 'Organizations' },
    { to: '/admin/outbox', label: 'E-mail outbox' },
    { to: '/admin/audit', label: 'Audit log' },
    { to: '/admin/ledger', label: 'Ledger' },
    { to: '/admin/reports', label: 'Reports' },
    { to: '/admin/settings', label: 'Settings' },
    { to: '/team', label: 'Team' },
  ],
  coalition_admin: [
    { to: '/coalition', label: 'Member employers', end: true },
    { to: '/coalition/reports', label: 'Pooled report' },
    { to: '/coalition/contracts', label: 'Contracts' },
    { to: '/team', label: 'Team' },
  ],
}
