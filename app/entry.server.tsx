import { PassThrough } from 'node:stream'
import type { EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { logError } from '~/http/logger.server'
import { applySecurityHeaders } from '~/http/security-headers.server'

const ABORT_DELAY_MS = 5_000

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests (client went away) are not errors of ours.
  if (request.signal.aborted) return
  logError(error, request)
}

export function handleDataRequest(response: Response) {
  applySecurityHeaders(response.headers)
  return response
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />,
      {
        [readyEvent]() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          applySecurityHeaders(responseHeaders)
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here; before it, onShellError rejects.
          if (shellRendered) logError(error, request)
        },
      },
    )
    setTimeout(abort, ABORT_DELAY_MS)
  })
}
