/**
 * What one save of the paged network picker asks (issue 24): the offers shown on the page
 * (`shown`) with those ticked among them (`checked`), plus changes made on other pages or
 * filters and carried by the form (`add`, `remove`). Without `shown`, `checked` is the whole
 * network (the plain form's and the API's full selection).
 */
export interface NetworkEdit {
  checked: readonly string[]
  shown?: readonly string[] | undefined
  add?: readonly string[] | undefined
  remove?: readonly string[] | undefined
}

export type NetworkEditResult = { ok: true; offerIds: string[] } | { ok: false; message: string }

const STALE = 'One of the chosen offers is withdrawn or not for a covered procedure: reload the page and choose again'

/**
 * The network after an edit: the current offers, minus those removed or shown unticked, plus
 * those added or ticked; offers the edit does not name stay as they are. Refused (nothing to
 * write) when an offer to add is not a candidate, an offer to remove or show is neither a
 * candidate nor in the network, a ticked offer was not shown, or one offer is both added and removed.
 */
export function applyNetworkEdit(current: readonly string[], edit: NetworkEdit, isCandidate: (offerId: string) => boolean): NetworkEditResult {
  const inNetwork = new Set(current)
  const known = (id: string) => isCandidate(id) || inNetwork.has(id)
  const checked = new Set(edit.checked)
  const add = new Set(edit.add ?? [])
  const remove = new Set(edit.remove ?? [])
  if ([...checked, ...add].some((id) => !isCandidate(id) && !inNetwork.has(id))) return { ok: false, message: STALE }
  if (edit.shown === undefined) {
    // The full selection: every ticked offer must still be offered.
    if ([...checked].some((id) => !isCandidate(id))) return { ok: false, message: STALE }
    return { ok: true, offerIds: [...checked] }
  }
  const shown = new Set(edit.shown ?? [])
  if ([...shown, ...remove].some((id) => !known(id))) return { ok: false, message: STALE }
  if ([...checked].some((id) => !shown.has(id))) return { ok: false, message: 'A ticked offer was not on the page you saved: reload the page and choose again' }
  if ([...add].some((id) => remove.has(id))) return { ok: false, message: 'An offer was both added and removed: reload the page and choose again' }
  const next = new Set(current)
  for (const id of remove) next.delete(id)
  for (const id of shown) if (!checked.has(id)) next.delete(id)
  for (const id of [...add, ...checked]) next.add(id)
  return { ok: true, offerIds: [...next] }
}
