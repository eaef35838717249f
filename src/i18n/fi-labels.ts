/** Finnish texts of the labels feature, spread into `fi.ts`. */
export const labelsFi = {
  'labels.layouts.title': 'Tarra-arkit',
  'labels.layouts.intro': 'Osoitetarra-arkkien asettelut: sivukoko, marginaalit, välit, sarakkeet ja rivit.',
} as const;
