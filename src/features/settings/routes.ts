import type { FastifyInstance } from 'fastify';
import type { MessageKey } from '../../i18n/fi.js';
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
];

/** Admin screens under /settings: every route here is for admins only. */
export default async function settingsRoutes(app: FastifyInstance) {
  app.get('/', adminOnly, async (_request, reply) => reply.render('settings/index', { screens }));
  await app.register(kindRoutes, { prefix: '/kinds' });
  await app.register(groupRoutes, { prefix: '/groups' });
  await app.register(userRoutes, { prefix: '/users' });
  await app.register(tokenRoutes, { prefix: '/tokens' });
}
