import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { formatCents } from '~/domain/money'
import { formatDate } from './format'
import { TableWrap } from './table-wrap'

interface Terms {
  deductibleWaived: boolean
  coinsuranceWaived: boolean
  coeCopayCents: number
  completionIncentiveCents: number
  centers: Record<string, number>
}

export interface PublishConfirmationView {
  confirm: string
  version: number
  ours: Terms
  overlaps: ReadonlyArray<{
    versionId: string
    programName: string
    version: number
    procedures: ReadonlyArray<{ id: string; name: string }>
    from: string
    to: string | null
    theirs: Terms
  }>
}

const days = (from: string, to: string | null) => (to ? `from ${formatDate(from)} to ${formatDate(to)}` : `from ${formatDate(from)}, with no end date`)
const waived = (yes: boolean) => (yes ? 'Waived' : 'Applies')

/**
 * Asked before publishing a version whose procedures another published program covers on the
 * same days (issue 20): which program, which procedures, which dates, and what members would get
 * there (the newest version in force wins, so this one), then a second POST with `confirmOverlaps`.
 * Focus moves to the question so a screen reader reads it.
 */
export function PublishConfirmation({ confirmation, programName, cancelHref }: { confirmation: PublishConfirmationView; programName: string; cancelHref: string }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const navigation = useNavigation()
  useEffect(() => heading.current?.focus(), [confirmation.confirm])
  const v = confirmation.version
  return (
    <section className="card problems" aria-labelledby="overlap-heading" id="overlap">
      <h2 id="overlap-heading" tabIndex={-1} ref={heading}>
        Version {v} overlaps {confirmation.overlaps.length === 1 ? 'another published program' : `${confirmation.overlaps.length} published programs`}: publish anyway?
      </h2>
      <p>
        Nothing is published yet. Once published, a version cannot be undone. On the days below, members covered by both get {programName} version {v} for the
        procedures both cover: when programs overlap, the newest published version in force wins. Outside those days, and for any other procedure, the other
        program applies as before.
      </p>
      {confirmation.overlaps.map((o) => (
        <section key={o.versionId} aria-labelledby={`overlap-${o.versionId}`}>
          <h3 id={`overlap-${o.versionId}`}>
            {o.programName} (version {o.version})
          </h3>
          <p>
            Both cover {o.procedures.map((p) => p.name).join(' and ')} {days(o.from, o.to)}. Members get {programName} version {v} for{' '}
            {o.procedures.length === 1 ? 'it' : 'them'} on those days, instead of {o.programName}.
          </p>
          <TableWrap label={`What members get: ${programName} against ${o.programName}`}>
            <table className="table">
              <caption className="visually-hidden">What members get on the shared days</caption>
              <thead>
                <tr>
                  <th scope="col">At a center</th>
                  <th scope="col">
                    {programName} version {v} (what members would get)
                  </th>
                  <th scope="col">
                    {o.programName} version {o.version} (until now)
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Deductible</th>
                  <td>{waived(confirmation.ours.deductibleWaived)}</td>
                  <td>{waived(o.theirs.deductibleWaived)}</td>
                </tr>
                <tr>
                  <th scope="row">Coinsurance</th>
                  <td>{waived(confirmation.ours.coinsuranceWaived)}</td>
                  <td>{waived(o.theirs.coinsuranceWaived)}</td>
                </tr>
                <tr>
                  <th scope="row">Copay per case</th>
                  <td>{formatCents(confirmation.ours.coeCopayCents)}</td>
                  <td>{formatCents(o.theirs.coeCopayCents)}</td>
                </tr>
                <tr>
                  <th scope="row">Completion incentive</th>
                  <td>{formatCents(confirmation.ours.completionIncentiveCents)}</td>
                  <td>{formatCents(o.theirs.completionIncentiveCents)}</td>
                </tr>
                {o.procedures.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">Centers for {p.name}</th>
                    <td>{confirmation.ours.centers[p.id] ?? 0}</td>
                    <td>{o.theirs.centers[p.id] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
      <Form method="post" className="form-actions">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="confirmOverlaps" value={confirmation.confirm} />
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          Confirm publishing version {v}
        </button>
        <Link to={cancelHref} className="button button--quiet">
          Keep it a draft
        </Link>
      </Form>
    </section>
  )
}
