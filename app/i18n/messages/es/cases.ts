import type { cases as en } from '../en/cases'
import type { SameKeys } from '../shape'

/** Mensajes de las páginas de casos del miembro y de los correos sobre sus casos (español de EE. UU., de usted). */
export const cases: SameKeys<typeof en> = {
  list: {
    title: 'Mis casos',
    heading: 'Mis casos',
    lead: 'Un caso es una solicitud de atención en un centro, desde el día en que la pide hasta que termina su atención.',
    empty: 'Todavía no ha pedido atención. <search>Busque un centro cubierto</search> y pida atención allí.',
    item: '{{procedure}} en {{facility}}',
    requested: 'pedido el {{date}}',
  },
  detail: {
    title: 'Mi caso',
    back: 'Mis casos',
    heading: '{{procedure}} en {{facility}}',
    notFound: 'Este caso no existe o no es suyo.',
    requestedHeading: 'Recibimos su solicitud',
    requestedBody: 'Su equipo de atención se comunicará con usted {{contact}} en un plazo de dos días hábiles. Aquí puede seguir cada paso.',
    existing: 'Usted ya tiene una solicitud abierta para {{procedure}}, así que no hicimos una nueva. Aquí está.',
    now: 'Qué significa este paso',
    summary: 'Su solicitud',
    center: 'Centro',
    requested: 'Pedido el',
    preferredDates: 'Fechas que le convienen',
    anyDates: 'Cualquiera',
    dateRange: 'del {{start}} al {{end}}',
    procedureDate: 'Fecha del procedimiento',
    youPay: 'Usted paga',
    youPayHelp: 'Nuestro cálculo del día en que lo pidió, según su plan y el programa de su empleador.',
    travel: 'Viaje',
    travelCovered: 'se le pagan unos {{amount}}',
    travelNotCovered: 'No se paga (usted vive cerca)',
    companion: 'Alguien que lo acompaña',
    yes: 'Sí',
    no: 'No',
    contact: 'Cómo nos comunicamos con usted',
    reason: 'Motivo',
    reasonHelp: 'En palabras de su equipo de atención.',
    timeline: 'Historial',
    timelineLabel: 'Historial del caso',
    stepsTitle: 'Qué significan los pasos',
    checkIns: 'Seguimiento después de su procedimiento',
    checkInsHelp: 'Su equipo de atención le preguntará cómo se siente.',
    checkInFrom: '{{checkIn}} a partir del {{date}}',
    checkInDue: '{{checkIn}}: su equipo de atención se comunicará con usted pronto',
    checkIn: {
      thirty_day: 'Seguimiento a los 30 días',
      ninety_day: 'Seguimiento a los 90 días',
    },
  },
  contact: {
    email: 'por correo electrónico',
    phone: 'por teléfono',
    text: 'por mensaje de texto',
  },
  states: {
    requested: {
      label: 'Solicitado',
      meaning: 'Usted pidió atención. Su equipo de atención se comunicará con usted para confirmar que su plan la cubre.',
    },
    eligibility_verified: {
      label: 'Cobertura confirmada',
      meaning: 'Su equipo de atención confirmó que su plan cubre esta atención en este centro. Ahora el centro fijará una fecha.',
    },
    scheduled: {
      label: 'Programado',
      meaning: 'El centro fijó una fecha para su procedimiento.',
    },
    travel_booked: {
      label: 'Viaje reservado',
      meaning: 'Su viaje y su alojamiento están reservados y pagados. Su equipo de atención le enviará los detalles.',
    },
    procedure_done: {
      label: 'Procedimiento realizado',
      meaning: 'Ya tuvo su procedimiento. Su equipo de atención le preguntará cómo se siente.',
    },
    completed: {
      label: 'Completado',
      meaning: 'Su atención terminó y este caso está cerrado.',
    },
    cancelled: {
      label: 'Cancelado',
      meaning: 'Esta solicitud se detuvo. Puede volver a pedir atención cuando quiera.',
    },
    denied: {
      label: 'No aprobado',
      meaning: 'Su plan no cubre esta solicitud. Si tiene preguntas, comuníquese con su equipo de atención.',
    },
  },
  email: {
    subject: '{{procedure}}: {{status}}',
    greeting: 'Hola, {{name}}:',
    greetingNoName: 'Hola:',
    status: 'El estado de su solicitud de {{procedure}} en {{facility}} ahora es: {{status}}.',
    reason: 'Motivo: {{reason}}',
    youPay: 'Lo que usted paga: {{amount}} (nuestro cálculo según su plan).',
    travel: 'Viaje: se le pagan unos {{amount}}.',
    scheduledDate: 'Fecha del procedimiento: {{date}}.',
    procedureDate: 'Tuvo su procedimiento el {{date}}.',
    footer: 'Puede ver cada paso en Mis casos, en el sitio web de COE Marketplace. ¿Preguntas? Responda a este correo o llame a su equipo de atención.',
  },
}
