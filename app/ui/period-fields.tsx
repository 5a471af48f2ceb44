/** The reporting period's two date fields (dashboard and platform reports), named `from` and `to`. */
export function PeriodFields({ from, to }: { from: string; to: string }) {
  return (
    <>
      <div className="field">
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="date" defaultValue={from} />
      </div>
      <div className="field">
        <label htmlFor="to">To</label>
        <input id="to" name="to" type="date" defaultValue={to} />
      </div>
    </>
  )
}
