import type { documentsFi } from './fi-documents.js';

/** English texts of the documents feature, spread into `en.ts`. */
export const documentsEn: Record<keyof typeof documentsFi, string> = {
  'documents.templates.title': 'Document templates',
  'documents.templates.intro': 'Word and HTML templates with merge fields.',
};
