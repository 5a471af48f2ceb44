// Copies the map libraries' files that the classic Remix compiler cannot bundle into public/
// (ADR 0006): maplibre-gl's module worker (loaded with setWorkerUrl) and both libraries'
// stylesheets (injected by app/ui/map/care-map.client.tsx). Runs on postinstall, before
// `remix build` and before `remix dev`. The copies are ignored by git.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const assets = [
  ['node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', 'public/maplibre-gl-worker.mjs'],
  ['node_modules/maplibre-gl/dist/maplibre-gl.css', 'public/maplibre-gl.css'],
  ['node_modules/mapbox-gl/dist/mapbox-gl.css', 'public/mapbox-gl.css'],
]

fs.mkdirSync(path.join(root, 'public'), { recursive: true })
for (const [from, to] of assets) {
  const source = path.join(root, from)
  if (!fs.existsSync(source)) {
    // A missing file means the package layout changed: fail loudly rather than ship a map without its worker.
    console.error(`copy-map-assets: ${from} not found (is the map library installed at the version package.json pins?)`)
    process.exit(1)
  }
  fs.copyFileSync(source, path.join(root, to))
}
console.log(`copy-map-assets: copied ${assets.map(([, to]) => to).join(', ')}`)
