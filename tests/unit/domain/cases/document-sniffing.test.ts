import { describe, expect, it } from 'vitest'
import { attachmentDisposition, sanitizeDocumentName, sniffDocument } from '~/domain/cases/document-sniffing'

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)))
const utf8 = (text: string) => new TextEncoder().encode(text)

const PDF = bytes('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR')
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0])
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode.')

describe('sniffDocument keeps PDF, PNG, JPEG and plain text by their bytes', () => {
  it.each<[string, Uint8Array, string]>([
    ['a PDF', PDF, 'application/pdf'],
    ['a PNG', PNG, 'image/png'],
    ['a JPEG (JFIF)', JPEG, 'image/jpeg'],
    ['a JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
    ['plain ASCII text', utf8('Flight UA 123, Tuesday 9:05\nHotel: Marriott\n'), 'text/plain; charset=utf-8'],
    ['Spanish text in UTF-8', utf8('Instrucciones: no coma después de medianoche.\r\n'), 'text/plain; charset=utf-8'],
  ])('%s', (_name, content, contentType) => {
    expect(sniffDocument(content)).toMatchObject({ ok: true, contentType })
  })
})

describe('sniffDocument refuses anything else, naming what it found', () => {
  it.each<[string, Uint8Array, string]>([
    ['an EXE (whatever it is named)', EXE, 'This file is a Windows program (EXE), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['an ELF program', bytes([0x7f], 'ELF', [2, 1, 1]), 'This file is a Linux program (ELF), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a Mach-O program', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), 'This file is a Mac program (Mach-O), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a DOCX or ZIP', bytes('PK', [3, 4, 20, 0], '[Content_Types].xml'), 'This file is a ZIP archive (or a Word, Excel or PowerPoint file, which may carry macros), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['an old .doc', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'This file is an old Office document (which may carry macros), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a GIF', bytes('GIF89a', [1, 0]), 'This file is a GIF image, not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['an HTML page named .txt', utf8('<!DOCTYPE html><html><body>hi</body></html>'), 'This file is a web page or SVG image (which can carry scripts), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a bare script tag', utf8('notes\n<script>alert(1)</script>'), 'This file is a web page or SVG image (which can carry scripts), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['an SVG', utf8('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'This file is a web page or SVG image (which can carry scripts), not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a shell script', utf8('#!/bin/sh\nrm -rf /\n'), 'This file is a script, not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['unknown binary', bytes([1, 2, 3, 0, 0xfe]), 'This file is of a kind the portal does not recognise, not a PDF, PNG, JPEG or text file: nothing was saved.'],
    ['a PDF with /JavaScript', bytes('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF'), 'This PDF carries JavaScript, which could run when it is opened: save it again without scripts (for example, print it to PDF). Nothing was saved.'],
    ['a PDF with only /JS', bytes('%PDF-1.4\n<< /AA << /O << /JS 5 0 R >> >> >>'), 'This PDF carries JavaScript, which could run when it is opened: save it again without scripts (for example, print it to PDF). Nothing was saved.'],
    ['the EICAR test string', utf8('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'), 'This file has virus-like content (an antivirus test signature): nothing was saved.'],
    ['EICAR inside a PDF', bytes('%PDF-1.4\n', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE'), 'This file has virus-like content (an antivirus test signature): nothing was saved.'],
    ['an empty file', new Uint8Array(), 'The file is empty: check that it was saved, then upload it again. Nothing was saved.'],
  ])('%s', (_name, content, message) => {
    const result = sniffDocument(content)
    expect(result.ok).toBe(false)
    expect(result.ok ? null : result.message).toBe(message)
  })
})

describe('sanitizeDocumentName', () => {
  it.each<[string, string]>([
    ['itinerary.pdf', 'itinerary.pdf'],
    ['C:\\Users\\ann\\Desktop\\trip.pdf', 'trip.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['bad\u0000name\r\n.pdf', 'badname.pdf'],
    ['evil\u202Efdp.exe', 'evilfdp.exe'],
    ['a"b<c>.txt', 'a_b_c_.txt'],
    ['...', 'document'],
    ['', 'document'],
    [`${'x'.repeat(300)}.pdf`, `${'x'.repeat(196)}.pdf`],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeDocumentName(input)).toBe(expected)
    expect(sanitizeDocumentName(input).length).toBeLessThanOrEqual(200)
  })

  it('gives a download header with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Itinerario señora.pdf')).toBe(`attachment; filename="Itinerario se_ora.pdf"; filename*=UTF-8''Itinerario%20se%C3%B1ora.pdf`)
  })
})
