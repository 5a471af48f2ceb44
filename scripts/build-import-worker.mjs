/**
 * Bundles the import worker thread (app/jobs/import-worker.ts, ADR 0014) beside the server build as
 * build/import-worker.js: the server starts it with `new Worker()`, which cannot load TypeScript; and
 * the roster CSV reader thread it starts (app/jobs/roster-csv-worker.ts) as build/roster-csv-worker.js.
 * Packages stay external (native addons such as better-sqlite3 load from node_modules).
 */
import { build } from 'esbuild'

await build({
  // The CSV reader thread of a roster check (issue 24) is started by the import worker, from the file beside it.
  entryPoints: { 'import-worker': 'app/jobs/import-worker.ts', 'roster-csv-worker': 'app/jobs/roster-csv-worker.ts' },
  outdir: 'build',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  plugins: [
    {
      name: 'packages-stay-external',
      // Bare package names load from node_modules at run time; the app's own `~/…` imports are bundled.
      setup(bundle) {
        bundle.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }))
      },
    },
  ],
  logLevel: 'warning',
})
