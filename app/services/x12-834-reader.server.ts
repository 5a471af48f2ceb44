import fs from 'node:fs'
import { Transform, type TransformCallback, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { X12parser } from 'x12-parser'
import { segmentNumberer, start834Reader, type X12Context, type X12Interchange } from '~/domain/roster/x12-834'

/*
 * Reads an 834 file from disk (ADR 0013): the ISA segment is checked and its delimiters found here,
 * x12-parser splits the stream into segments, and the 834 rules are the domain's (read834). The
 * file is streamed: only the member records are kept, never every segment.
 */

export class X12FileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`)
  }
}

/** ISA01..ISA16 widths: the ISA segment is fixed-width, which is how its delimiters can be found. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1]
/** ISA plus its 16 fields and separators, then the segment terminator at this offset. */
const ISA_LENGTH = 106
/** Bytes read to skip a BOM or blank lines and see the whole ISA segment. */
const SNIFF_BYTES = 4_096
/** No 834 segment comes near this; more without a terminator means the ISA names the wrong one. */
const MAX_SEGMENT_BYTES = 65_536
const LF = 0x0a
const CR = 0x0d

interface X12Delimiters {
  element: string
  component: string
  segment: string
}

/** Bytes before the ISA segment that are tolerated: a UTF-8 byte-order mark, then blank space. */
function leadingBytes(bytes: Buffer): number {
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  while (offset < bytes.length && (bytes[offset] === 0x20 || bytes[offset] === 0x09 || bytes[offset] === CR || bytes[offset] === LF)) offset++
  return offset
}

/** Does the content start like an X12 interchange ("ISA" after an optional BOM and blank space)? */
export function looksLikeX12(firstBytes: Buffer): boolean {
  const offset = leadingBytes(firstBytes)
  return firstBytes.subarray(offset, offset + 3).toString('latin1') === 'ISA'
}

/** The delimiters the ISA segment declares, or why the ISA segment cannot be read. */
function readIsaDelimiters(isa: string): X12Delimiters | string {
  if (isa.length < ISA_LENGTH) return `it is ${isa.length} characters long, but an ISA segment is always ${ISA_LENGTH} (fixed-width fields and the segment terminator)`
  const element = isa[3]!
  if (/[A-Za-z0-9\s]/.test(element)) return `the element separator (the character after "ISA") is ${JSON.stringify(element)}, which is a letter, digit or space`
  let offset = 4
  for (const [i, width] of ISA_WIDTHS.entries()) {
    const name = `ISA${String(i + 1).padStart(2, '0')}`
    const isLast = i === ISA_WIDTHS.length - 1
    const end = isLast ? offset + width : isa.indexOf(element, offset)
    if (end === -1 || end > ISA_LENGTH) return `it has only ${i} of its 16 fields before the segment terminator`
    const field = isa.slice(offset, end)
    if (field.length !== width) return `${name} is ${JSON.stringify(field)} (${field.length} characters), but it must be exactly ${width} (ISA fields have fixed widths)`
    offset = end + 1
  }
  const component = isa[104]!
  const segment = isa[105]!
  if (/[A-Za-z0-9 ]/.test(component) || component === element) return `ISA16, the component separator, is ${JSON.stringify(component)}: it must be a punctuation character other than the element separator`
  if (/[A-Za-z0-9 ]/.test(segment) || segment === element || segment === component) {
    return `the character after ISA16 must be the segment terminator, but it is ${JSON.stringify(segment)}: the ISA segment is longer than its fixed 106 characters`
  }
  if (segment.charCodeAt(0) > 0x7f) return `the segment terminator ${JSON.stringify(segment)} is not an ASCII character`
  return { element, component, segment }
}

/**
 * Reads an 834 file as an interchange of roster records (read834). Refuses, naming the file, a file
 * that is not X12, whose ISA segment is malformed, whose segments do not end with the terminator
 * the ISA declares, or whose transaction sets are not 834 enrollments.
 */
export async function read834File(path: string, options: { label: string; context: X12Context }): Promise<X12Interchange> {
  const { label } = options
  if (!fs.existsSync(path)) throw new X12FileError(label, 'file not found')
  const head = Buffer.alloc(SNIFF_BYTES)
  const descriptor = fs.openSync(path, 'r')
  const length = fs.readSync(descriptor, head, 0, SNIFF_BYTES, 0)
  fs.closeSync(descriptor)
  if (length === 0) throw new X12FileError(label, 'the file is empty')
  const bytes = head.subarray(0, length)
  if (!looksLikeX12(bytes)) throw new X12FileError(label, 'the file does not start with an ISA segment: not an X12 file')
  const start = leadingBytes(bytes)
  const delimiters = readIsaDelimiters(bytes.subarray(start, start + ISA_LENGTH).toString('latin1'))
  if (typeof delimiters === 'string') throw new X12FileError(label, `ISA segment is malformed: ${delimiters}`)

  const reader = start834Reader(options.context)
  const number = segmentNumberer()
  let index = 0
  const consume = (parsed: Record<string, string>) => {
    const id = parsed.name ?? ''
    if (!id) return // the blank after the last terminator
    index++
    const elements = elementsOf(parsed, delimiters.component)
    if (id === 'ST' && elements[0] !== '834') throw new X12FileError(label, `ST01 ${JSON.stringify(elements[0] ?? '')} is not an 834 enrollment`)
    for (const value of elements) {
      if (value.includes('\uFFFD')) throw new X12FileError(label, `segment ${index} (${id}) is not UTF-8 text: a letter such as "é" was saved in another encoding`)
    }
    reader.push(number(id, elements))
  }
  await pipeline(
    fs.createReadStream(path, { start }),
    new TerminatorGuard(label, delimiters.segment),
    // x12-parser finds the same delimiters at the same ISA offsets, since the stream starts at the ISA.
    new X12parser('utf8'),
    // A plain object-mode sink: an async iterator would cost a promise per segment.
    new Writable({
      objectMode: true,
      write(parsed: Record<string, string>, _encoding, callback) {
        try {
          consume(parsed)
        } catch (error) {
          return callback(error as Error)
        }
        callback()
      },
    }),
  )
  return reader.finish()
}

/**
 * x12-parser's segment object back to element values: it keys elements "1", "2"… and splits
 * composites into the first component under "n" and the rest under "n-1", "n-2"….
 */
function elementsOf(parsed: Record<string, string>, component: string): string[] {
  const elements: string[] = []
  for (let n = 1; parsed[n] !== undefined; n++) {
    let value = parsed[n]!
    for (let c = 1; parsed[`${n}-${c}`] !== undefined; c++) value += component + parsed[`${n}-${c}`]
    elements.push(value)
  }
  return elements
}

/**
 * Passes the bytes through unchanged, refusing a file whose segments do not end with the ISA's
 * terminator. x12-parser would otherwise drop the line breaks and read several lines as one
 * segment, so a file separated by newlines would lose members without a word.
 */
class TerminatorGuard extends Transform {
  private segments = 0
  private sinceTerminator = 0
  private isAfterTerminator = false
  private readonly terminator: number
  private readonly isLineTerminator: boolean

  constructor(
    private readonly label: string,
    private readonly declared: string,
  ) {
    super()
    this.terminator = declared.charCodeAt(0)
    this.isLineTerminator = this.terminator === LF || this.terminator === CR
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    const terminator = this.terminator
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!
      if (byte === terminator) {
        this.segments++
        this.sinceTerminator = 0
        this.isAfterTerminator = true
      } else if (byte === LF || byte === CR) {
        // CR, LF or CRLF after a terminator is layout; anywhere else it splits a segment.
        if (!this.isLineTerminator && !this.isAfterTerminator) return callback(this.wrongTerminator('ends at a line break'))
      } else if (!this.isAfterTerminator || (byte !== 0x20 && byte !== 0x09)) {
        this.isAfterTerminator = false
        if (++this.sinceTerminator > MAX_SEGMENT_BYTES) return callback(this.wrongTerminator(`runs past ${MAX_SEGMENT_BYTES.toLocaleString('en-US')} bytes`))
      }
    }
    callback(null, chunk)
  }

  override _flush(callback: TransformCallback) {
    if (this.sinceTerminator === 0) return callback()
    // Only the ISA ended: the other segments use another terminator than the ISA names.
    if (this.segments <= 1) return callback(this.wrongTerminator('ends at the end of the file'))
    callback(new X12FileError(this.label, `the file ends inside segment ${this.segments + 1}, without its terminator ${JSON.stringify(this.declared)}: the file may be cut short`))
  }

  private wrongTerminator(what: string): X12FileError {
    return new X12FileError(
      this.label,
      `segment ${this.segments + 1} ${what} without ${JSON.stringify(this.declared)}, the segment terminator the ISA segment declares: the file's segments are not ended the way its ISA says`,
    )
  }
}
