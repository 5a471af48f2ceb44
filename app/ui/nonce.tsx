import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of the document being rendered (entry.server makes one per
 * request). Only the server knows it; in the browser the context is empty, which is right:
 * browsers hide nonce attributes from scripts, and hydration does not compare them.
 */
const NonceContext = createContext<string | undefined>(undefined)
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
