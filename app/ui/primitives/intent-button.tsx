import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

/** One step of a page as its own small POST form: `intent` names the step for the action. */
export function IntentButton({ intent, children, isPrimary = false }: { intent: string; children: ReactNode; isPrimary?: boolean }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={isPrimary ? 'button button--primary' : 'button'}>
        {children}
      </button>
    </Form>
  )
}
