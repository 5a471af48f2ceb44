import { Outlet } from '@remix-run/react'

/** Pathless layout of the signed-out pages: a centered card, no navigation. */
export default function AuthLayout() {
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            +
          </span>
          COE Marketplace
        </p>
        <Outlet />
      </div>
    </main>
  )
}
