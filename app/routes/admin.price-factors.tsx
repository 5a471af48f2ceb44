import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { requirePermission } from '~/auth/guard.server'
import { PriceFactorDollarsSchema, PriceFactorSchema } from '~/forms/procedure'
import { formatCents } from '~/domain/money'
import { getPriceFactors, savePriceFactor } from '~/services/catalog-admin.server'
import { formatDate } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Price factors · Platform admin · COE Marketplace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'catalog:write')
  return { factors: await getPriceFactors() }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'catalog:write')
  const form = await readForm(request)
  // Money factors post `dollars` (shown and typed in dollars, stored in cents); the others `value`.
  const submission = form.has('dollars') ? parseWithZod(form, { schema: PriceFactorDollarsSchema }) : parseWithZod(form, { schema: PriceFactorSchema })
  if (submission.status !== 'success') return data({ key: null, reply: submission.reply(), saved: null }, { status: 400 })
  const result = await savePriceFactor(actor, submission.value)
  if (!result.ok) return data({ key: submission.value.key, reply: submission.reply({ fieldErrors: result.fieldErrors }), saved: null }, { status: 422 })
  return { key: submission.value.key, reply: null, saved: `Saved ${submission.value.key}; ${result.pricesChanged} market prices recomputed.` }
}

const LABEL: Record<string, string> = {
  commercial_multiplier: 'Commercial multiplier (× Medicare)',
  irs_hdhp_min_deductible_self_2026: 'IRS HDHP minimum deductible 2026, self-only',
  irs_hdhp_min_deductible_family_2026: 'IRS HDHP minimum deductible 2026, family',
  platform_fee_cents: 'Platform fee per completed case',
}

export default function PriceFactorsRoute() {
  const { factors } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  return (
    <>
      <h1>Price factors</h1>
      <p className="lead">The stored factors behind typical local prices and plan rules. Changing one recomputes every market price that uses it.</p>
      {result?.saved ? (
        <p role="status" className="card">
          {result.saved}
        </p>
      ) : null}
      {factors.map((factor) => {
        const errors = result?.key === factor.key ? result.reply?.error : undefined
        const isMoney = factor.unit === 'cents'
        const field = isMoney ? 'dollars' : 'value'
        const fieldErrors = errors?.[field] ?? undefined
        return (
          <Form method="post" key={factor.key} className="card form-grid" aria-label={LABEL[factor.key] ?? factor.key}>
            <input type="hidden" name="key" value={factor.key} />
            <h2 className="span-all">{LABEL[factor.key] ?? factor.key}</h2>
            <div className="field">
              <label htmlFor={`${factor.key}-value`}>{isMoney ? 'Amount ($)' : `Value (${factor.unit})`}</label>
              <input
                id={`${factor.key}-value`}
                name={field}
                defaultValue={isMoney ? formatCents(factor.value).replace(/^\$/, '') : String(factor.value)}
                inputMode="decimal"
                aria-invalid={fieldErrors ? true : undefined}
                aria-describedby={fieldErrors ? `${factor.key}-value-error` : undefined}
              />
              <ErrorList id={`${factor.key}-value-error`} errors={fieldErrors} />
            </div>
            <div className="field">
              <label htmlFor={`${factor.key}-source`}>Source</label>
              <input id={`${factor.key}-source`} name="source" defaultValue={factor.source} aria-invalid={errors?.source ? true : undefined} />
              <ErrorList errors={errors?.source ?? undefined} />
            </div>
            <p className="muted small span-all">Last changed {formatDate(factor.updatedAt)}</p>
            <div className="form-actions span-all">
              <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
                Save
              </button>
            </div>
          </Form>
        )
      })}
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
