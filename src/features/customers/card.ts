import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { idParam } from '../../lib/ids.js';
import { type CustomerDetails, getCustomer } from './queries.js';

/**
 * The customer card's tabs (R-CARD-1), in the order shown. Each tab is a route of its
 * own feature that calls `renderCard`; `organisationsOnly` tabs are hidden on persons.
 */
export const CARD_TABS = [
  { id: 'basic', path: '', label: 'card.basic' },
  { id: 'profile', path: '/profile', label: 'card.profile' },
  { id: 'interactions', path: '/interactions', label: 'card.interactions' },
  { id: 'documents', path: '/documents', label: 'card.documents' },
  { id: 'purchases', path: '/purchases', label: 'card.purchases' },
  { id: 'classification', path: '/classification', label: 'card.classification' },
  { id: 'contact-persons', path: '/contact-persons', label: 'card.contactPersons', organisationsOnly: true },
  { id: 'history', path: '/history', label: 'card.history' },
] as const;

export type CardTab = (typeof CARD_TABS)[number]['id'];

function notFound(): never {
  throw Object.assign(new Error('error.notFound'), { statusCode: 404 });
}

/** The customer named by `:id` in the URL, or 404. */
export async function loadCustomer(db: Db, request: FastifyRequest): Promise<CustomerDetails> {
  const customer = await getCustomer(db, idParam(request.params));
  if (!customer) notFound();
  return customer;
}

/**
 * Renders the card with one tab open: the whole page, or for htmx only the tab strip
 * and panel (`customers/_card-body`). `template` is the tab panel's partial.
 */
export function renderCard(
  reply: FastifyReply,
  customer: CustomerDetails,
  tab: CardTab,
  template: string,
  data: Record<string, unknown> = {},
  status = 200,
) {
  const tabs = CARD_TABS.filter(
    (t) => !('organisationsOnly' in t) || customer.customer.type === 'organisation',
  );
  return reply.render(
    'customers/card',
    { customer, tab, tabs, tabTemplate: template, title: customer.customer.name, ...data },
    { fragment: 'customers/_card-body', status },
  );
}
