import { z } from 'zod'
import { parseQueueQuery } from './care'

export const QUEUE_SORT_VALUES = ['requested', 'age', 'due', 'member', 'employer', 'procedure', 'center', 'status', 'assignee'] as const
export type QueueSortValue = (typeof QUEUE_SORT_VALUES)[number]
export const QUEUE_PAGE_SIZE = 50
const MAX_PAGE = 10_000

/** Who the queue shows cases of: anyone, the coordinator's own, nobody's, or one coordinator's (a user id). */
export type AssigneeFilter = 'any' | 'mine' | 'unassigned' | (string & {})

/**
 * The care queue's view from the query string (a GET form and sort links, so a view can be
 * bookmarked): unknown or hostile values mean the default, never an error.
 */
export function parseCareQueueQuery(params: URLSearchParams) {
  const base = parseQueueQuery(params)
  const id = (value: string | null) => (value && value.length <= 64 ? value : null)
  const sort = params.get('sort') as QueueSortValue
  const pageText = params.get('page') ?? ''
  const page = /^\d{1,5}$/.test(pageText) ? Math.min(MAX_PAGE, Math.max(1, Number(pageText))) : 1
  const assigneeText = params.get('assignee')
  const assignee: AssigneeFilter =
    assigneeText === 'mine' || assigneeText === 'unassigned' ? assigneeText : assigneeText && /^[\w-]{1,64}$/.test(assigneeText) && assigneeText !== 'any' ? assigneeText : 'any'
  return {
    ...base,
    employerId: id(base.employerId),
    procedureId: id(base.procedureId),
    assignee,
    overdue: params.get('overdue') === '1',
    sort: QUEUE_SORT_VALUES.includes(sort) ? sort : ('requested' as const),
    dir: params.get('dir') === 'desc' ? ('desc' as const) : ('asc' as const),
    page,
  }
}
export type CareQueueView = ReturnType<typeof parseCareQueueQuery>

/** The query string of a view (defaults left out), with some of it changed: for sort links, the pager and "Reset". */
export function careQueueHref(view: CareQueueView, change: Partial<CareQueueView> = {}) {
  const v = { ...view, ...change }
  const params = new URLSearchParams()
  if (v.status !== 'open') params.set('status', v.status)
  if (v.employerId) params.set('employer', v.employerId)
  if (v.procedureId) params.set('procedure', v.procedureId)
  if (v.assignee !== 'any') params.set('assignee', v.assignee)
  if (v.overdue) params.set('overdue', '1')
  if (v.sort !== 'requested') params.set('sort', v.sort)
  if (v.dir !== 'asc') params.set('dir', v.dir)
  if (v.page !== 1) params.set('page', String(v.page))
  const text = params.toString()
  return text ? `/coordinator?${text}` : '/coordinator'
}

/** Assigning a case: a user id or empty (unassign); `expected` is the assignee the page showed. */
export const CaseAssignSchema = z.object({
  intent: z.literal('assign'),
  assignee: z
    .string()
    .trim()
    .max(64, 'Choose a care coordinator from the list')
    .optional()
    .transform((v) => v || null),
  expected: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
})
