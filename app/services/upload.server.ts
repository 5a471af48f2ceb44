import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  MaxPartSizeExceededError,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type NodeOnDiskFile,
} from '@remix-run/node'
import { MAX_FORM_BYTES } from '~/http/form-body.server'

export type UploadResult =
  | { ok: true; filePath: string; fileName: string; fields: FormData; cleanup: () => void }
  | { ok: false; error: string }

/** The person's file name, reduced to safe characters (the folder is private to this upload). */
function safeFileName(filename: string): string {
  const base = path.basename(filename.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(-100)
  return base && !/^\.+$/.test(base) ? base : 'upload.csv'
}

/** The longest text field an upload form carries (a choice, a confirmation): 10 KB. */
const MAX_FIELD_BYTES = 10_000

const megabytes = (bytes: number) => Math.round(bytes / 1_000_000)

/** A field name as a message may show it: printable characters only, at most 40. */
function safeFieldName(name: string): string {
  return name.replace(/[^\x20-\x7E]/g, '?').slice(0, 40)
}

class FormFieldsTooLargeError extends Error {}

/**
 * The upload form's other fields, in memory: each up to MAX_FIELD_BYTES, and all together up to
 * MAX_FORM_BYTES (so many small fields cannot fill the memory either).
 */
function formFields() {
  const each = unstable_createMemoryUploadHandler({ maxPartSize: MAX_FIELD_BYTES })
  let total = 0
  return (part: Parameters<typeof each>[0]) => {
    async function* counted() {
      for await (const chunk of part.data) {
        total += chunk.byteLength
        if (total > MAX_FORM_BYTES) throw new FormFieldsTooLargeError()
        yield chunk
      }
    }
    return each({ ...part, data: counted() })
  }
}

/** An uploaded CSV (offers, CMS): see receiveFileUpload. */
export function receiveCsvUpload(request: Request, fieldName: string, maxBytes: number): Promise<UploadResult> {
  return receiveFileUpload(request, fieldName, maxBytes, { extensions: ['.csv'], kind: 'a CSV file' })
}

/**
 * Streams one uploaded file to a private temporary folder (never buffered whole in memory),
 * refusing files over `maxBytes` and names without one of `accept.extensions`.
 */
export async function receiveFileUpload(request: Request, fieldName: string, maxBytes: number, accept: { extensions: readonly string[]; kind: string }): Promise<UploadResult> {
  // A post that is not a file upload (a script, a form without enctype) is bad input, not a 500.
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) return { ok: false, error: `Choose ${accept.kind} to upload.` }
  // Over the file's limit plus the form's: refused before a byte is read.
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > maxBytes + MAX_FORM_BYTES) return { ok: false, error: `The file is larger than ${megabytes(maxBytes)} MB.` }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'coe-upload-'))
  const cleanup = () => fs.rmSync(directory, { recursive: true, force: true })
  let fields: FormData
  try {
    fields = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({ directory, maxPartSize: maxBytes, file: ({ filename }) => safeFileName(filename), filter: ({ name }) => name === fieldName }),
        formFields(),
      ),
    )
  } catch (error) {
    cleanup()
    if (error instanceof MaxPartSizeExceededError) {
      // Say what was too large (issue 18): the file, or one of the form's other fields.
      return { ok: false, error: error.field === fieldName ? `The file is larger than ${megabytes(maxBytes)} MB.` : `The form field "${safeFieldName(error.field)}" is longer than ${MAX_FIELD_BYTES / 1_000} KB, more than this form takes: nothing was uploaded.` }
    }
    if (error instanceof FormFieldsTooLargeError) return { ok: false, error: `The form's fields other than the file add up to more than ${MAX_FORM_BYTES / 1024} KB, more than this form takes: nothing was uploaded.` }
    throw error
  }
  const file = fields.get(fieldName) as NodeOnDiskFile | string | null
  if (!file || typeof file === 'string') {
    cleanup()
    return { ok: false, error: `Choose ${accept.kind} to upload.` }
  }
  if (file.size === 0) {
    cleanup()
    return { ok: false, error: `The file "${file.name}" is empty: check that it was saved, then upload it again.` }
  }
  if (!accept.extensions.some((extension) => file.name.toLowerCase().endsWith(extension))) {
    cleanup()
    return { ok: false, error: `"${file.name}" is not ${accept.extensions.length === 1 ? `a ${accept.extensions[0]} file` : `one of ${accept.extensions.join(', ')}`}.` }
  }
  return { ok: true, filePath: file.getFilePath(), fileName: file.name, fields, cleanup }
}

export type InMemoryUpload =
  | { ok: true; fileName: string; content: Uint8Array; fields: FormData }
  | { ok: false; error: string; status: 400 | 413 }

/**
 * One small uploaded file read into memory (case documents, issue 22): up to `maxBytes`, the
 * form's other fields as for every upload. An oversized file is a clear refusal, not a 500; a
 * declared size over the limit is refused before a byte is read.
 */
export async function receiveInMemoryUpload(request: Request, fieldName: string, maxBytes: number): Promise<InMemoryUpload> {
  const tooLarge = `The file is larger than ${megabytes(maxBytes)} MB, the most a document may be: nothing was saved.`
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) return { ok: false, error: 'Choose a file to upload.', status: 400 }
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > maxBytes + MAX_FORM_BYTES) return { ok: false, error: tooLarge, status: 413 }
  let fields: FormData
  try {
    fields = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        async (part) => {
          if (part.name !== fieldName || !part.filename) return undefined
          return unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })(part)
        },
        formFields(),
      ),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return error.field === fieldName
        ? { ok: false, error: tooLarge, status: 413 }
        : { ok: false, error: `The form field "${safeFieldName(error.field)}" is longer than ${MAX_FIELD_BYTES / 1_000} KB, more than this form takes: nothing was saved.`, status: 400 }
    }
    if (error instanceof FormFieldsTooLargeError) return { ok: false, error: `The form's fields other than the file add up to more than ${MAX_FORM_BYTES / 1024} KB, more than this form takes: nothing was saved.`, status: 400 }
    throw error
  }
  const file = fields.get(fieldName)
  if (!file || typeof file === 'string') return { ok: false, error: 'Choose a file to upload.', status: 400 }
  return { ok: true, fileName: file.name, content: new Uint8Array(await file.arrayBuffer()), fields }
}
