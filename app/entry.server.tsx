import { Writable } from 'node:stream'
import type { EntryContext, HandleErrorFunction } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { logError } from '~/http/logger.server'
import { applySecurityHeaders, newCspNonce } from '~/http/security-headers.server'
import { startEmailDelivery } from '~/services/email-outbox.server'
import { resumeInterruptedImports } from '~/services/import-jobs.server'
import { builtStylesheetText } from '~/http/inline-styles.server'
import styles from '~/styles/app.css'
import { InlineStylesProvider } from '~/ui/inline-styles'
import { startJobWorkers } from '~/services/job-queue.server'
import { NonceProvider } from '~/ui/nonce'

const ABORT_DELAY_MS = 5_000

// Background work is claimed from the jobs table by every server (issue 24, ADR 0022): imports,
// e-mail; imports registered before the queue existed are queued again here (issue 17).
void resumeInterruptedImports()
startEmailDelivery()
startJobWorkers()

export const handleError: HandleErrorFunction = (error, { request }) => {
  // Aborted requests (client went away) are not errors of ours.
  if (request.signal.aborted) return
  logError(error, request)
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  applySecurityHeaders(response.headers, { https: new URL(request.url).protocol === 'https:' })
  return response
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = newCspNonce()
  // No page defers data or suspends (no <Suspense>, no defer()), so the shell is the whole document:
  // it is rendered to memory and sent as one body with its length (issue 24: one write instead of a
  // stream of ~2 KB chunks through a PassThrough and a web stream, measurably cheaper per page).
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <InlineStylesProvider value={builtStylesheetText(styles)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} nonce={nonce} />
        </InlineStylesProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true
          const chunks: Buffer[] = []
          const sink = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk)
              done()
            },
            final(done) {
              clearTimeout(abortTimer)
              const body = Buffer.concat(chunks)
              responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
              responseHeaders.set('Content-Length', String(body.byteLength))
              applySecurityHeaders(responseHeaders, { nonce, https: new URL(request.url).protocol === 'https:' })
              resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }))
              done()
            },
          })
          pipe(sink)
        },
        onShellError(error: unknown) {
          clearTimeout(abortTimer)
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors after the shell are logged here; before it, onShellError rejects.
          if (shellRendered) logError(error, request)
        },
      },
    )
    // A render still going after this long is cut short; the timer goes as soon as the document is
    // done (it held the whole render in memory for 5 s after every page).
    const abortTimer = setTimeout(abort, ABORT_DELAY_MS)
  })
}
