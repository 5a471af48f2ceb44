/** Every message of a namespace as "a.b.c" → text. */
export function flattenMessages(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [inner, text] of flattenMessages(value as object, path)) out.set(inner, text)
  }
  return out
}
