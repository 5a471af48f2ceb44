import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { readForm } from '~/http/form-body.server'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { requireEmployerAccess } from '~/auth/guard.server'
import { parseProjectionQuery, parseVersionQuery } from '~/forms/program'
import { requireParam } from '~/http/params'
import { getProgramOverview } from '~/services/program-insights.server'
import { applyProgramChange } from '~/services/program-actions.server'
import { countOf, formatDate, statusLabel } from '~/ui/format'
import { ErrorList } from '~/ui/primitives/error-list'
import { BenefitRulesForm, ProgramDetailsForm, ProgramProceduresForm, TravelRulesForm } from '~/ui/program-forms'
import { ProgramNetworkTable } from '~/ui/program-network-table'
import { ProgramProjection } from '~/ui/program-projection'
import { PublishConfirmation } from '~/ui/program-publish-confirmation'
import { isProgramSaveNote, programSavedMessage, type ProgramSaveNote } from '~/ui/program-saved'
import { ProgramRules } from '~/ui/program-summary'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'
import { SaveStatus } from '~/ui/save-status'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.program.name ?? 'Program'} · Programs · COE Marketplace` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireEmployerAccess(request, 'program:read')
  const url = new URL(request.url)
  const programId = requireParam(params, 'programId')
  const version = parseVersionQuery(url.searchParams)
  // Codes are known only after loading; the catalog's codes are short uppercase words.
  const codes = [...url.searchParams.keys()].filter((k) => k.startsWith('incidence_')).map((k) => k.slice('incidence_'.length))
  const { settings, errors } = parseProjectionQuery(url.searchParams, codes)
  const overview = await getProgramOverview(scope, programId, version, settings)
  const { note, headers } = await readFlash(request)
  return data({ ...overview, projectionErrors: errors, query: Object.fromEntries(url.searchParams), saved: isProgramSaveNote(note) ? note : null }, { headers })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, scope } = await requireEmployerAccess(request, 'program:write')
  const programId = requireParam(params, 'programId')
  const formData = await readForm(request)
  const outcome = await applyProgramChange(actor, scope, programId, formData)
  if (outcome.ok) return redirectWithFlash(`/employer/programs/${programId}${outcome.anchor ? `#${outcome.anchor}` : ''}`, outcome.intent)
  return data({ intent: outcome.intent, result: outcome.result, confirmation: outcome.confirmation ?? null }, { status: outcome.status })
}

export default function ProgramRoute() {
  const { program, versions, current, isEditable, isNewest, procedures, network, rules, problems, catalog, projection, projectionErrors, query, saved, contractBacking } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const newest = versions[0]!
  // The Plan-Net export is of the newest published version (ADR 0017).
  const newestPublished = versions.find((v) => v.status === 'published')
  const base = `/employer/programs/${program.id}`
  const versionQuery = isNewest ? '' : `?version=${current.version}`
  // A section's "saved" words show until that form is sent again (so a second save is announced again).
  const sending = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const savedIn = (...notes: ProgramSaveNote[]) =>
    saved && notes.includes(saved) && sending !== saved ? programSavedMessage(saved, { program, current, procedures, network, rules }) : null
  const publishErrors = actionData?.intent === 'publish' || actionData?.intent === 'new-version' ? actionData.result.error?.[''] : undefined
  const confirmation = isEditable && actionData?.intent === 'publish' ? actionData.confirmation : null
  return (
    <>
      <p className="breadcrumb">
        <Link to="/employer/programs">Programs</Link>
      </p>
      <div className="page-head">
        <h1>{program.name}</h1>
        <span className={`badge badge--${current.status}`}>
          {statusLabel(current.status)} · version {current.version}
        </span>
      </div>
      <p className="lead">
        {isEditable ? 'Draft: members do not see it until you publish. ' : ''}
        In force from {formatDate(current.effectiveFrom)}
        {current.effectiveTo ? ` to ${formatDate(current.effectiveTo)}` : ''}.{' '}
        {procedures.length > 0 ? `Covers ${procedures.map((p) => p.name).join(', ')}.` : 'No procedures chosen yet.'}
      </p>
      {!isNewest ? (
        <p className="card notice" role="status">
          You are looking at version {current.version}, which no longer changes. <Link to={base}>Go to the newest version ({newest.version})</Link>.
        </p>
      ) : null}
      <ul className="section-nav">
        <li>
          <Link to={`${base}/preview${versionQuery}`}>Preview as a member</Link>
        </li>
        {isEditable ? (
          <li>
            <Link to={`${base}/network`}>Choose the network</Link>
          </li>
        ) : null}
        <li>
          <a href="#projection-heading">Projection</a>
        </li>
        <li>
          <a href="#history-heading">Version history</a>
        </li>
      </ul>

      <SaveStatus message={savedIn('created', 'adopted', 'publish', 'new-version')} />
      {publishErrors?.length ? (
        <div role="alert" className="card problems">
          <ErrorList errors={publishErrors} />
        </div>
      ) : null}
      {confirmation ? <PublishConfirmation confirmation={confirmation} programName={program.name} cancelHref={base} /> : null}

      {isEditable ? (
        <section className={`card ${problems.length ? 'problems' : 'notice'}`} aria-labelledby="publish-heading">
          <h2 id="publish-heading">Publish version {current.version}</h2>
          {problems.length > 0 ? (
            <>
              <p>Before you can publish:</p>
              <ul>
                {problems.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>Everything is in place. Once published, this version cannot change; members see it from {formatDate(current.effectiveFrom)}.</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              Publish version {current.version}
            </button>
          </Form>
        </section>
      ) : isNewest ? (
        <section className="card" aria-labelledby="edit-heading">
          <h2 id="edit-heading">Change this program</h2>
          <p>
            Version {current.version} is published and stays as it is, for members and for cases already requested under it. Changes go into a new draft
            version that starts as a copy.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="new-version" />
            <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
              Start version {current.version + 1}
            </button>
          </Form>
        </section>
      ) : null}

      {/* Each form is keyed by what it shows, so it starts afresh from the saved values after a save. */}
      {isEditable && rules ? (
        <>
          <section className="card" aria-labelledby="details-heading">
            <h2 id="details-heading">Name and dates</h2>
            <SaveStatus message={savedIn('details')} />
            <ProgramDetailsForm key={`${program.name}|${current.effectiveFrom}|${current.effectiveTo}`} value={{ name: program.name, effectiveFrom: current.effectiveFrom, effectiveTo: current.effectiveTo }} lastResult={resultFor('details')} />
          </section>
          <section className="card" aria-labelledby="procedures-heading" id="procedures">
            <h2 id="procedures-heading">Procedures</h2>
            <SaveStatus message={savedIn('procedures')} />
            <ProgramProceduresForm key={procedures.map((p) => p.id).join()} catalog={catalog} chosenIds={procedures.map((p) => p.id)} lastResult={resultFor('procedures')} />
          </section>
        </>
      ) : rules ? (
        <ProgramRules rules={rules} />
      ) : null}

      <section className="card" aria-labelledby="network-heading" id="network">
        <div className="page-head">
          <h2 id="network-heading">Network ({countOf(network.length, 'offer')})</h2>
          {isEditable ? (
            <Link to={`${base}/network`} className="button">
              Choose centers
            </Link>
          ) : null}
        </div>
        <SaveStatus message={savedIn('network')} />
        <ProgramNetworkTable network={network} contractBacking={contractBacking} />
        {network.length > 0 ? (
          <p>
            <Link to={`/employer/contracts/new?programId=${encodeURIComponent(program.id)}`}>Draft a value-based contract with a health system of this network</Link>
          </p>
        ) : null}
        {newestPublished ? (
          <p>
            <a className="button" href={`${base}/plan-net.json`} download>
              Download FHIR Plan-Net bundle
            </a>{' '}
            <span className="muted small">
              The network of version {newestPublished.version} (published) as a FHIR R4 Da Vinci Plan-Net bundle, for provider directories and partners.
            </span>
          </p>
        ) : (
          <p className="muted small">The FHIR Plan-Net bundle of the network can be downloaded once a version is published.</p>
        )}
      </section>

      {isEditable && rules ? (
        <>
          <section className="card" aria-labelledby="benefit-heading" id="benefit">
            <h2 id="benefit-heading">Benefit rules</h2>
            <SaveStatus message={savedIn('benefit')} />
            <BenefitRulesForm key={`${current.id}|${JSON.stringify(rules)}`} rules={rules} lastResult={resultFor('benefit')} />
          </section>
          <section className="card" aria-labelledby="travel-heading" id="travel">
            <h2 id="travel-heading">Travel rules</h2>
            <SaveStatus message={savedIn('travel')} />
            <TravelRulesForm key={`${current.id}|${JSON.stringify(rules)}`} rules={rules} lastResult={resultFor('travel')} />
          </section>
        </>
      ) : null}

      <ProgramProjection projection={projection} errors={projectionErrors} query={query} version={isNewest ? null : current.version} />

      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">Version history</h2>
        <ol className="timeline">
          {versions.map((version) => (
            <li key={version.id}>
              {version.id === current.id ? <strong>Version {version.version}</strong> : <Link to={`${base}?version=${version.version}`}>Version {version.version}</Link>}
              : {statusLabel(version.status)}, from {formatDate(version.effectiveFrom)}
              {version.publishedAt ? `, published ${formatDate(version.publishedAt)}` : `, created ${formatDate(version.createdAt)}`}
            </li>
          ))}
        </ol>
      </section>
    </>
  )
}

export function ErrorBoundary() {
  return <RouteErrorBoundary notFound="This program doesn't exist or isn't part of your organization." />
}
