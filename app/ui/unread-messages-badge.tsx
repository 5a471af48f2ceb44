/**
 * The member's messages on a case that the signed-in coordinator has not read: a badge that says
 * "N unread" (and, to a screen reader, what is unread); nothing when there are none.
 */
export function UnreadMessagesBadge({ count }: { count: number }) {
  if (count <= 0) return null
  return (
    <span className="badge badge--unread">
      {count} unread
      <span className="visually-hidden"> {count === 1 ? 'message' : 'messages'} from the member</span>
    </span>
  )
}
