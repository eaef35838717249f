import fastifyFormbody from '@fastify/formbody';
import fastifySensible from '@fastify/sensible';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import apiRoutes from './features/api/routes.js';
import authRoutes from './features/auth/routes.js';
import banApiRoutes from './features/bans/api.js';
import banRoutes from './features/bans/routes.js';
import classificationRoutes from './features/classification/routes.js';
import contactPersonRoutes from './features/contact-persons/routes.js';
import contactRoleRoutes from './features/contact-roles/routes.js';
import customerRoutes from './features/customers/routes.js';
import documentsRoutes from './features/documents/routes.js';
import guardianRoutes from './features/guardians/routes.js';
import healthRoutes from './features/health/routes.js';
import homeRoutes from './features/home/routes.js';
import importsRoutes from './features/imports/routes.js';
import interactionsRoutes from './features/interactions/routes.js';
import labelsRoutes from './features/labels/routes.js';
import profileApiRoutes from './features/profiles/api-routes.js';
import profileRoutes from './features/profiles/routes.js';
import salesRoutes from './features/sales/routes.js';
import settingsRoutes from './features/settings/routes.js';
import workspaceRoutes from './features/workspace/routes.js';
import assetRoutes from './plugins/assets.js';
import authPlugin from './plugins/auth.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin from './plugins/errors.js';
import pdfPlugin from './plugins/pdf.js';
import securityPlugin from './plugins/security.js';
import viewsPlugin from './plugins/views.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** Builds the whole app: database (migrated), plugins, then features. Tests call this. */
export async function buildApp(
  config: Config,
  options: { database?: Database } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Fastify accepts a hop count too; its types only list boolean | string.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: config.bodyLimit,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const database = options.database ?? (await openDatabase(config, (m) => app.log.debug(m)));
  await runMigrations(database.url);
  if (!options.database) app.addHook('onClose', () => database.close());

  app.decorate('config', config);
  await app.register(fastifySensible);
  await app.register(dbPlugin, { db: database.db });
  await app.register(fastifyFormbody);
  await app.register(securityPlugin, {
    secret: config.sessionSecret,
    basePath: config.basePath,
    cookieSecure: config.cookieSecure,
  });
  await app.register(viewsPlugin, {
    basePath: config.basePath,
    production: process.env.NODE_ENV !== 'development',
  });
  await app.register(authPlugin, {
    sessionHours: config.sessionHours,
    basePath: config.basePath,
    cookieSecure: config.cookieSecure,
  });
  await app.register(errorsPlugin);
  await app.register(pdfPlugin);

  await app.register(
    async (site) => {
      await site.register(assetRoutes);
      await site.register(healthRoutes);
      await site.register(authRoutes);
      await site.register(homeRoutes);
      await site.register(customerRoutes);
      await site.register(contactPersonRoutes);
      await site.register(classificationRoutes);
      await site.register(profileRoutes);
      await site.register(profileApiRoutes, { prefix: '/api/v1' });
      await site.register(settingsRoutes, { prefix: '/settings' });
      await site.register(banRoutes);
      await site.register(contactRoleRoutes);
      await site.register(guardianRoutes);
      await site.register(salesRoutes);
      await site.register(importsRoutes);
      await site.register(interactionsRoutes);
      await site.register(documentsRoutes);
      await site.register(workspaceRoutes);
      await site.register(labelsRoutes);
      await site.register(banApiRoutes, { prefix: '/api/v1' });
      await site.register(apiRoutes, { prefix: '/api/v1' });
    },
    { prefix: config.basePath },
  );
  return app;
}
