import type { common as en } from '../en/common'
import type { SameKeys } from '../shape'

export const common: SameKeys<typeof en> = {
  brand: 'COE Marketplace',
  skipToContent: 'Saltar al contenido principal',
  signOut: 'Cerrar sesión',
  language: {
    label: 'Idioma',
    switchTo: 'View in English',
    switchHint: 'Cambiar las páginas a inglés',
  },
  nav: {
    label: 'Navegación del miembro',
    home: 'Mis beneficios',
    care: 'Buscar atención',
    cases: 'Mis casos',
  },
  role: { employee: 'Miembro' },
  errors: {
    notFound: 'No encontramos esa página. Puede que se haya movido o que no sea parte de su organización.',
    forbidden: 'Su cuenta no puede abrir esta página. Si cree que debería poder, pregunte al administrador de su organización.',
    invalid: 'La solicitud no es válida.',
    server: 'Algo salió mal de nuestro lado. Inténtelo de nuevo.',
    unexpected: 'Algo inesperado salió mal y lo registramos. Inténtelo de nuevo o vuelva a su página de inicio.',
    tooLarge: 'Este formulario envió más datos de los que cabe en cualquier formulario del portal, así que no se guardó nada. Vuelva atrás, recargue la página e inténtelo de nuevo.',
    crossOrigin: 'Este formulario se envió desde otro sitio web, así que no se aceptó y no se cambió nada. Abra la página en este sitio y envíelo desde aquí.',
    titleTooLarge: 'Demasiados datos',
    titleNotFound: 'No encontrado',
    titleForbidden: 'No permitido',
    titleWait: 'Espere un momento',
    titleError: 'Algo salió mal',
    goHome: 'Ir a su página de inicio',
  },
  tiers: {
    employee: 'Solo usted',
    employee_spouse: 'Usted y su cónyuge',
    employee_children: 'Usted y sus hijos',
    family: 'Su familia',
  },
  procedures: {
    TKA: 'Reemplazo total de rodilla',
    THA: 'Reemplazo total de cadera',
    SPINE_FUSION: 'Fusión de columna',
    BARIATRIC_SLEEVE: 'Cirugía para bajar de peso (manga gástrica)',
    CABG: 'Cirugía de bypass del corazón',
    CANCER_2ND_OPINION: 'Segunda opinión sobre cáncer',
  },
  terms: {
    title: 'Qué significan estas palabras',
    centerOfExcellence: {
      term: 'Centro de excelencia',
      meaning: 'Un hospital que su empleador eligió porque a sus pacientes les va bien. Su empleador le paga un solo precio fijo por toda la operación.',
    },
    bundle: {
      term: 'Precio en paquete',
      meaning: 'Un solo precio que cubre toda la operación: la estadía en el hospital, el cirujano, la anestesia, el implante y las visitas de control.',
    },
    deductible: {
      term: 'Deducible',
      meaning: 'Lo que usted paga cada año por su atención antes de que su plan de salud empiece a pagar.',
    },
    coinsurance: {
      term: 'Coseguro',
      meaning: 'La parte del costo que usted paga después del deducible, por ejemplo el 20 %.',
    },
    copay: {
      term: 'Copago',
      meaning: 'Una cantidad fija que usted paga por un servicio, por ejemplo $250.',
    },
    outOfPocketMax: {
      term: 'Máximo de gastos de bolsillo',
      meaning: 'Lo máximo que usted paga por atención cubierta en un año. Después, su plan paga el resto.',
    },
    hsaMinimum: {
      term: 'Deducible mínimo del IRS',
      meaning: 'Los planes con cuenta de ahorros para la salud (HSA) deben cobrar al menos esta cantidad antes de pagar, por ley federal.',
    },
    incentive: {
      term: 'Premio por completar',
      meaning: 'Dinero que su empleador le paga cuando termina su atención en el centro.',
    },
  },
  units: {
    miles_one: '{{count}} milla',
    miles_other: '{{count}} millas',
  },
}
