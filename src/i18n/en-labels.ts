import type { labelsFi } from './fi-labels.js';

/** English texts of the labels feature, spread into `en.ts`. */
export const labelsEn: Record<keyof typeof labelsFi, string> = {
  'labels.layouts.title': 'Label layouts',
  'labels.layouts.intro': 'Address-label sheet layouts: page size, margins, pitch, columns and rows.',
};
