/**
 * The load test's stand-in for a load balancer (issue 24): a loopback HTTP proxy (http-proxy) that
 * hands each request to the next app server in turn. A server whose connection is refused is
 * skipped and the request is sent to the next one — a refused connection means the request never
 * reached a server, so retrying it cannot do anything twice. Any other failure (a connection reset
 * by a server killed mid-request) is answered 502 with `x-proxy-error`, never retried: that request
 * may have been handled. Each answer carries `x-served-by` (the server's port).
 *
 * Run as its own process by reliability/load.ts, so it does not share an event loop with the load
 * generator: `node --import tsx reliability/round-robin-proxy.ts <port> <server port>...`; prints
 * `listening <port>` when ready and, on SIGTERM, `stats {json}` before it exits.
 */
import http from 'node:http'
import { Readable } from 'node:stream'
import httpProxy from 'http-proxy'

const [listenPort, ...serverPorts] = process.argv.slice(2).map(Number)
if (!listenPort || serverPorts.length === 0 || serverPorts.some((p) => !Number.isInteger(p))) {
  console.error('Usage: round-robin-proxy.ts <listen port> <server port>...')
  process.exit(2)
}

/** A refused server is not tried again for this long (then it is tried again: it may be back). */
const DOWN_MS = 2_000
// No keep-alive to the servers: a kept socket the server closes (its 5 s keep-alive timeout) just
// as the proxy reuses it is reset, which would be answered 502 like a killed server's.
const agent = new http.Agent({ keepAlive: false, maxSockets: 256 })
const proxy = httpProxy.createProxyServer({ agent, xfwd: false, proxyTimeout: 60_000 })
const downUntil = new Map<number, number>()
const stats = { requests: 0, byServer: {} as Record<number, number>, refusedRetries: 0, failed: 0, noServer: 0 }
let next = 0

function pick(tried: Set<number>): number | null {
  const now = Date.now()
  for (let i = 0; i < serverPorts.length; i++) {
    const port = serverPorts[(next + i) % serverPorts.length]!
    if (tried.has(port) || (downUntil.get(port) ?? 0) > now) continue
    next = (next + i + 1) % serverPorts.length
    return port
  }
  // Every server looked down: try one not tried yet for this request anyway.
  return serverPorts.find((p) => !tried.has(p)) ?? null
}

/**
 * The request body is read first, so a refused request can be sent again whole (the forms are
 * small; nothing of the server's is streamed in this test).
 */
function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: Set<number>) {
  const port = pick(tried)
  if (port === null) {
    stats.noServer++
    res.writeHead(502, { 'content-type': 'text/plain', 'x-proxy-error': 'no server' }).end('no server answered')
    return
  }
  tried.add(port)
  proxy.web(req, res, { target: `http://127.0.0.1:${port}`, buffer: bufferStream(body) }, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNREFUSED' && !res.headersSent) {
      downUntil.set(port, Date.now() + DOWN_MS)
      stats.refusedRetries++
      forward(req, res, body, tried)
      return
    }
    stats.failed++
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-proxy-error': error.code ?? 'error', 'x-served-by': String(port) })
    res.end(`proxy: ${error.code ?? error.message}`)
  })
  stats.byServer[port] = (stats.byServer[port] ?? 0) + 1
}

/** A readable of the body for http-proxy's `buffer` option (the request itself was read already). */
const bufferStream = (body: Buffer) => Readable.from(body.length > 0 ? [body] : [])

proxy.on('proxyRes', (proxyRes, req) => {
  const target = (req as http.IncomingMessage & { servedBy?: number }).servedBy
  if (target) proxyRes.headers['x-served-by'] = String(target)
})

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    stats.requests++
    forward(req, res, Buffer.concat(chunks), new Set())
  })
})
proxy.on('proxyReq', (_proxyReq, req, _res, options) => {
  const target = options.target
  const port = typeof target === 'string' ? Number(new URL(target).port) : Number((target as { port?: string | number } | undefined)?.port)
  ;(req as http.IncomingMessage & { servedBy?: number }).servedBy = port
})
server.keepAliveTimeout = 65_000
server.listen(listenPort, '127.0.0.1', () => console.log(`listening ${listenPort}`))
process.on('SIGTERM', () => {
  console.log(`stats ${JSON.stringify(stats)}`)
  server.close()
  agent.destroy()
  process.exit(0)
})
