import type { interactionsFi } from './fi-interactions.js';

/** English texts of the interactions feature, spread into `en.ts`. */
export const interactionsEn: Record<keyof typeof interactionsFi, string> = {
  'interactions.contactTypes.title': 'Contact types',
  'interactions.contactTypes.intro': 'Types of contact log entries (e.g. PU Phone call).',
};
