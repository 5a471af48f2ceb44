import { z } from 'zod'

/**
 * The only module that reads process.env (STYLE §4). Validated once; a bad value stops boot
 * with a message naming the variable.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|file:)/, 'DATABASE_URL must start with postgres://, postgresql:// or file:')
      .optional(),
    /** PostgreSQL schema to use (tests give each worker its own). */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'DATABASE_SCHEMA must be a lower-case SQL identifier')
      .optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
    MAPBOX_ACCESS_TOKEN: z.string().min(1).optional(),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_PUBLISHABLE_KEY: z.string().min(1).optional(),
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Tests and local development only: a Stripe-compatible server, e.g. http://127.0.0.1:12111. */
    STRIPE_API_BASE: z.string().url('STRIPE_API_BASE must be a URL like http://127.0.0.1:12111').optional(),
    /** smtp://user:pass@host:port (or smtps://): members' e-mails are sent; without it they stay in the outbox page. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
    MAIL_FROM: z.string().min(3).default('COE Marketplace <care@coe-marketplace.example>'),
    /** Multiplies every rate limit (app/auth/rate-limits.server.ts); benchmarks raise it so they measure pages, not 429s. */
    /** Where roster and 834 uploads wait while their import runs (removed when it ends). */
    IMPORT_FILES_DIR: z.string().min(1).default('data/import-files'),
    /**
     * The imports root (issue 18): the platform admin's CMS import page lists its direct subfolders
     * (symlinks the operator placed there are followed) and imports only one of those, never a typed path.
     * Relative to the working directory unless absolute. The CLI `import:cms` takes any path.
     */
    IMPORTS_DIR: z.string().min(1).default('data/imports'),
    /** `worker` (default): imports run on a worker thread, off the request path; `inline`: in the caller (integration tests, one-off scripts). */
    IMPORT_JOBS: z.enum(['worker', 'inline'], { errorMap: () => ({ message: 'IMPORT_JOBS must be worker or inline' }) }).default('worker'),
    RATE_LIMIT_SCALE: z.coerce.number({ invalid_type_error: 'RATE_LIMIT_SCALE must be a number' }).positive('RATE_LIMIT_SCALE must be above 0').default(1),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'SESSION_SECRET is required in production' })
    }
  })

export type Env = z.infer<typeof EnvSchema>

// Development and test only: a fixed secret so a fresh checkout runs without setup.
const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-do-not-use-in-production'

let cached: (Env & { sessionSecret: string }) | undefined

export function getEnv(): Env & { sessionSecret: string } {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  cached = { ...parsed.data, sessionSecret: parsed.data.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET }
  return cached
}

/** Where the embedded SQLite database lives unless DATABASE_URL says otherwise. */
export const DEFAULT_SQLITE_PATH = 'data/portal.db'

/** Values the browser may see: an explicit allow-list. */
export function getPublicEnv() {
  const env = getEnv()
  return {
    mapboxAccessToken: env.MAPBOX_ACCESS_TOKEN ?? null,
    stripePublishableKey: env.STRIPE_PUBLISHABLE_KEY ?? null,
  }
}
export type PublicEnv = ReturnType<typeof getPublicEnv>
