import { describe, it } from 'vitest';
import { expectAccessible, useBrowser } from '../helpers/browser.js';
import { demoRegister } from '../workspace/helpers.js';

/*
 * Every screen passes axe-core's WCAG 2.1 A and AA rules. New pages are added to the
 * lists below; a rule left out says why beside it.
 */
const s = useBrowser({
  username: 'saavutettava',
  role: 'admin',
  seed: (t) => demoRegister(t.app.db),
  timeout: 120_000,
});

async function firstCustomer(type: 'person' | 'organisation'): Promise<number> {
  const rows = await s.t.database.sql<
    { id: number }[]
  >`select id from customers where type = ${type} order by id limit 1`;
  return rows[0]!.id;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('passes on the login page, logged out', async () => {
    await s.page.goto(`${s.base}/login`);
    await expectAccessible(s.page);
  });

  it('passes on the main screens and every customer card tab', async () => {
    await s.logIn();
    const person = await firstCustomer('person');
    const organisation = await firstCustomer('organisation');
    const pages = [
      '/customers',
      '/customers/new?type=person',
      '/customers/new?type=organisation',
      '/alarms',
      '/imports',
      '/interactions/batches',
      '/crm/labels?targetType=person',
      ...[
        '',
        '/profile',
        '/interactions',
        '/documents',
        '/purchases',
        '/classification',
        '/history',
        '/edit',
      ].map((tab) => `/customers/${person}${tab}`),
      `/customers/${organisation}/contact-persons`,
      '/settings',
      '/settings/kinds',
      '/settings/groups',
      '/settings/users',
      '/settings/tokens',
      '/settings/profiles',
      '/settings/tracking',
      '/settings/properties',
      '/settings/contact-person-properties',
      '/settings/destination-types',
      '/settings/sales',
      '/settings/contact-types',
      '/settings/templates',
      '/settings/label-layouts',
    ];
    for (const p of pages) {
      await s.page.goto(`${s.base}${p}`);
      await expectAccessible(s.page);
    }
  }, 120_000);

  it('passes on the CRM workspace', async () => {
    await s.page.goto(`${s.base}/crm?targetType=person`);
    await expectAccessible(s.page);
  });
});
