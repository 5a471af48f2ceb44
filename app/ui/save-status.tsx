/**
 * Where a form says it saved (issue 20). The wrapper is a polite live region that is always on the
 * page, so a screen reader announces the status when it appears after the save's redirect; the
 * status itself (role=status) is there only while it has something to say. The words come from
 * the page's fresh data, so they show what is now stored.
 */
export function SaveStatus({ message }: { message: string | null }) {
  return (
    <div aria-live="polite" className="save-status-region">
      {message ? (
        <p role="status" className="save-status">
          {message}
        </p>
      ) : null}
    </div>
  )
}
