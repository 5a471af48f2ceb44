import { describe, expect, it } from 'vitest'
import { messages, NAMESPACES } from '~/i18n/messages'
import { meaningMismatches, readMeaning } from '../../support/meaning-check'
import { flattenMessages as flatten } from '../../support/flatten-messages'


// Issue 20: "Viaje: $635.69 pagados por usted" said "paid by you" where the English says "paid
// for you". Every Spanish message is read back against its English source.
describe.each(NAMESPACES)('the Spanish %s messages', (namespace) => {
  const en = flatten(messages.en[namespace])
  const es = flatten(messages.es[namespace])

  it('have every English key', () => {
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort())
  })

  it('say what the English says: who pays, covered or not, negations, numbers, placeholders and dates', () => {
    const problems = [...en].flatMap(([key, english]) => meaningMismatches(english, es.get(key) ?? '').map((problem) => `${namespace}:${key}: ${problem}`))
    expect(problems).toEqual([])
  })
})

describe('the read-back check', () => {
  it.each([
    ['the reported bug: paid by you for paid for you', 'Travel: {{amount}} paid for you', 'Viaje: {{amount}} pagados por usted', 'who pays'],
    ['we pay instead of paid for you', 'about {{amount}} paid for you', 'le pagamos unos {{amount}}', 'who pays'],
    ['the employer and the member swapped', 'your employer pays you {{amount}}', 'usted le paga {{amount}} a su empleador', 'who pays'],
    ['a payer left out', 'You would pay about {{amount}}.', 'Pagaría unos {{amount}}.', 'who pays'],
    ['the plan for the employer', 'After that, your plan pays the rest.', 'Después, su empleador paga el resto.', 'who pays'],
    ['covered for not covered', 'Not covered: closer than {{miles}} miles', 'Cubierto: a menos de {{miles}} millas', 'covered or not'],
    ['a negation dropped', 'Your plan does not cover it outside the program.', 'Su plan lo cubre fuera del programa.', 'covered or not'],
    ['nothing for everything', 'So nothing was saved.', 'Así que se guardó todo.', 'negations'],
    ['another amount', 'like $250', 'por ejemplo $500', 'numbers'],
    ['a number word', 'within two working days', 'en tres días hábiles', 'numbers'],
    ['a percentage', 'like 20%', 'por ejemplo el 25 %', 'numbers'],
    ['a placeholder lost', 'Active since {{date}}', 'Activa', 'placeholders'],
    ['a placeholder swapped', 'You pay {{amount}} instead of {{uncapped}}', 'Usted paga {{amount}} en lugar de {{amount}}', 'placeholders'],
    ['another weekday', 'Closed on Monday', 'Cerrado el martes', 'dates'],
    ['another month', 'Starts in March', 'Empieza en mayo', 'dates'],
    ['weeks for days', 'within {{count}} days', 'en {{count}} semanas', 'units of time'],
    ['the plan dropped', 'The amount you pay before your plan pays', 'Lo que usted paga antes de que se pague', 'who is named'],
  ])('finds %s', (_name, english, spanish, kind) => {
    expect(meaningMismatches(english, spanish).map((problem) => problem.split(':')[0])).toContain(kind)
  })

  it.each([
    ['"no … nada" as one negation', 'Their people pay nothing.', 'Su gente no paga nada.'],
    ['"no … nada" across a verb', 'It was not accepted and nothing was changed.', 'No se aceptó y no se cambió nada.'],
    ['a subject after the verb', 'Bundled price your employer pays: {{price}}.', 'Precio en paquete que paga su empleador: {{price}}.'],
    ['a perfect tense with haber', 'until you have paid this much', 'hasta que usted haya pagado esta cantidad'],
    ['a passive with no agent', 'Your trip is booked and paid for.', 'Su viaje está reservado y pagado.'],
    ['paid for you as "se le paga"', 'Travel: {{amount}} paid for you', 'Viaje: se le pagan {{amount}}'],
    ['"may" the verb, not the month', 'It may have moved.', 'Puede que se haya movido.'],
    ['"plan" the verb, not a health plan', 'They plan the dates with you.', 'Planearán las fechas con usted.'],
    ['"second opinion", not a second', 'Cancer second opinion', 'Segunda opinión sobre cáncer'],
    ['"both" as two', 'Check both and try again.', 'Revise los dos e inténtelo de nuevo.'],
    ['thousands and decimals', 'under 1,000 characters, 1.00 is the middle', 'menos de 1,000 caracteres, 1.00 es el medio'],
  ])('accepts %s', (_name, english, spanish) => {
    expect(meaningMismatches(english, spanish)).toEqual([])
  })

  it('reads who pays, with the negation', () => {
    expect(readMeaning('Not paid by your program', 'en').payers).toEqual(['program (not)'])
    expect(readMeaning('Su programa no lo paga', 'es').payers).toEqual(['program (not)'])
    expect(readMeaning('Todas las estadías pagadas por Medicare', 'es').payers).toEqual(['medicare'])
    expect(readMeaning('Aquí usted no lo paga', 'es').payers).toEqual(['member (not)'])
  })
})
