import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const texts = new Map<string, string | undefined>()

/**
 * The text of a built stylesheet (`/build/_assets/app-….css`) for inlining into the document
 * (app/ui/inline-styles.tsx), read once per href in production (the file name carries its hash);
 * undefined when the file cannot be read, and the head then imports it by URL.
 */
export function builtStylesheetText(href: string): string | undefined {
  if (process.env.NODE_ENV === 'production' && texts.has(href)) return texts.get(href)
  let text: string | undefined
  // build/index.js sits beside public/; tests and tools run from the project root.
  for (const publicDir of [fileURLToPath(new URL('../public', import.meta.url)), path.join(process.cwd(), 'public')]) {
    try {
      text = fs.readFileSync(path.join(publicDir, href), 'utf8')
      break
    } catch {
      // next place
    }
  }
  // A "</style" inside the CSS would end the element early; the built CSS has none, but never inline one that does.
  if (text !== undefined && /<\/style/i.test(text)) text = undefined
  texts.set(href, text)
  return text
}
