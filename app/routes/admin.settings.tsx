import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { requirePermission } from '~/auth/guard.server'
import { AddFederalHolidaysSchema, AddHolidaySchema, parseHolidayYear, RemoveHolidaySchema, ResponsePromisesSchema } from '~/forms/platform-settings'
import { readFlash, redirectWithFlash } from '~/http/flash.server'
import { readForm } from '~/http/form-body.server'
import { addHoliday, addUsFederalHolidays, getPlatformSettings, removeHoliday, saveResponsePromises } from '~/services/platform-settings.server'
import { PlatformSettingsPage, settingsSavedMessage } from '~/ui/platform-settings'
import { RouteErrorBoundary } from '~/ui/route-error-boundary'

export const meta: MetaFunction = () => [{ title: 'Settings · Platform admin · COE Marketplace' }]

// The care team's response promise and holidays are platform configuration, like the price factors: the same permission.
const PERMISSION = 'catalog:write'

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION)
  const settings = await getPlatformSettings(parseHolidayYear(new URL(request.url).searchParams, new Date()))
  const { note, headers } = await readFlash(request)
  return data({ settings, saved: settingsSavedMessage(note, settings.holidays) }, { headers })
}

const yearPage = (dateOrYear: string | number) => `/admin/settings?year=${String(dateOrYear).slice(0, 4)}#holidays`

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, PERMISSION)
  const form = await readForm(request)
  switch (form.get('intent')) {
    case 'promises': {
      const submission = parseWithZod(form, { schema: ResponsePromisesSchema })
      if (submission.status !== 'success') return data({ intent: 'promises', reply: submission.reply() }, { status: 400 })
      const result = await saveResponsePromises(actor, submission.value.promise)
      return redirectWithFlash('/admin/settings', `promises-saved:${result.changed.length}`)
    }
    case 'add-holiday': {
      const submission = parseWithZod(form, { schema: AddHolidaySchema })
      if (submission.status !== 'success') return data({ intent: 'add-holiday', reply: submission.reply() }, { status: 400 })
      const result = await addHoliday(actor, { date: submission.value.date, name: submission.value.name })
      if (!result.ok) return data({ intent: 'add-holiday', reply: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 422 })
      return redirectWithFlash(yearPage(submission.value.date), `holiday-added:${submission.value.date}`)
    }
    case 'remove-holiday': {
      const submission = parseWithZod(form, { schema: RemoveHolidaySchema })
      if (submission.status !== 'success') return data({ intent: 'remove-holiday', reply: submission.reply() }, { status: 400 })
      const result = await removeHoliday(actor, submission.value.date)
      if (!result.ok) return data({ intent: 'remove-holiday', reply: submission.reply({ fieldErrors: result.fieldErrors }) }, { status: 422 })
      return redirectWithFlash(yearPage(submission.value.date), `holiday-removed:${submission.value.date}`)
    }
    case 'add-federal': {
      const submission = parseWithZod(form, { schema: AddFederalHolidaysSchema })
      if (submission.status !== 'success') return data({ intent: 'add-federal', reply: submission.reply() }, { status: 400 })
      const result = await addUsFederalHolidays(actor, submission.value.year)
      return redirectWithFlash(yearPage(result.year), `federal-added:${result.year}-${result.added}-${result.total}`)
    }
    default:
      return data({ intent: null, reply: { error: { '': ['Choose what to change: the response promise or the holidays'] } } }, { status: 400 })
  }
}

export default function SettingsRoute() {
  const { settings, saved } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return <PlatformSettingsPage settings={settings} saved={saved} result={result} />
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />
}
