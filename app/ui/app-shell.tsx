import { Form, NavLink, Outlet } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { ROLE_LABEL } from '~/auth/permissions'
import type { Role } from '~/domain/tenancy'
import { LanguageSwitch } from './language-switch'
import { NAVIGATION } from './navigation'
import { useRootData } from './use-root-data'

/**
 * The signed-in frame: brand, the navigation of the signed-in user's OWN role (issue 22: a page
 * refused with 403 in another role's section, e.g. an HR admin on /admin, keeps the user's menu),
 * who is signed in, sign out. `section` is the layout's role, used only when nobody is signed in.
 */
export function AppShell({ role: section }: { role: Role }) {
  const user = useRootData()?.user
  const role: Role = user?.role ?? section
  const { t } = useTranslation()
  // Members' pages are translated (issue 11); staff pages are in English.
  const isMember = role === 'employee'
  return (
    <>
      <header className="topbar">
        <div className="topbar__inner">
          <a className="brand" href="/">
            <span className="brand__mark" aria-hidden="true">
              +
            </span>
            COE Marketplace
          </a>
          <nav aria-label={isMember ? t('nav.label') : `${ROLE_LABEL[role]} navigation`} className="mainnav">
            <ul>
              {NAVIGATION[role].filter((item) => !item.onlyWhen || user?.navigation[item.onlyWhen]).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end} prefetch="intent">
                    {item.messageKey ? t(item.messageKey) : item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {user ? (
            <div className="whoami">
              <span className="whoami__name">{user.displayName}</span>
              <span className="whoami__org">
                {isMember ? t('role.employee') : ROLE_LABEL[user.role]} · {user.organizationName}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="button button--quiet">
                  {isMember ? t('signOut') : 'Sign out'}
                </button>
              </Form>
              {isMember ? <LanguageSwitch /> : null}
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  )
}
