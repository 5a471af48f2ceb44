import { Link } from '@remix-run/react'
import type { Engagement } from '~/domain/coalitions/engagement'

const STATE_TEXT = { done: 'done', current: 'you are here', upcoming: 'to come' } as const

/** Where the employer stands on the engagement continuum and the next step (issue 23, DESIGN §12). */
export function EngagementStepper({ engagement }: { engagement: Engagement }) {
  return (
    <section className="card" aria-labelledby="engagement-heading">
      <h2 id="engagement-heading">Where you stand</h2>
      <ol className="stepper">
        {engagement.steps.map((step) => (
          <li key={step.stage} className={`stepper__step stepper__step--${step.state}`} aria-current={step.state === 'current' ? 'step' : undefined}>
            {step.label} <span className="visually-hidden">({STATE_TEXT[step.state]})</span>
          </li>
        ))}
      </ol>
      <p>
        <strong>Next step: {engagement.next.title}.</strong> {engagement.next.why}
      </p>
      <ul className="link-list">
        {engagement.next.links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}
