/** CMS's verdict for a measure against the national rate. */
export type NationalComparison = 'better' | 'no_different' | 'worse' | 'not_available'
