/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single Fetch typing for useLoaderData/useActionData (future flag v3_singleFetch).
declare module '@remix-run/server-runtime' {
  interface Future {
    v3_singleFetch: true
  }
}
export {}
