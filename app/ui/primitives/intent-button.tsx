import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'

/**
 * One step of a page as its own small POST form: `intent` names the step for the action, `fields`
 * say what it applies to (hidden inputs, e.g. the user or invitation id).
 */
export function IntentButton({
  intent,
  fields = {},
  children,
  isPrimary = false,
  isDanger = false,
}: {
  intent: string
  fields?: Record<string, string>
  children: ReactNode
  isPrimary?: boolean
  isDanger?: boolean
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={['button', isPrimary ? 'button--primary' : '', isDanger ? 'button--danger' : ''].filter(Boolean).join(' ')}>
        {children}
      </button>
    </Form>
  )
}
