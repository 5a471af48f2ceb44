/**
 * Preloaded into server.mjs by `npm run load` (`node --import`): server.mjs listens on every
 * interface, and the load test's server (demo logins, a known password) must be reachable from
 * this machine only. A listen() given just a port (and maybe a callback) gets host 127.0.0.1.
 */
import net from 'node:net'

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) args.splice(1, 0, '127.0.0.1')
  return listen.apply(this, args)
}
