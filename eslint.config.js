// ESLint 9 flat config. The layering rules of STYLE §1/§4 are errors, so a wrong import fails CI.
import importPlugin from 'eslint-plugin-import'
import tseslint from 'typescript-eslint'

const serverFiles = ['./app/**/*.server.ts', './app/**/*.server.tsx']

export default tseslint.config(
  {
    ignores: ['build/**', 'public/build/**', 'public/maplibre-gl-worker.mjs', 'node_modules/**', '.cache/**', '.tool-state/**', 'tests/.tmp/**', 'data/**', 'bench/results/**'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Migrations take Kysely<any> by design (frozen in time, STYLE §7).
      '@typescript-eslint/no-explicit-any': 'off',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            // domain is pure: nothing of the app but other domain modules.
            { target: './app/domain', from: './app', except: ['./domain'], message: 'app/domain must stay pure (STYLE §1).' },
            // db: only schema, repositories, ids, connection and domain types.
            { target: './app/db', from: './app', except: ['./db', './domain', './env.server.ts'], message: 'app/db imports only db and domain (STYLE §1).' },
            // ui, domain and *.client files never import server-only modules.
            { target: './app/ui', from: serverFiles, message: 'ui must not import *.server modules (STYLE §4).' },
            { target: './app/domain', from: serverFiles, message: 'domain must not import *.server modules (STYLE §4).' },
            { target: './app/**/*.client.tsx', from: serverFiles, message: '*.client files must not import *.server modules (STYLE §4).' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      // Route files never import other route files; shared code moves to services, ui or auth.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['~/routes/*', '../*'], message: 'Route files never import other route files (STYLE §3).' }] },
      ],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-console': 'error',
      // Issue 18: a form is read only through readForm (a size limit before a byte is read).
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(formData|text|json|arrayBuffer|blob)$/][callee.object.name='request']",
          message: 'Read a body with readForm/readText from ~/http/form-body.server (a size limit first), never request.formData() or request.text().',
        },
      ],
    },
  },
)
