/** Finnish texts of the sales feature, spread into `fi.ts`. */
export const salesFi = {
  'sales.destinationTypes.title': 'Kohdetyypit',
  'sales.destinationTypes.intro': 'Varausten kohdetyypit ja niiden automaattinen profilointi (AUTO).',
  'sales.settings.title': 'Myyntitietojen asetukset',
  'sales.settings.intro':
    'Asiakkuuden alkupäivä automaattisesti ensimmäisestä laskusta tai myyntitilauksesta.',
} as const;
