import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { caseStateLabel, OPEN_STATES, type CaseState } from '~/domain/cases/case-flow'
import { careQueueHref, type CareQueueView, type QueueSortValue } from '~/forms/care-queue'
import { formatDate } from '~/ui/format'
import { Pager } from '~/ui/pager'
import { Stat, StatGrid } from '~/ui/primitives/stat'
import { TableWrap } from '~/ui/table-wrap'

const CLOSED = ['completed', 'cancelled', 'denied'] as const

export interface CareQueueRow {
  id: string
  status: CaseState
  requestedAt: string
  daysInStatus: number
  dueDate: string | null
  isOverdue: boolean
  firstName: string
  lastName: string
  employerName: string
  procedureName: string
  facilityName: string
  assigneeName: string | null
}

interface Named {
  id: string
  name: string
}

/** Open cases and overdue cases per status: the overdue figure is words, not a colour. */
export function CareQueueStats({ counts, overdueCounts, overdueTotal }: { counts: { status: string; count: number }[]; overdueCounts: { status: string; count: number }[]; overdueTotal: number }) {
  const countOf = (list: { status: string; count: number }[], status: string) => list.find((row) => row.status === status)?.count ?? 0
  return (
    <StatGrid label="Open cases by status">
      <Stat label="Overdue" value={overdueTotal} hint="past the response promise" />
      {OPEN_STATES.map((status) => (
        <Stat key={status} label={caseStateLabel(status)} value={countOf(counts, status)} hint={countOf(overdueCounts, status) > 0 ? `${countOf(overdueCounts, status)} overdue` : undefined} />
      ))}
    </StatGrid>
  )
}

/** The queue's filters as a GET form: the view lives in the URL, to bookmark and share. */
export function CareQueueFilters({ view, employers, procedures, coordinators }: { view: CareQueueView; employers: Named[]; procedures: Named[]; coordinators: Named[] }) {
  return (
    <Form method="get" className="card form-grid filter-bar" aria-label="Filter cases">
      {view.sort !== 'requested' ? <input type="hidden" name="sort" value={view.sort} /> : null}
      {view.dir !== 'asc' ? <input type="hidden" name="dir" value={view.dir} /> : null}
      <div className="field">
        <label htmlFor="status">Status</label>
        <select id="status" name="status" defaultValue={view.status}>
          <option value="open">All open cases</option>
          {[...OPEN_STATES, ...CLOSED].map((s) => (
            <option key={s} value={s}>
              {caseStateLabel(s)}
            </option>
          ))}
          <option value="all">Every case</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="assignee">Assignee</label>
        <select id="assignee" name="assignee" defaultValue={view.assignee}>
          <option value="any">Anyone</option>
          <option value="mine">Mine</option>
          <option value="unassigned">Unassigned</option>
          {coordinators.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="employer">Employer</label>
        <select id="employer" name="employer" defaultValue={view.employerId ?? ''}>
          <option value="">All employers</option>
          {employers.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="procedure">Procedure</label>
        <select id="procedure" name="procedure" defaultValue={view.procedureId ?? ''}>
          <option value="">All procedures</option>
          {procedures.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--checkbox">
        <label>
          <input type="checkbox" name="overdue" value="1" defaultChecked={view.overdue} /> Overdue only
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Filter
        </button>
        <Link to="/coordinator">Reset</Link>
      </div>
    </Form>
  )
}

const SORT_LABEL: Record<QueueSortValue, string> = {
  member: 'Member', requested: 'Requested', age: 'In status', due: 'Due', status: 'Status', assignee: 'Assignee', employer: 'Employer', procedure: 'Procedure', center: 'Center',
}

function SortHeader({ view, sort, className }: { view: CareQueueView; sort: QueueSortValue; className?: string }) {
  const active = view.sort === sort
  const next = active && view.dir === 'asc' ? 'desc' : 'asc'
  return (
    <th scope="col" className={className} aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link to={careQueueHref(view, { sort, dir: next, page: 1 })}>
        {SORT_LABEL[sort]}
        {active ? <span aria-hidden="true">{view.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
        <span className="visually-hidden">{active ? `, sorted ${view.dir === 'asc' ? 'ascending' : 'descending'}; sort ${next === 'asc' ? 'ascending' : 'descending'}` : ', sort'}</span>
      </Link>
    </th>
  )
}

/**
 * The page of cases: `extraColumns` leaves room for later columns (unread messages), each a
 * header and a cell per row.
 */
export function CareQueueTable<Row extends CareQueueRow>({
  view, rows, total, pages, extraColumns = [],
}: {
  view: CareQueueView
  rows: Row[]
  total: number
  pages: number
  extraColumns?: { header: ReactNode; cell: (row: Row) => ReactNode }[]
}) {
  if (rows.length === 0) return <p className="empty">No cases match. New care requests from members appear here; &ldquo;Reset&rdquo; shows every open case.</p>
  const caption = `${total} case${total === 1 ? '' : 's'}, page ${view.page} of ${pages}`
  return (
    <>
      <p>{caption}</p>
      <TableWrap label="Cases">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <SortHeader view={view} sort="member" />
              <SortHeader view={view} sort="requested" />
              <SortHeader view={view} sort="age" className="num" />
              <SortHeader view={view} sort="due" />
              <SortHeader view={view} sort="status" />
              <SortHeader view={view} sort="assignee" />
              {extraColumns.map((column, i) => (
                <th key={i} scope="col">
                  {column.header}
                </th>
              ))}
              <SortHeader view={view} sort="employer" />
              <SortHeader view={view} sort="procedure" />
              <SortHeader view={view} sort="center" />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`/coordinator/cases/${row.id}`}>
                    {row.firstName} {row.lastName}
                  </Link>
                </th>
                <td>{formatDate(row.requestedAt)}</td>
                <td className="num">{row.daysInStatus} d</td>
                <td>
                  {row.dueDate ? formatDate(row.dueDate) : 'No promise'}
                  {row.isOverdue ? <span className="badge badge--overdue">Overdue</span> : null}
                </td>
                <td>{caseStateLabel(row.status)}</td>
                <td>{row.assigneeName ?? 'Unassigned'}</td>
                {extraColumns.map((column, i) => (
                  <td key={i}>{column.cell(row)}</td>
                ))}
                <td>{row.employerName}</td>
                <td>{row.procedureName}</td>
                <td>{row.facilityName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <Pager
        label="Queue pages"
        previous={view.page > 1 ? careQueueHref(view, { page: view.page - 1 }) : null}
        next={view.page < pages ? careQueueHref(view, { page: view.page + 1 }) : null}
      />
    </>
  )
}
