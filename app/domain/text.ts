/**
 * Does the text hold a control character other than tab and line breaks (NUL, escape, DEL…)?
 * No person types one, and PostgreSQL cannot store NUL in text: such input is refused where it
 * comes in, not left to fail in the database.
 */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true
  }
  return false
}
