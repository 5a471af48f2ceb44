import { FACILITY_SEARCH_TEXT_MAX } from '~/forms/facility-search'
import { ErrorList } from '~/ui/primitives/error-list'

/** A list page's search text (`q`), shown again with its error when it was refused (forms/facility-search.ts parseSearchText). */
export function SearchTextField({ label, value, error }: { label: string; value: string | undefined; error: string | null }) {
  return (
    <div className="field">
      <label htmlFor="q">{label}</label>
      <input
        id="q"
        name="q"
        type="search"
        defaultValue={value ?? ''}
        maxLength={FACILITY_SEARCH_TEXT_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'q-error' : undefined}
      />
      <ErrorList id="q-error" errors={error ? [error] : undefined} />
    </div>
  )
}
