import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { readForm } from '~/http/form-body.server'
import { useTranslation } from '~/i18n/use-translation'
import { requirePermission } from '~/auth/guard.server'
import { careRequestSchema } from '~/forms/care'
import { requireParam } from '~/http/params'
import { languageOf } from '~/i18n/language.server'
import { translatedTitle } from '~/i18n/meta'
import { fixedT } from '~/i18n/translator'
import { notFound } from '~/http/responses.server'
import { requestCare } from '~/services/cases.server'
import { getCareOption } from '~/services/find-care.server'
import { QualityRule, QualitySummary, useBundleIncludes } from '~/ui/care-facts'
import { ErrorList } from '~/ui/primitives/error-list'
import { Field } from '~/ui/primitives/field'
import { QualityFacts } from '~/ui/quality-facts'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { TermsExplained } from '~/ui/terms-explained'
import { useLocaleFormat } from '~/ui/use-locale-format'
import { OfferLabels } from '~/ui/offer-labels'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: `${data?.result.facilityName ?? ''} · ${translatedTitle(matches, 'search.title', { ns: 'care' })}` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const option = await getCareOption(actor, requireParam(params, 'offerId'), new URL(request.url).searchParams.get('zip'))
  if (!option) throw notFound('Center')
  return { ...option, accountEmail: actor.email }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'member:self')
  const t = fixedT(await languageOf(request), 'care')
  const schema = careRequestSchema(t)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await requestCare(actor, requireParam(params, 'offerId'), submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: { preferredStart: [t('errors.startInPast')] } }), { status: 422 })
  return redirect(`/member/cases/${result.caseId}${result.isNew ? '?requested=1' : '?existing=1'}`)
}

export default function CareOptionRoute() {
  const option = useLoaderData<typeof loader>()
  const { result, rules, procedure } = option
  const { cost, travel } = result
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation('care')
  const { t: tc } = useTranslation()
  const format = useLocaleFormat()
  const money = format.money
  const bundleIncludes = useBundleIncludes()
  const schema = useMemo(() => careRequestSchema(t), [t])
  const persons = (count: number) => t('travel.persons', { count })
  const [form, fields] = useForm({
    id: 'care-request',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    defaultValue: { contactPreference: 'email', contactEmail: option.accountEmail },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/member/care?procedure=${procedure.code}${option.isHomeZip ? '' : `&zip=${option.zip}`}`}>{t('center.back')}</Link>
      </p>
      <h1>{result.facilityName}</h1>
      {result.isDemo ? (
        <p>
          <OfferLabels isDemo={result.isDemo} /> <span className="small muted">{t('offer.demoHelp')}</span>
        </p>
      ) : null}
      <p className="lead">
        {t('center.where', {
          procedure: tc(`procedures.${procedure.code}`, { defaultValue: procedure.name }),
          address: result.address,
          city: result.city,
          state: result.state,
          zip: result.zip,
          miles: format.count(Math.round(result.distanceMiles)),
          from: option.zip,
        })}
      </p>
      <div className="grid-2">
        <section className="card" aria-labelledby="cost-heading">
          <h2 id="cost-heading">{t('center.youPay', { amount: money(cost.memberPaysCents) })}</h2>
          <dl className="facts">
            {cost.hsaMinimumCents > 0 ? (
              <div>
                <dt>{t('center.hsaMinimum')}</dt>
                <dd>{t('center.hsaMinimumDetail', { amount: money(cost.hsaMinimumCents) })}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('center.deductible')}</dt>
              <dd>{rules.deductibleWaived ? t('center.waived') : money(cost.deductibleCents)}</dd>
            </div>
            <div>
              <dt>{t('center.coinsurance')}</dt>
              <dd>{rules.coinsuranceWaived ? t('center.waived') : money(cost.coinsuranceCents)}</dd>
            </div>
            <div>
              <dt>{t('center.copay')}</dt>
              <dd>{money(cost.copayCents)}</dd>
            </div>
            <div>
              <dt>{t('center.oopMax')}</dt>
              <dd>{cost.isCapped ? t('center.oopReached', { amount: money(cost.memberPaysCents), uncapped: money(cost.uncappedCents) }) : t('center.oopNotReached')}</dd>
            </div>
            {option.completionIncentiveCents > 0 ? (
              <div>
                <dt>{t('center.incentive')}</dt>
                <dd>{t('center.incentiveDetail', { amount: money(option.completionIncentiveCents) })}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('center.local')}</dt>
              <dd>
                {option.outsideOnPlan && option.outsidePrice !== null
                  ? t('center.localDetail', { amount: money(option.outsideOnPlan.memberPaysCents), price: format.moneyWhole(option.outsidePrice) })
                  : t('search.unknown')}
              </dd>
            </div>
          </dl>
          <p className="small muted">{t('center.bundle', { price: format.moneyWhole(result.bundlePriceCents), items: bundleIncludes(result) })}</p>
          <TermsExplained terms={['bundle', 'deductible', 'coinsurance', 'copay', 'outOfPocketMax', ...(cost.hsaMinimumCents > 0 ? (['hsaMinimum'] as const) : []), 'incentive']} />
        </section>
        <section className="card" aria-labelledby="travel-heading">
          <h2 id="travel-heading">{travel.isCovered ? t('center.travelTitleCovered', { amount: money(travel.totalCents) }) : t('center.travelTitleNot')}</h2>
          {travel.isCovered ? (
            <dl className="facts">
              <div>
                <dt>{travel.mode === 'fly' ? t('center.flights') : t('center.driving')}</dt>
                <dd>
                  {travel.mode === 'fly'
                    ? t('center.flightsDetail', { fare: money(rules.airfareAllowanceCents), persons: persons(travel.persons), amount: money(travel.transportCents) })
                    : t('center.drivingDetail', { miles: format.count(Math.round(2 * result.distanceMiles)), rate: money(rules.mileageRateCents), amount: money(travel.transportCents) })}
                </dd>
              </div>
              <div>
                <dt>{t('center.lodging')}</dt>
                <dd>
                  {t('center.lodgingDetail', { nights: t('travel.nights', { count: travel.nights, amount: '' }).trim(), cap: money(rules.lodgingNightlyCapCents), amount: money(travel.lodgingCents) })}
                  <p className="small muted" id="nights-counted">
                    {travel.nightsSetBy === 'program'
                      ? t('center.nightsByProgram', { count: travel.nights, cap: money(rules.lodgingNightlyCapCents) })
                      : procedure.typicalNights > 0
                        ? t('center.nightsCounted', {
                            count: travel.nights,
                            hospital: t('center.hospitalNights', { count: procedure.typicalNights }),
                            cap: money(rules.lodgingNightlyCapCents),
                          })
                        : t('center.nightsCountedNoStay', { count: travel.nights, cap: money(rules.lodgingNightlyCapCents) })}
                  </p>
                </dd>
              </div>
              <div>
                <dt>{t('center.meals')}</dt>
                <dd>{t('center.mealsDetail', { perDay: money(rules.mealsPerDiemCents), days: travel.nights + 1, persons: travel.persons, amount: money(travel.mealsCents) })}</dd>
              </div>
              <div>
                <dt>{t('center.cap')}</dt>
                <dd>
                  {travel.isCapped
                    ? t('center.capReached', { uncapped: money(travel.uncappedCents), cap: money(rules.travelCapCents) })
                    : t('center.capNotReached', { cap: money(rules.travelCapCents) })}
                </dd>
              </div>
              <div>
                <dt>{t('center.companion')}</dt>
                <dd>{rules.companionCovered ? t('center.companionCovered') : t('center.companionNot')}</dd>
              </div>
            </dl>
          ) : (
            <p>{t('center.travelNotCovered', { miles: travel.minDistanceMiles })}</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="quality-heading">
        <h2 id="quality-heading">{t('center.qualityTitle')}</h2>
        <QualitySummary quality={result.quality} />
        <QualityRule hipKneeMeasured={result.quality.hipKneeMeasured} />
        <p>{result.starRating ? t('center.starsOverall', { stars: result.starRating }) : t('center.noStarsOverall')}</p>
        <QualityFacts measures={result.measures} />
      </section>
      <section className="card" aria-labelledby="request-heading">
        <h2 id="request-heading">{t('center.requestTitle')}</h2>
        <p>{t('center.requestLead')}</p>
        <Form method="post" {...getFormProps(form)} className="form-grid">
          <div id={form.errorId} role="alert" className="span-all">
            <ErrorList errors={form.errors} />
          </div>
          <Field label={t('center.earliest')} inputProps={getInputProps(fields.preferredStart, { type: 'date' })} errors={fields.preferredStart.errors} />
          <Field label={t('center.latest')} inputProps={getInputProps(fields.preferredEnd, { type: 'date' })} errors={fields.preferredEnd.errors} />
          <div className="field field--checkbox span-all">
            <input {...getInputProps(fields.hasCompanion, { type: 'checkbox' })} />
            <label htmlFor={fields.hasCompanion.id}>
              {!travel.isCovered
                ? t('center.companionCheckNotCovered', { miles: travel.minDistanceMiles })
                : rules.companionCovered
                  ? t('center.companionCheckPaid')
                  : t('center.companionCheckNotPaid')}
            </label>
          </div>
          <div className="field">
            <label htmlFor={fields.contactPreference.id}>{t('center.contact')}</label>
            <select {...getSelectProps(fields.contactPreference)}>
              <option value="email">{t('center.email')}</option>
              <option value="phone">{t('center.phone')}</option>
              <option value="text">{t('center.text')}</option>
            </select>
            <ErrorList id={`${fields.contactPreference.id}-error`} errors={fields.contactPreference.errors} />
          </div>
          {/* A call or a text needs a number (issue 20); without JavaScript the server asks for it. */}
          {fields.contactPreference.value === 'phone' || fields.contactPreference.value === 'text' ? (
            <Field
              label={t('center.phoneNumber')}
              help={t('center.phoneHelp')}
              inputProps={{ ...getInputProps(fields.contactPhone, { type: 'tel' }), autoComplete: 'tel', inputMode: 'tel' }}
              errors={fields.contactPhone.errors}
            />
          ) : (
            <Field
              label={t('center.emailAddress')}
              help={t('center.emailHelp')}
              inputProps={{ ...getInputProps(fields.contactEmail, { type: 'email' }), autoComplete: 'email' }}
              errors={fields.contactEmail.errors}
            />
          )}
          <div className="field span-all">
            <label htmlFor={fields.memberNote.id}>{t('center.note')}</label>
            <textarea {...getTextareaProps(fields.memberNote)} rows={3} />
            <ErrorList id={`${fields.memberNote.id}-error`} errors={fields.memberNote.errors} />
          </div>
          <div className="form-actions span-all">
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              {navigation.state === 'submitting' ? t('center.sending') : t('center.submit')}
            </button>
          </div>
        </Form>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <CenterErrorBoundary />
}

function CenterErrorBoundary() {
  const { t } = useTranslation('care')
  return <RouteErrorBoundary notFound={t('center.notInProgram')} />
}
