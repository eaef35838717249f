import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../../i18n/fi.js';
import { contactPersonPropertyCatalog, customerPropertyCatalog } from '../classification/catalog/catalogs.js';
import { catalogRoutes } from '../classification/catalog/routes.js';
import trackingRoutes from '../classification/tracking/routes.js';
import profileSettingsRoutes from '../profiles/settings-routes.js';
import { adminOnly } from './form.js';
import groupRoutes from './groups/routes.js';
import kindRoutes from './kinds/routes.js';
import tokenRoutes from './tokens/routes.js';
import userRoutes from './users/routes.js';

const screens: { href: string; title: MessageKey; description: MessageKey }[] = [
  { href: '/settings/kinds', title: 'settings.kinds.title', description: 'settings.kinds.intro' },
  { href: '/settings/groups', title: 'settings.groups.title', description: 'settings.groups.intro' },
  { href: '/settings/users', title: 'settings.users.title', description: 'settings.users.intro' },
  { href: '/settings/tokens', title: 'settings.tokens.title', description: 'settings.tokens.intro' },
  { href: '/settings/profiles', title: 'settings.profiles.title', description: 'settings.profiles.intro' },
  {
    href: '/settings/tracking',
    title: 'classification.tracking.title',
    description: 'classification.tracking.intro',
  },
  {
    href: '/settings/properties',
    title: 'classification.properties.title',
    description: 'classification.properties.intro',
  },
  {
    href: '/settings/contact-person-properties',
    title: 'classification.cpProperties.title',
    description: 'classification.cpProperties.intro',
  },
  {
    href: '/settings/destination-types',
    title: 'sales.destinationTypes.title',
    description: 'sales.destinationTypes.intro',
  },
  { href: '/settings/sales', title: 'sales.settings.title', description: 'sales.settings.intro' },
  {
    href: '/settings/contact-types',
    title: 'interactions.contactTypes.title',
    description: 'interactions.contactTypes.intro',
  },
  {
    href: '/settings/templates',
    title: 'documents.templates.title',
    description: 'documents.templates.intro',
  },
  { href: '/settings/label-layouts', title: 'labels.layouts.title', description: 'labels.layouts.intro' },
];

/** Admin screens under /settings: every route here is for admins only. */
export default async function settingsRoutes(app: FastifyInstance) {
  app.get('/', adminOnly, async (_request, reply) => reply.render('settings/index', { screens }));
  await app.register(kindRoutes, { prefix: '/kinds' });
  await app.register(groupRoutes, { prefix: '/groups' });
  await app.register(userRoutes, { prefix: '/users' });
  await app.register(tokenRoutes, { prefix: '/tokens' });
  await app.register(profileSettingsRoutes, { prefix: '/profiles' });
  await app.register(trackingRoutes, { prefix: '/tracking' });
  await app.register(catalogRoutes(customerPropertyCatalog), { prefix: '/properties' });
  await app.register(catalogRoutes(contactPersonPropertyCatalog), { prefix: '/contact-person-properties' });
}
