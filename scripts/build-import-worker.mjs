/**
 * Bundles the import worker thread (app/jobs/import-worker.ts, ADR 0014) beside the server build as
 * build/import-worker.js: the server starts it with `new Worker()`, which cannot load TypeScript.
 * Packages stay external (native addons such as better-sqlite3 load from node_modules).
 */
import { build } from 'esbuild'

await build({
  entryPoints: ['app/jobs/import-worker.ts'],
  outfile: 'build/import-worker.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
})
