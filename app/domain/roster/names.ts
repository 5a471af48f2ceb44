/**
 * Names as people and payroll systems really write them (DESIGN §6, issue 17): iOS types ’ for ',
 * spreadsheets carry non-breaking and zero-width spaces, one system sends ÁLVAREZ and another a
 * decomposed "Pe\u0301rez". Import and sign-up both go through these two functions, so a person
 * matches however their name was typed.
 */

/** Apostrophe look-alikes: right/left single quotes, modifier letter apostrophe, prime, grave and acute accents, fullwidth. */
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02B9\u2032\u0060\u00B4\uFF07]/g
/** Hyphen look-alikes: hyphen, non-breaking hyphen, figure dash, en dash, minus sign. */
const HYPHENS = /[\u2010\u2011\u2012\u2013\u2212]/g
/** Spaces other than the plain one: no-break, en/em and other typographic spaces, narrow no-break, ideographic. */
const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t]/g
/** Invisible characters that spreadsheets and copy-paste leave behind: zero-width space/joiners, word joiner, BOM, soft hyphen. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g

/**
 * A name as it is stored and shown: Unicode NFC, typographic apostrophes and hyphens made plain,
 * every kind of space a single plain space, invisible characters removed, trimmed. Letters and
 * their case are kept ("Ölmez" stays "Ölmez").
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(HYPHENS, '-')
    .replace(SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
}

/**
 * The key names are matched on: the normalised name, case-folded and without accents, so that
 * Álvarez, ÁLVAREZ and Alvarez match (a person on a US keyboard often cannot type the accent; the
 * date of birth and ZIP that sign-up also asks for keep the match to one person).
 */
export function nameKey(name: string): string {
  return normalizeName(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFC')
}

/** Employee ids compare without regard to case: X0402 and x0402 are one person. */
export function employeeIdKey(employeeId: string): string {
  return employeeId.trim().toLowerCase()
}

/**
 * Do two different ids differ only in leading zeros (000123 and 123)? A spreadsheet that opened a
 * roster as numbers drops them, and the "new" id would otherwise make a second person.
 */
export function differOnlyInLeadingZeros(a: string, b: string): boolean {
  const strip = (id: string) => employeeIdKey(id).replace(/^0+(?=.)/, '')
  return employeeIdKey(a) !== employeeIdKey(b) && strip(a) === strip(b)
}

/** The id with its leading zeros removed: what a stored id looks like after a spreadsheet dropped them. */
export function withoutLeadingZeros(employeeId: string): string {
  return employeeIdKey(employeeId).replace(/^0+(?=.)/, '')
}

/** The match keys stored with every roster row (issue 17), from its id and names. */
export function rosterKeys(member: { employeeId: string; firstName: string; lastName: string }) {
  return {
    employeeIdKey: employeeIdKey(member.employeeId),
    employeeIdLoose: withoutLeadingZeros(member.employeeId),
    firstNameKey: nameKey(member.firstName),
    lastNameKey: nameKey(member.lastName),
  }
}
