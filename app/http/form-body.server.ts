import { logWarning } from './logger.server'

/** Every form that is not a file upload fits in 64 KB: the largest, a program with its rules, is under 8 KB. */
export const MAX_FORM_BYTES = 64 * 1024

/** 413 for the page's error boundary; logged, with the size the client declared or sent. */
export function payloadTooLarge(request: Request, limitBytes: number, facts: Record<string, number | null>): Response {
  logWarning('request body over the limit: refused, unread beyond the limit', request, { limitBytes, ...facts })
  const kb = Math.round(limitBytes / 1024)
  return new Response(`This form sent more than ${kb} KB, more than any form of the portal holds: nothing was saved. Reload the page and try again.`, {
    status: 413,
    statusText: 'Payload Too Large',
    headers: { Connection: 'close' },
  })
}

/**
 * Refuses a form whose declared size is over the limit, before anything reads it; the guards call
 * this for every state-changing request, so an action that reads no form refuses it too. File
 * uploads (multipart) are left to their own limits (upload.server.ts).
 */
export function refuseOversizedForm(request: Request): void {
  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) return
  const declared = Number(request.headers.get('Content-Length') ?? 0)
  if (declared > MAX_FORM_BYTES) throw payloadTooLarge(request, MAX_FORM_BYTES, { declaredBytes: declared })
}

/**
 * A request's body, read only up to `limitBytes` (issue 18): a declared Content-Length over the
 * limit is refused before a byte is read, and a body without one (chunked) is counted as it
 * arrives and refused as soon as it passes the limit, so no request can make the server hold more.
 */
async function readBody(request: Request, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get('Content-Length')
  if (declared !== null && Number(declared) > limitBytes) throw payloadTooLarge(request, limitBytes, { declaredBytes: Number(declared) })
  const chunks: Uint8Array[] = []
  let received = 0
  if (request.body) {
    const reader = request.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      received += value.byteLength
      if (received > limitBytes) {
        // Stop reading, but do not cancel: that would destroy the socket before the 413 is sent.
        // The response closes the connection (Connection: close) and Node discards the rest.
        reader.releaseLock()
        throw payloadTooLarge(request, limitBytes, { declaredBytes: declared === null ? null : Number(declared), receivedBytes: received })
      }
      chunks.push(value)
    }
  }
  const body = new Uint8Array(received)
  let at = 0
  for (const chunk of chunks) {
    body.set(chunk, at)
    at += chunk.byteLength
  }
  return body
}

/**
 * An action's form, at most `limitBytes`. Every action reads its form through here (the lint rule
 * `no-restricted-syntax` refuses `request.formData()`); uploads have their own limits (upload.server.ts).
 */
export async function readForm(request: Request, limitBytes = MAX_FORM_BYTES): Promise<FormData> {
  const body = await readBody(request, limitBytes)
  const headers = new Headers()
  const type = request.headers.get('Content-Type')
  if (type) headers.set('Content-Type', type)
  return new Request(request.url, { method: 'POST', headers, body }).formData()
}

/** A body as text (a webhook's signed payload), at most `limitBytes`. */
export async function readText(request: Request, limitBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBody(request, limitBytes))
}
