import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common'

let checker: ZxcvbnFactory | undefined

/**
 * Refuses passwords that are common or easy to guess (OWASP ASVS 2.1.7, NIST 800-63B 5.1.1.2):
 * zxcvbn-ts with its common-password, name and keyboard-pattern lists, plus what the person
 * typed in the form (e-mail, name, employer code). The form already requires 12–200 characters.
 * True when it is too easy to guess; the page says so in its own language.
 */
export function isEasyToGuess(password: string, personal: readonly string[]): boolean {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs })
  const inputs = personal.flatMap((value) => [value.toLowerCase(), ...value.toLowerCase().split(/[^a-z0-9]+/)]).filter((part) => part.length >= 3)
  const result = checker.check(password, inputs)
  return result.score < 3
}
