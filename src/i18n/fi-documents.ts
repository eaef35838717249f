/** Finnish texts of the documents feature, spread into `fi.ts`. */
export const documentsFi = {
  'documents.templates.title': 'Asiakirjamallit',
  'documents.templates.intro': 'Word- ja HTML-mallit yhdistelykenttineen.',
} as const;
