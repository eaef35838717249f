/** Finnish texts of the imports feature, spread into `fi.ts`. */
export const importsFi = {
  'imports.nav': 'Tuonti',
} as const;
