/**
 * The body of the 403 for a form sent from another site (guard.server.ts), so that the error
 * boundary can say what happened in the page's language. Shared by server and browser code.
 */
export const CROSS_ORIGIN_REFUSAL = 'cross-origin form refused'

/**
 * The header server.mjs sets when a document POST came from another origin: it takes the Origin
 * header off (Remix would otherwise answer an empty 500) and leaves this mark for the guard.
 */
export const CROSS_ORIGIN_HEADER = 'x-portal-cross-origin'
