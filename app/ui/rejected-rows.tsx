import { TableWrap } from './table-wrap'

/** The row-by-row report of a refused or partly imported file: line, column, reason. */
export function RejectedRows({ rows, caption }: { rows: ReadonlyArray<{ line: number; column: string; reason: string }>; caption: string }) {
  if (rows.length === 0) return null
  return (
    <TableWrap label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.line}-${r.column}-${i}`}>
              <td className="num">{r.line}</td>
              <td>{r.column || '—'}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  )
}
