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

export type UploadResult =
  | { ok: true; filePath: string; fileName: string; fields: FormData; cleanup: () => void }
  | { ok: false; error: string }

/** The person's file name, reduced to safe characters (the folder is private to this upload). */
function safeFileName(filename: string): string {
  const base = path.basename(filename.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(-100)
  return base && !/^\.+$/.test(base) ? base : 'upload.csv'
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
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'coe-upload-'))
  const cleanup = () => fs.rmSync(directory, { recursive: true, force: true })
  let fields: FormData
  try {
    fields = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(
        unstable_createFileUploadHandler({ directory, maxPartSize: maxBytes, file: ({ filename }) => safeFileName(filename), filter: ({ name }) => name === fieldName }),
        unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
      ),
    )
  } catch (error) {
    cleanup()
    if (error instanceof MaxPartSizeExceededError) return { ok: false, error: `The file is larger than ${Math.round(maxBytes / 1_000_000)} MB.` }
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
