/**
 * What an uploaded case document really is, decided from its bytes (magic numbers), never from
 * the browser's Content-Type or the file's name (issue 22). Only PDF, PNG, JPEG and plain text are
 * kept; programs, web pages (scripts), archives and Office containers (macros), a PDF carrying
 * JavaScript and the EICAR test string are refused with a message naming what was found.
 */

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
export const MAX_DOCUMENTS_PER_CASE = 20
export const MAX_DOCUMENT_NAME_CHARS = 200

export type DocumentType = 'pdf' | 'png' | 'jpeg' | 'text'

export const DOCUMENT_CONTENT_TYPES: Record<DocumentType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  text: 'text/plain; charset=utf-8',
}

export type SniffResult = { ok: true; type: DocumentType; contentType: string } | { ok: false; found: string; message: string }

const ALLOWED = 'a PDF, PNG, JPEG or text file'

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b)

/** Binary signatures refused, in the words the message uses. */
const REFUSED_SIGNATURES: readonly { signature: readonly number[]; found: string }[] = [
  { signature: [0x4d, 0x5a], found: 'a Windows program (EXE)' },
  { signature: [0x7f, 0x45, 0x4c, 0x46], found: 'a Linux program (ELF)' },
  { signature: [0xfe, 0xed, 0xfa, 0xce], found: 'a Mac program (Mach-O)' },
  { signature: [0xfe, 0xed, 0xfa, 0xcf], found: 'a Mac program (Mach-O)' },
  { signature: [0xce, 0xfa, 0xed, 0xfe], found: 'a Mac program (Mach-O)' },
  { signature: [0xcf, 0xfa, 0xed, 0xfe], found: 'a Mac program (Mach-O)' },
  { signature: [0xca, 0xfe, 0xba, 0xbe], found: 'a program (Java class or Mac universal binary)' },
  { signature: [0x50, 0x4b, 0x03, 0x04], found: 'a ZIP archive (or a Word, Excel or PowerPoint file, which may carry macros)' },
  { signature: [0x50, 0x4b, 0x05, 0x06], found: 'a ZIP archive' },
  { signature: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], found: 'an old Office document (which may carry macros)' },
  { signature: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], found: 'a RAR archive' },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], found: 'a 7-Zip archive' },
  { signature: [0x1f, 0x8b], found: 'a compressed (gzip) file' },
  { signature: [0x47, 0x49, 0x46, 0x38], found: 'a GIF image' },
  { signature: [0x00, 0x61, 0x73, 0x6d], found: 'a WebAssembly program' },
]

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0))
const PDF = ascii('%PDF-')
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]
const EICAR = 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE'

/** The bytes read as Latin-1 (one character a byte), to look for ASCII markers anywhere. */
function latin1(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192))
  return out
}

const refuse = (found: string): SniffResult => ({ ok: false, found, message: `This file is ${found}, not ${ALLOWED}: nothing was saved.` })

/** Text a person can read: valid UTF-8 without NUL or other control characters (tab, line breaks and form feed allowed). */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return false
  }
   
  return !/[\x00-\x08\x0B\x0E-\x1F\x7F]/.test(text)
}

/** Markup a browser would run or render (scripts, SVG): refused even when it is text. */
const MARKUP = /<\s*(!doctype\s+html|html|head|body|script|svg|iframe|object|embed|\?xml)\b|javascript:/i

export function sniffDocument(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, found: 'empty', message: 'The file is empty: check that it was saved, then upload it again. Nothing was saved.' }
  const raw = latin1(bytes)
  if (raw.includes(EICAR)) return { ok: false, found: 'virus-like content', message: 'This file has virus-like content (an antivirus test signature): nothing was saved.' }
  if (startsWith(bytes, PDF)) {
    if (raw.includes('/JavaScript') || raw.includes('/JS')) {
      return { ok: false, found: 'a PDF with embedded JavaScript', message: 'This PDF carries JavaScript, which could run when it is opened: save it again without scripts (for example, print it to PDF). Nothing was saved.' }
    }
    return { ok: true, type: 'pdf', contentType: DOCUMENT_CONTENT_TYPES.pdf }
  }
  if (startsWith(bytes, PNG)) return { ok: true, type: 'png', contentType: DOCUMENT_CONTENT_TYPES.png }
  if (startsWith(bytes, JPEG)) return { ok: true, type: 'jpeg', contentType: DOCUMENT_CONTENT_TYPES.jpeg }
  for (const { signature, found } of REFUSED_SIGNATURES) if (startsWith(bytes, signature)) return refuse(found)
  if (isPlainText(bytes)) {
    const text = raw.replace(/^\xEF\xBB\xBF/, '')
    if (MARKUP.test(text)) return refuse('a web page or SVG image (which can carry scripts)')
    if (text.startsWith('#!')) return refuse('a script')
    return { ok: true, type: 'text', contentType: DOCUMENT_CONTENT_TYPES.text }
  }
  return refuse('of a kind the portal does not recognise')
}

/**
 * The file name kept and offered on download: no folders, no control characters, at most 200
 * characters (the extension kept); never empty.
 */
export function sanitizeDocumentName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? ''
   
  const cleaned = base.replace(/[\x00-\x1F\x7F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, '').replace(/["<>|:*?]/g, '_').trim().replace(/^\.+/, '')
  if (!cleaned) return 'document'
  if (cleaned.length <= MAX_DOCUMENT_NAME_CHARS) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : ''
  return cleaned.slice(0, MAX_DOCUMENT_NAME_CHARS - extension.length) + extension
}

/** A Content-Disposition header for a download: ASCII fallback plus the UTF-8 name (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\;]/g, '_')
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}
