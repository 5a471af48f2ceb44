import { Form, Link } from '@remix-run/react'
import type { Scorecard } from '~/domain/contracts/scorecard'
import {
  accessText,
  bundleText,
  COMPARISON_WORDS,
  comparisonCountsText,
  contractWarrantyText,
  differenceText,
  facilityOffersText,
  reconciledLines,
  starsText,
  tiersText,
  volumeText,
  warrantyText,
} from '~/domain/contracts/scorecard-text'
import { formatCents } from '~/domain/money'
import { formatDate } from './format'
import { TableWrap } from './table-wrap'

/*
 * A health system's value scorecard (issue 21): the same page for employers, brokers and the
 * health system itself; only the default comparison differs, and the health system's admin has
 * the switch that shows or withdraws its reconciled results.
 */

export interface ScorecardPageView {
  healthSystem: { id: string; name: string }
  viewerKind: 'employer' | 'broker' | 'health_system'
  isPublished: boolean
  generatedOn: string
  basis: { label: string; text: string }
  comparison: { value: string; note: string | null; choices: Array<{ value: string; label: string }> }
  scorecard: Scorecard
  contracts: Array<{ id: string; title: string; version: number; warrantyDays: number; warrantyCovers: string[]; accessGuaranteeDays: number }>
  problem: string | null
  query: string
  saved: 'scorecard-results-shown' | 'scorecard-results-hidden' | null
}

export function ScorecardPage({ view, error }: { view: ScorecardPageView; error: string | null }) {
  const { scorecard, healthSystem } = view
  const isOwn = view.viewerKind === 'health_system'
  const pdfHref = `/scorecards/${healthSystem.id}.pdf${view.query}`
  return (
    <>
      {isOwn ? null : (
        <p className="breadcrumb">
          <Link to="/scorecards">Value scorecards</Link>
        </p>
      )}
      <h1>{healthSystem.name}: value scorecard</h1>
      <p className="lead">
        Bundle prices against the {view.basis.label}, CMS quality against the nation, volume, access and warranty, as of {formatDate(view.generatedOn)}.
      </p>
      <p>
        <a href={pdfHref} className="button">
          Download as PDF
        </a>
      </p>
      {isOwn ? (
        <p className="card notice" role="note">
          This is the page employers and brokers see. An employer compares your bundle prices with the typical price where its own members live; a broker
          with the national typical price, or where a client&apos;s members live.
        </p>
      ) : null}

      <Form method="get" className="card form-grid" aria-label="Compare with">
        <div className="field">
          <label htmlFor="compare">Compare bundle prices with</label>
          <select id="compare" name="compare" defaultValue={view.comparison.value}>
            {view.comparison.choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            Compare
          </button>
        </div>
      </Form>
      {view.problem || view.comparison.note ? (
        <p role="status" className="card problems">
          {[view.problem, view.comparison.note].filter(Boolean).join(' ')}
        </p>
      ) : null}

      <section className="card" aria-labelledby="prices-heading">
        <h2 id="prices-heading">Prices</h2>
        <p>
          <strong>What the typical price is:</strong> {view.basis.text}
        </p>
        <p>
          {scorecard.proceduresCompared === 0
            ? 'No procedure has a typical price to compare with.'
            : `The median bundle price is below the typical price for ${scorecard.proceduresBelowTypical} of ${scorecard.proceduresCompared} ${scorecard.proceduresCompared === 1 ? 'procedure' : 'procedures'}.`}
        </p>
        {scorecard.procedures.length === 0 ? (
          <p className="empty">{healthSystem.name} has no offer in force.</p>
        ) : (
          <TableWrap label="Bundle prices against the typical price">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col">Bundle price</th>
                  <th scope="col" className="num">
                    Typical price
                  </th>
                  <th scope="col">Difference</th>
                  <th scope="col">Warranty</th>
                </tr>
              </thead>
              <tbody>
                {scorecard.procedures.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      {p.name} ({p.code}){p.hasDemoOffers ? <span className="badge badge--demo">demo offers</span> : null}
                    </th>
                    <td>{bundleText(p)}</td>
                    <td className="num">{p.typicalPriceCents === null ? '—' : formatCents(p.typicalPriceCents, { wholeDollars: true })}</td>
                    <td>{differenceText(p)}</td>
                    <td>{warrantyText(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {scorecard.procedures.length > 0 ? (
        <section className="card" aria-labelledby="quality-heading">
          <h2 id="quality-heading">Quality, volume and access</h2>
          <p className="muted">
            CMS facts against the nation, counted over the facilities that offer the procedure. Complications and readmissions are CMS&apos;s hip and knee
            replacement measures.
          </p>
          <TableWrap label="Quality, volume and access by procedure">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Procedure</th>
                  <th scope="col">CMS stars</th>
                  <th scope="col">Quality tiers</th>
                  <th scope="col">Complications</th>
                  <th scope="col">Readmissions</th>
                  <th scope="col">Volume</th>
                  <th scope="col">First appointment</th>
                </tr>
              </thead>
              <tbody>
                {scorecard.procedures.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{p.code}</th>
                    <td>{starsText(p)}</td>
                    <td>{tiersText(p)}</td>
                    <td>{comparisonCountsText(p.complication)}</td>
                    <td>{comparisonCountsText(p.readmission)}</td>
                    <td>{volumeText(p)}</td>
                    <td>{accessText(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}

      {view.contracts.length > 0 ? (
        <section className="card" aria-labelledby="contracts-heading">
          <h2 id="contracts-heading">Your contracts with {healthSystem.name}</h2>
          <ul>
            {view.contracts.map((contract) => (
              <li key={contract.id}>
                <Link to={`/employer/contracts/${contract.id}`}>{contract.title}</Link> (version {contract.version}): warranty{' '}
                {contractWarrantyText(contract.warrantyDays, contract.warrantyCovers)}; first consult within {contract.accessGuaranteeDays} days.
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="results-heading">
        <h2 id="results-heading">Reconciled contract results</h2>
        {view.saved ? (
          <p role="status" className="save-status">
            {view.saved === 'scorecard-results-shown' ? 'Your reconciled results now show on your scorecard.' : 'Your reconciled results no longer show.'}
          </p>
        ) : null}
        {scorecard.reconciled === 'hidden' ? (
          <p className="muted">{healthSystem.name} has not chosen to show its reconciled contract results.</p>
        ) : scorecard.reconciled === 'none' ? (
          <p className="muted">No contract period has been reconciled yet.</p>
        ) : (
          <>
            <p className="muted">Every contract of {healthSystem.name} together; no purchaser is named.</p>
            <dl className="facts">
              {reconciledLines(scorecard.reconciled).map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
        {isOwn ? (
          <Form method="post" className="inline-form">
            {error ? (
              <p role="alert" className="error-list">
                {error}
              </p>
            ) : null}
            <p>
              {view.isPublished
                ? 'Employers and brokers see these results, summed over your contracts. You can withdraw them at any time.'
                : 'Employers and brokers do not see your reconciled results. Showing them adds their sums over all your contracts to this page, without naming any purchaser.'}
            </p>
            <input type="hidden" name="intent" value={view.isPublished ? 'hide-results' : 'show-results'} />
            <button type="submit" className="button">
              {view.isPublished ? 'Withdraw my reconciled results' : 'Show my reconciled results'}
            </button>
          </Form>
        ) : null}
      </section>

      {scorecard.facilities.length > 0 ? (
        <section className="card" aria-labelledby="facilities-heading">
          <h2 id="facilities-heading">Facilities</h2>
          <p className="muted">
            {scorecard.facilityCount > scorecard.facilities.length
              ? `The first ${scorecard.facilities.length} of ${scorecard.facilityCount} facilities by name; the tables above count every one.`
              : `${scorecard.facilityCount} ${scorecard.facilityCount === 1 ? 'facility' : 'facilities'} with offers in force.`}
          </p>
          <TableWrap label="Facilities">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Facility</th>
                  <th scope="col">CMS stars</th>
                  <th scope="col">Hip/knee complications</th>
                  <th scope="col">Hip/knee readmissions</th>
                  <th scope="col">Bundle prices (quality tier)</th>
                </tr>
              </thead>
              <tbody>
                {scorecard.facilities.map((f) => (
                  <tr key={f.facilityId}>
                    <th scope="row">
                      <Link to={`/facilities/${f.facilityId}`}>{f.name}</Link>
                      <span className="muted small">
                        {' '}
                        {f.city}, {f.state}
                      </span>
                    </th>
                    <td>{f.starRating === null ? 'not rated' : `${f.starRating} of 5`}</td>
                    <td>{COMPARISON_WORDS[f.complication]}</td>
                    <td>{COMPARISON_WORDS[f.readmission]}</td>
                    <td>{facilityOffersText(f)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
    </>
  )
}
