/**
 * Reads a Spanish message back against its English source (issue 20, item 5): the words that carry
 * meaning must say the same thing in both. Pure, explicit word lists per language, no guessing:
 *
 * - who pays: each form of "pay"/"pagar" gets a payer, from the subject before it (or, in Spanish,
 *   right after it: "que paga su empleador"), the agent after "by"/"por", or "for you"/"se le"
 *   (someone else pays for the member); passives with no agent are "unstated"; each with "not";
 * - covered / not covered: each form of "cover"/"cubrir" with whether a negation comes just before;
 * - negations: how many (Spanish "no … nada" is one negation, as "nothing" is);
 * - numbers (digits and the number words two to twelve), {{placeholders}}, dates (months, weekdays)
 *   and time units (day, year…);
 * - who is named: plan, employer, program, Medicare, CMS, IRS, HSA.
 *
 * The Spanish pages name the payer when the English does ("usted paga", not only "paga"), so a
 * Spanish verb without a subject is "unstated", like an English passive.
 */

export type MeaningLanguage = 'en' | 'es'

type Role = 'member' | 'for-member' | 'plan' | 'employer' | 'program' | 'we' | 'people' | 'medicare' | 'unstated'

interface Words {
  /** Forms of the verb "to pay". */
  pay: RegExp
  /** Past participles of "to pay" (Spanish: passive unless after a form of "haber"). */
  participle: RegExp
  /** Forms of "to cover" and "coverage". */
  cover: RegExp
  negations: ReadonlySet<string>
  /** Spanish negative concord: "no … nada" is one negation. */
  concord: ReadonlySet<string>
  /** Who a subject word names, as a payer. */
  subjects: Readonly<Record<string, Role>>
  /** Words a look back for the subject stops at (a new clause starts there). */
  stops: ReadonlySet<string>
  /** Words skipped when looking for a subject next to the verb (pronouns, "no"). */
  skip: ReadonlySet<string>
  /** English: forms of "to be" that make "paid" a passive. Spanish: forms of "haber" that make "pagado" active. */
  auxiliaries: ReadonlySet<string>
  numbers: Readonly<Record<string, number>>
  months: Readonly<Record<string, number>>
  weekdays: Readonly<Record<string, number>>
  timeUnits: Readonly<Record<string, string>>
  entities: Readonly<Record<string, string>>
}

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean))
const table = <T>(entries: string, value: (index: number) => T) => Object.fromEntries(entries.split(/\s+/).map((word, index) => [word, value(index)])) as Record<string, T>

const WORDS: Record<MeaningLanguage, Words> = {
  en: {
    pay: /^(pay|pays|paid|paying)$/,
    participle: /^paid$/,
    cover: /^(cover|covers|covered|covering|coverage)$/,
    negations: set('not no never nothing none nobody nowhere neither nor cannot without'),
    concord: set(''),
    subjects: {
      you: 'member', plan: 'plan', plans: 'plan', employer: 'employer', employers: 'employer', program: 'program', programs: 'program', we: 'we', people: 'people',
      medicare: 'medicare', they: 'unstated', it: 'unstated',
    },
    stops: set('who that which'),
    skip: set(''),
    auxiliaries: set('is are was were be been being'),
    numbers: { two: 2, both: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12 },
    months: table('january february march april may june july august september october november december', (i) => i + 1),
    weekdays: table('monday tuesday wednesday thursday friday saturday sunday', (i) => i + 1),
    timeUnits: {
      day: 'day', days: 'day', daily: 'day', today: 'today', week: 'week', weeks: 'week', weekly: 'week', month: 'month', months: 'month', monthly: 'month',
      year: 'year', years: 'year', yearly: 'year', annual: 'year', hour: 'hour', hours: 'hour', minute: 'minute', minutes: 'minute', second: 'second', seconds: 'second',
    },
    entities: {
      plan: 'plan', plans: 'plan', employer: 'employer', employers: 'employer', program: 'program', programs: 'program', medicare: 'Medicare', cms: 'CMS', irs: 'IRS', hsa: 'HSA',
    },
  },
  es: {
    pay: /^(pagar|paga|pagan|pagas|pago|pagó|pagaron|pagaba|pagaban|pagamos|pagaría|pagarían|pagará|pagarán|pague|paguen|pagando|pagado|pagada|pagados|pagadas)$/,
    participle: /^(pagado|pagada|pagados|pagadas)$/,
    cover: /^(cubrir|cubre|cubren|cubra|cubran|cubrió|cubierto|cubierta|cubiertos|cubiertas|cobertura)$/,
    negations: set('no nunca nada nadie ningún ninguna ninguno ni tampoco jamás sin'),
    concord: set('nunca nada nadie ningún ninguna ninguno ni tampoco jamás'),
    subjects: {
      usted: 'member', ustedes: 'member', plan: 'plan', planes: 'plan', empleador: 'employer', empleadores: 'employer', programa: 'program', programas: 'program',
      nosotros: 'we', gente: 'people', personas: 'people', medicare: 'medicare',
    },
    stops: set('que quien quienes cual'),
    skip: set('no se le les lo la los las'),
    auxiliaries: set('ha han haya hayan había habían he hemos has habrá'),
    numbers: { dos: 2, ambos: 2, ambas: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12 },
    months: table('enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre', (i) => i + 1),
    weekdays: table('lunes martes miércoles jueves viernes sábado domingo', (i) => i + 1),
    timeUnits: {
      día: 'day', días: 'day', diario: 'day', diaria: 'day', hoy: 'today', semana: 'week', semanas: 'week', semanal: 'week', mes: 'month', meses: 'month', mensual: 'month',
      año: 'year', años: 'year', anual: 'year', hora: 'hour', horas: 'hour', minuto: 'minute', minutos: 'minute', segundo: 'second', segundos: 'second',
    },
    entities: {
      plan: 'plan', planes: 'plan', empleador: 'employer', empleadores: 'employer', programa: 'program', programas: 'program', medicare: 'Medicare', cms: 'CMS', irs: 'IRS',
      hsa: 'HSA',
    },
  },
}

const DETERMINERS = set('su sus el la los las un una the your their a')

/** What a message says, in the terms both languages are compared on. */
export interface Reading {
  placeholders: string[]
  numbers: number[]
  dates: string[]
  timeUnits: string[]
  payers: string[]
  coverage: string[]
  negations: number
  named: string[]
}

interface Token {
  word: string
  /** A new clause starts after this token (punctuation). */
  boundary: boolean
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.toLowerCase().matchAll(/\{\{[^}]*\}\}|[\p{L}\d]+(?:['’][\p{L}]+)*|[.,:;()?!¿¡·–—"/]/gu)) {
    const raw = match[0]
    if (/^[.,:;()?!¿¡·–—"/]$/.test(raw)) {
      const last = tokens.at(-1)
      if (last) last.boundary = true
      tokens.push({ word: '', boundary: true })
      continue
    }
    tokens.push({ word: raw, boundary: false })
  }
  return tokens
}

/** An English contraction's negation ("couldn't") or a listed negation word. */
function isNegation(words: Words, word: string) {
  return words.negations.has(word) || /n['’]t$/.test(word)
}

/** The bare word: "employer's" → "employer". */
const bare = (word: string) => word.replace(/['’]s$/, '')

function clauseStart(tokens: Token[], index: number) {
  let start = index
  while (start > 0 && !tokens[start - 1]!.boundary) start--
  return start
}

function clauseEnd(tokens: Token[], index: number) {
  let end = index
  while (end < tokens.length - 1 && !tokens[end]!.boundary) end++
  return end
}

function negatedBefore(words: Words, tokens: Token[], index: number) {
  const from = Math.max(clauseStart(tokens, index), index - 3)
  return tokens.slice(from, index).some((t) => isNegation(words, t.word))
}

/** The subject word after `from` (skipping determiners), within the clause. */
function subjectAfter(words: Words, tokens: Token[], from: number, end: number): Role | undefined {
  for (let i = from; i <= end && i < from + 3; i++) {
    const word = bare(tokens[i]!.word)
    if (DETERMINERS.has(word)) continue
    return words.subjects[word]
  }
  return undefined
}

function payerOf(language: MeaningLanguage, tokens: Token[], index: number): Role {
  const words = WORDS[language]
  const word = tokens[index]!.word
  const start = clauseStart(tokens, index)
  const end = clauseEnd(tokens, index)
  const next = (offset: number) => (index + offset <= end ? tokens[index + offset]!.word : '')
  const lookBack = (): Role | undefined => {
    for (let i = index - 1; i >= start; i--) {
      const w = bare(tokens[i]!.word)
      if (words.stops.has(w)) return undefined
      if (language === 'en' && words.auxiliaries.has(w)) return 'unstated' // "are paid": the subject is what is paid
      const role = words.subjects[w]
      if (role) return role
    }
    return undefined
  }
  if (language === 'en') {
    if (next(1) === 'by') return subjectAfter(words, tokens, index + 2, end) ?? 'unstated'
    if (words.participle.test(word) && next(1) === 'for' && next(2) === 'you') return 'for-member'
    return lookBack() ?? 'unstated'
  }
  // Spanish
  const before: string[] = []
  for (let i = index - 1; i >= start && words.skip.has(tokens[i]!.word); i--) before.push(tokens[i]!.word)
  const previous = index > start ? tokens[index - 1]!.word : ''
  if (words.participle.test(word) && !words.auxiliaries.has(previous)) {
    return next(1) === 'por' ? (subjectAfter(words, tokens, index + 2, end) ?? 'unstated') : 'unstated'
  }
  if (before.includes('se')) return before.includes('le') ? 'for-member' : 'unstated' // "se le paga": paid for you
  if (word.endsWith('amos')) return 'we'
  return lookBack() ?? subjectAfter(words, tokens, index + 1, end) ?? 'unstated'
}

/** Reads one message in its language (see the module comment for what is read). */
export function readMeaning(text: string, language: MeaningLanguage): Reading {
  const words = WORDS[language]
  const placeholders = [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort()
  const plain = text.replace(/\{\{[^}]*\}\}/g, ' ').replace(/<\/?\w+>/g, ' ')
  const tokens = tokenize(plain)
  const numbers = [...plain.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')))
  const dates: string[] = []
  const timeUnits = new Set<string>()
  const named = new Set<string>()
  const payers: string[] = []
  const coverage: string[] = []
  let negations = 0
  let negatedClauseStart = -1
  tokens.forEach((token, index) => {
    const word = bare(token.word)
    if (!word) return
    if (word in words.numbers) numbers.push(words.numbers[word]!)
    // "may" is a month only beside a number ("May 4"), not in "it may have moved".
    if (word in words.months && (word !== 'may' || [tokens[index - 1], tokens[index + 1]].some((t) => t && /^\d/.test(t.word)))) dates.push(`month ${words.months[word]}`)
    if (word in words.weekdays) dates.push(`weekday ${words.weekdays[word]}`)
    // "second opinion" is not a unit of time.
    if (word in words.timeUnits && !(word === 'second' && tokens[index + 1]?.word === 'opinion')) timeUnits.add(words.timeUnits[word]!)
    // "plan the dates" is the verb, not a health plan.
    if (word in words.entities && !(language === 'en' && word === 'plan' && DETERMINERS.has(tokens[index + 1]?.word ?? ''))) named.add(words.entities[word]!)
    if (isNegation(words, token.word)) {
      const start = clauseStart(tokens, index)
      // Spanish negative concord: "no se guardó nada" is one negation, like "nothing was saved".
      if (!(words.concord.has(word) && negatedClauseStart === start)) negations++
      if (word === 'no' || !words.concord.has(word)) negatedClauseStart = start
    }
    const negated = () => negatedBefore(words, tokens, index) || (language === 'en' && tokens[index + 1]?.word === 'nothing')
    if (words.pay.test(word)) payers.push(`${payerOf(language, tokens, index)}${negated() ? ' (not)' : ''}`)
    if (words.cover.test(word)) coverage.push(negated() ? 'not covered' : 'covered')
  })
  return {
    placeholders,
    numbers: numbers.sort((a, b) => a - b),
    dates: dates.sort(),
    timeUnits: [...timeUnits].sort(),
    payers: payers.sort(),
    coverage: [...new Set(coverage)].sort(),
    negations,
    named: [...named].sort(),
  }
}

const LABELS: Record<keyof Reading, string> = {
  placeholders: 'placeholders',
  numbers: 'numbers',
  dates: 'dates',
  timeUnits: 'units of time',
  payers: 'who pays',
  coverage: 'covered or not',
  negations: 'negations',
  named: 'who is named',
}

/** Every way the Spanish text says something else than the English one, as "who pays: en [member] ≠ es [for-member]". */
export function meaningMismatches(english: string, spanish: string): string[] {
  const en = readMeaning(english, 'en')
  const es = readMeaning(spanish, 'es')
  const problems: string[] = []
  for (const field of Object.keys(LABELS) as Array<keyof Reading>) {
    const a = JSON.stringify(en[field])
    const b = JSON.stringify(es[field])
    if (a !== b) problems.push(`${LABELS[field]}: en ${a} ≠ es ${b}`)
  }
  return problems
}
