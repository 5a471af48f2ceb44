import fs from 'node:fs'
import nodePath from 'node:path'
import zlib from 'node:zlib'
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

/** Bytes read to recognise a file that is not CSV text (enough for every signature below). */
const SNIFF_BYTES = 4_096

const SIGNATURES: Array<{ bytes: number[]; kind: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], kind: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'an Excel workbook or another ZIP archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old-format Excel (.xls) workbook' },
]
const SAVE_AS_CSV = 'save it from the spreadsheet as "CSV UTF-8" and upload that file'

/**
 * Why the file's first bytes are not CSV text, or null when they may be: a renamed image or
 * workbook, UTF-16 text (which a UTF-8 reader sees as letters between NUL bytes, so every column
 * would look missing), or binary data.
 */
export function notCsvText(path: string): string | null {
  const head = Buffer.alloc(SNIFF_BYTES)
  const descriptor = fs.openSync(path, 'r')
  const length = fs.readSync(descriptor, head, 0, SNIFF_BYTES, 0)
  fs.closeSync(descriptor)
  const bytes = head.subarray(0, length)
  const signature = SIGNATURES.find((s) => s.bytes.every((byte, i) => bytes[i] === byte))
  if (signature) return `this is ${signature.kind}, not a CSV file: ${SAVE_AS_CSV}`
  const isUtf16Bom = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue
    if (i % 2 === 0) evenNuls++
    else oddNuls++
  }
  const half = bytes.length / 2
  if (isUtf16Bom || (length >= 4 && Math.max(evenNuls, oddNuls) > half * 0.3 && Math.min(evenNuls, oddNuls) < half * 0.05)) {
    return `the file is UTF-16 text, not UTF-8: ${SAVE_AS_CSV}`
  }
  if (evenNuls + oddNuls > 0) return `this is not a CSV file: it holds binary data (NUL bytes); ${SAVE_AS_CSV}`
  return null
}

/**
 * Why a record's text cannot be stored, or null: U+FFFD is what a UTF-8 reader makes of bytes that
 * are not UTF-8 (Latin-1 "é" in a re-saved file); a NUL byte is binary data (PostgreSQL cannot store it).
 */
function unreadableText(record: Record<string, string>, isUtf8: boolean): 'not-utf8' | 'nul' | null {
  for (const key in record) {
    const value = record[key]!
    if (value.includes('\u0000')) return 'nul'
    if (isUtf8 && value.includes('\uFFFD')) return 'not-utf8'
  }
  return null
}

export interface CsvRow {
  line: number
  values: Record<string, string>
}

/**
 * Streams a CSV file as records keyed by header, with the line each starts on. Refuses a file
 * that is not CSV text (an image, a workbook, UTF-16, binary data, bytes that are not UTF-8),
 * whose header lacks `requiredColumns`, a row with the wrong number of fields (a truncated or
 * mangled file) and an unclosed quote, naming the file and line.
 */
export async function* readCsv(
  path: string,
  options: { label: string; requiredColumns: readonly string[]; encoding?: 'utf8' | 'cp1252' },
): AsyncGenerator<CsvRow> {
  if (!fs.existsSync(path)) throw new CsvFileError(options.label, 'file not found')
  const gzipped = path.endsWith('.gz')
  // A gzipped file (the committed CMS extract) is checked as text while it is read: a damaged one
  // fails in gunzip or in the parser, both reported as unreadable.
  const notText = gzipped ? null : notCsvText(path)
  if (notText) throw new CsvFileError(options.label, notText)
  const isUtf8 = options.encoding !== 'cp1252'
  const source = gzipped ? fs.createReadStream(path).pipe(zlib.createGunzip()) : fs.createReadStream(path)
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
      const unreadable = unreadableText(item.record, isUtf8)
      if (unreadable === 'not-utf8') {
        throw new CsvFileError(options.label, `line ${item.info.lines} is not UTF-8 text (a letter such as "é" saved as Latin-1 or Windows-1252): save the file as "CSV UTF-8" and upload it again`)
      }
      if (unreadable === 'nul') throw new CsvFileError(options.label, `line ${item.info.lines} holds binary data (a NUL byte), not text: ${SAVE_AS_CSV}`)
      yield { line: item.info.lines, values: item.record }
    }
  } catch (error) {
    if (error instanceof CsvFileError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new CsvFileError(options.label, `unreadable CSV (${message}); the file may be truncated or damaged`)
  }
}

/**
 * Where a CMS file is in a folder: the file itself (a full release), or `<file>.gz` (the compact
 * extract in db/data/cms, always UTF-8 whatever the original's encoding). Null when neither exists.
 */
export function locateCsvFile(folder: string, relative: string, encoding: 'utf8' | 'cp1252'): { path: string; encoding: 'utf8' | 'cp1252' } | null {
  const plain = nodePath.join(folder, relative)
  if (fs.existsSync(plain) && fs.statSync(plain).isFile()) return { path: plain, encoding }
  const gzipped = `${plain}.gz`
  if (fs.existsSync(gzipped) && fs.statSync(gzipped).isFile()) return { path: gzipped, encoding: 'utf8' }
  return null
}

export interface DelimitedRecord {
  /** The line the record starts on, counting every line break of the file once (CRLF is one). */
  line: number
  fields: string[]
  /** Bytes of the file read so far (for a progress estimate). */
  bytes: number
}

/**
 * Streams a delimited text file as raw records, the header first, with the line each record
 * starts on. Unlike csv-parse's own line count (which counts a CRLF inside a quoted field twice),
 * lines are counted from each record's raw text. Empty lines are skipped but counted. Refuses, as
 * readCsv does, a file that is not UTF-8 text.
 */
export async function* readDelimitedRecords(path: string, options: { label: string; delimiter: string }): AsyncGenerator<DelimitedRecord> {
  if (!fs.existsSync(path)) throw new CsvFileError(options.label, 'file not found')
  const notText = notCsvText(path)
  if (notText) throw new CsvFileError(options.label, notText)
  const parser = fs.createReadStream(path).pipe(
    parse({ bom: true, info: true, raw: true, delimiter: options.delimiter, relax_column_count: true, skip_empty_lines: false, trim: true }),
  )
  let nextLine = 1
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string; info: { bytes: number } }>) {
      const line = nextLine
      const body = item.raw.replace(/(\r\n|\r|\n)$/, '')
      nextLine = line + 1 + (body.match(/\r\n|\r|\n/g)?.length ?? 0)
      if (item.record.every((field) => field === '')) continue
      for (const field of item.record) {
        if (field.includes('\u0000')) throw new CsvFileError(options.label, `line ${line} holds binary data (a NUL byte), not text: ${SAVE_AS_CSV}`)
        if (field.includes('\uFFFD')) {
          throw new CsvFileError(options.label, `line ${line} is not UTF-8 text (a letter such as "é" saved as Latin-1 or Windows-1252): save the file as "CSV UTF-8" and upload it again`)
        }
      }
      yield { line, fields: item.record, bytes: item.info.bytes }
    }
  } catch (error) {
    if (error instanceof CsvFileError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new CsvFileError(options.label, `unreadable CSV (${message}); the file may be truncated or damaged`)
  }
}

/** The first line of a text file (up to 64 KB), to choose its delimiter. */
export function firstLineOf(path: string): string {
  const head = Buffer.alloc(65_536)
  const descriptor = fs.openSync(path, 'r')
  const length = fs.readSync(descriptor, head, 0, head.length, 0)
  fs.closeSync(descriptor)
  const text = head.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '')
  const end = text.search(/\r|\n/)
  return end === -1 ? text : text.slice(0, end)
}
