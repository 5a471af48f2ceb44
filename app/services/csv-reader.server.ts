import fs from 'node:fs'
import { parse } from 'csv-parse'
import iconv from 'iconv-lite'

export class CsvFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`)
  }
}

export interface CsvRow {
  line: number
  values: Record<string, string>
}

/**
 * Streams a CSV file as records keyed by header, with the line each starts on. Refuses a file
 * whose header lacks `requiredColumns`, a row with the wrong number of fields (a truncated or
 * mangled file) and an unclosed quote, naming the file and line.
 */
export async function* readCsv(
  path: string,
  options: { label: string; requiredColumns: readonly string[]; encoding?: 'utf8' | 'cp1252' },
): AsyncGenerator<CsvRow> {
  if (!fs.existsSync(path)) throw new CsvFileError(options.label, 'file not found')
  const source = fs.createReadStream(path)
  const input = options.encoding === 'cp1252' ? source.pipe(iconv.decodeStream('win1252')) : source
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      columns: (header: string[]) => {
        // A UTF-8 byte-order mark read as cp1252 shows up as "ï»¿" (a spreadsheet re-save, SOURCES.md).
        const columns = header.map((name) => name.replace(/^(\uFEFF|ï»¿)/, '').trim())
        const missing = options.requiredColumns.filter((name) => !columns.includes(name))
        if (missing.length > 0) {
          throw new CsvFileError(options.label, `not the expected file: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`)
        }
        return columns
      },
    }),
  )
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: item.info.lines, values: item.record }
    }
  } catch (error) {
    if (error instanceof CsvFileError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new CsvFileError(options.label, `unreadable CSV (${message}); the file may be truncated or damaged`)
  }
}
