/** Finnish texts of the interactions feature, spread into `fi.ts`. */
export const interactionsFi = {
  'interactions.contactTypes.title': 'Kontaktityypit',
  'interactions.contactTypes.intro': 'Kontaktilokin merkintöjen tyypit (esim. PU Puhelu).',
} as const;
