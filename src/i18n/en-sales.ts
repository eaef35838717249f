import type { salesFi } from './fi-sales.js';

/** English texts of the sales feature, spread into `en.ts`. */
export const salesEn: Record<keyof typeof salesFi, string> = {
  'sales.destinationTypes.title': 'Destination types',
  'sales.destinationTypes.intro': 'Destination types of bookings and their automatic profiling (AUTO).',
  'sales.settings.title': 'Sales data settings',
  'sales.settings.intro': 'Relationship start date set automatically from the first invoice or sales order.',
};
