import type { importsFi } from './fi-imports.js';

/** English texts of the imports feature, spread into `en.ts`. */
export const importsEn: Record<keyof typeof importsFi, string> = {
  'imports.nav': 'Import',
};
