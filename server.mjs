/**
 * The portal's HTTP server (ADR 0011): Express serving the Remix build. Over remix-serve it adds
 * what issue 10 needs and the app cannot see from a Request: the client's address (the socket's,
 * or the one a trusted proxy forwards when TRUST_PROXY is set), passed to the app in the
 * `x-portal-client-ip` header it sets itself (a value sent by the client is dropped), and an
 * access log without query strings (they carry ZIP codes and procedures: member data).
 *
 * `node server.mjs` after `npm run build`. PORT (3000), TRUST_PROXY (a hop count or "true").
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const root = path.dirname(fileURLToPath(import.meta.url))
process.env.NODE_ENV ??= 'production'
const build = await import(path.join(root, 'build/index.js'))
const port = Number(process.env.PORT ?? 3000)

const app = express()
app.disable('x-powered-by')
const trustProxy = process.env.TRUST_PROXY
if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy === 'true')

// A form posted from another origin (issue 18): Remix's own check would log an error and answer an
// empty 500. Take its Origin header off and mark the request instead; the app's guard
// (requireSameOrigin) refuses the marked request with the portal's 403 page, before any action runs.
const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
function hostOf(origin) {
  try {
    return new URL(origin).host
  } catch {
    return null
  }
}
app.use((req, res, next) => {
  delete req.headers['x-portal-cross-origin']
  const origin = req.headers.origin
  if (MUTATIONS.has(req.method) && typeof origin === 'string') {
    const host = (req.headers['x-forwarded-host'] ?? '').split(',')[0].trim() || req.headers.host
    if (origin === 'null' || hostOf(origin) !== host) {
      delete req.headers.origin
      req.headers['x-portal-cross-origin'] = origin
    }
  }
  next()
})

app.use((req, res, next) => {
  req.headers['x-portal-client-ip'] = req.ip ?? ''
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    if (process.env.ACCESS_LOG === 'off') return
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    process.stdout.write(`${JSON.stringify({ level: 'info', at: new Date().toISOString(), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms) })}\n`)
  })
  next()
})
app.use(compression())
// Fingerprinted build assets are immutable; other public files (map worker and CSS) are versioned by a query.
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: '1y' }))
// Every file in public/ has an extension and no page URL ends in one without being a file or a
// download (…/scorecard.pdf): a page request skips the file system look-up (a stat and an ENOENT
// error per request, ~1 ms of CPU under load, issue 24).
const publicFiles = express.static(path.join(root, 'public'), { maxAge: '1h' })
app.use((req, res, next) => (/\.[^/]*$/.test(req.path) ? publicFiles(req, res, next) : next()))
app.all('*', createRequestHandler({ build, mode: process.env.NODE_ENV }))

const server = app.listen(port, () => console.log(`COE Marketplace listening on http://localhost:${port}`))
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5_000).unref()
  })
}
