import type { CoalitionMembershipStatus } from '~/domain/coalitions/membership'

/** How each membership status reads on the coalition's and the employer's pages. */
export const MEMBERSHIP_STATUS_LABEL: Record<CoalitionMembershipStatus, string> = {
  invited: 'Invited',
  active: 'Member',
  declined: 'Declined',
  withdrawn: 'Invitation withdrawn',
  ended: 'Left',
}
