/** Shared words of the member-facing pages: frame, navigation, errors, terms, procedures. */
export const common = {
  brand: 'COE Marketplace',
  skipToContent: 'Skip to main content',
  signOut: 'Sign out',
  language: {
    label: 'Language',
    switchTo: 'Ver en español',
    switchHint: 'Switch the pages to Spanish',
  },
  nav: {
    label: 'Member navigation',
    home: 'My benefits',
    care: 'Find care',
    cases: 'My cases',
  },
  role: { employee: 'Member' },
  errors: {
    notFound: "We couldn't find that page. It may have moved, or it isn't part of your organization.",
    forbidden: "Your account can't open this page. If you think it should, ask your organization's administrator.",
    invalid: 'The request was not valid.',
    server: 'Something went wrong on our side. Please try again.',
    unexpected: 'Something unexpected went wrong, and we have logged it. Please try again, or go back to your home page.',
    tooLarge: 'This form sent more data than any form of the portal holds, so nothing was saved. Go back, reload the page and try again.',
    crossOrigin: 'This form was sent from another website, so it was not accepted and nothing was changed. Open the page on this site and send it from there.',
    titleTooLarge: 'Too much data',
    titleNotFound: 'Not found',
    titleForbidden: 'Not allowed',
    titleWait: 'Please wait',
    titleError: 'Something went wrong',
    goHome: 'Go to your home page',
  },
  tiers: {
    employee: 'Just you',
    employee_spouse: 'You and your spouse',
    employee_children: 'You and your children',
    family: 'Your family',
  },
  procedures: {
    TKA: 'Total knee replacement',
    THA: 'Total hip replacement',
    SPINE_FUSION: 'Spinal fusion',
    BARIATRIC_SLEEVE: 'Weight-loss surgery (sleeve gastrectomy)',
    CABG: 'Heart bypass surgery',
    CANCER_2ND_OPINION: 'Cancer second opinion',
  },
  terms: {
    title: 'What these words mean',
    centerOfExcellence: {
      term: 'Center of excellence',
      meaning: 'A hospital your employer picked because its patients do well. Your employer pays it one set price for the whole operation.',
    },
    bundle: {
      term: 'Bundled price',
      meaning: 'One price that covers the whole operation: the hospital stay, the surgeon, anesthesia, the implant and follow-up visits.',
    },
    deductible: {
      term: 'Deductible',
      meaning: 'The amount you pay each year for care before your health plan starts to pay.',
    },
    coinsurance: {
      term: 'Coinsurance',
      meaning: 'A share of the cost you pay after your deductible, like 20%.',
    },
    copay: {
      term: 'Copay',
      meaning: 'A set amount you pay for a service, like $250.',
    },
    outOfPocketMax: {
      term: 'Out-of-pocket maximum',
      meaning: 'The most you pay for covered care in a year. After that, your plan pays the rest.',
    },
    hsaMinimum: {
      term: 'IRS minimum deductible',
      meaning: 'Plans that come with a health savings account (HSA) must charge at least this much before paying, by federal law.',
    },
    incentive: {
      term: 'Completion reward',
      meaning: 'Money your employer pays you after your care at the center is complete.',
    },
  },
  units: {
    miles_one: '{{count}} mile',
    miles_other: '{{count}} miles',
  },
} as const
