import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import {
  type Field,
  fieldCatalogue,
  fieldRows,
  fieldRowsQuery,
  formatRow,
  pickFields,
  STATIC_CATALOGUE,
  STATIC_FIELDS,
} from '../../src/features/customers/fields.js';
import { CUSTOMER_FIELDS } from '../../src/features/imports/fields.js';
import { TARGET_TYPES } from '../../src/features/workspace/targets.js';
import { DomainError } from '../../src/lib/errors.js';
import { createTestDatabase } from '../helpers/db.js';

/*
 * The field catalogue on a small hand-made register: every field's SQL runs for the
 * target types it claims, admin-defined fields appear by code as soon as they exist,
 * values come back right and format in Finnish.
 */

let database: Database;
const TODAY = '2026-06-15';
const ids = { person: 0, org: 0, company: 0, cp: 0, staff: 0, bare: 0 };

const one = (id: number) => sql`select ${id}::int as target_id`;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const [staff] = await db.execute<{ id: number }>(sql`
    insert into users (username, display_name, email, password_hash, language)
    values ('kaisa', 'Kaisa Käsittelijä', 'kaisa@toimisto.fi', 'x', 'en') returning id`);
  ids.staff = staff!.id;
  const [parent] = await db.execute<{ id: number }>(sql`
    insert into customer_groups (name) values ('Pirkanmaa') returning id`);
  const [child] = await db.execute<{ id: number }>(sql`
    insert into customer_groups (parent_id, name) values (${parent!.id}, 'Tampere') returning id`);
  const kind = sql`(select id from customer_kinds where code = 'ASIAKAS')`;
  const [company] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, business_id, street_address, postal_code, city, email)
    values (200001, ${kind}, 'organisation', 'Esimerkki Oy', '1234567-1', 'Teollisuustie 5', '33100',
      'TAMPERE', 'info@esimerkki.fi') returning id`);
  ids.company = company!.id;
  ids.org = company!.id;
  const [person] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name, first_name, last_name, street_address, postal_code, city,
      country, phone, mobile, email, language, account_manager_id, relationship_start, notes, group_id,
      company_id, no_email)
    values (100123, ${kind}, 'person', 'Meikäläinen Matti', 'Matti', 'Meikäläinen', 'Storgatan 1', '11122',
      'STOCKHOLM', 'SE', '09 123 4567', '+358 40 123 4567', 'matti@example.fi', 'sv', ${ids.staff},
      '2019-03-01', 'Soita aamulla', ${child!.id}, ${ids.company}, true) returning id`);
  ids.person = person!.id;
  const [bare] = await db.execute<{ id: number }>(sql`
    insert into customers (number, kind_id, type, name) values (100124, ${kind}, 'person', 'Nimetön') returning id`);
  ids.bare = bare!.id;
  const [cp] = await db.execute<{ id: number }>(sql`
    insert into contact_persons (customer_id, first_name, last_name, title, email, mobile, no_sms)
    values (${ids.company}, 'Pirjo', 'Pääkkönen', 'Ostopäällikkö', 'pirjo@esimerkki.fi', '050 765 4321', true)
    returning id`);
  ids.cp = cp!.id;
  // Purchases: bookings this and last year (and an invoice and an older year, which do not count).
  await db.execute(sql`
    insert into customer_sales_years (customer_id, year, kind, destination_type_id, count, amount_cents) values
      (${ids.person}, 2026, 'booking', 0, 2, 123450), (${ids.person}, 2026, 'booking', 7, 1, 50),
      (${ids.person}, 2025, 'booking', 0, 4, 1000000), (${ids.person}, 2026, 'invoice', 0, 9, 999),
      (${ids.person}, 2024, 'booking', 0, 5, 5)`);
  const [type] = await db.execute<{ id: number }>(sql`
    insert into contact_types (code, name) values ('PU', 'Puhelu') returning id`);
  await db.execute(sql`
    insert into interactions (customer_id, contact_person_id, type_id, text, created_at) values
      (${ids.person}, null, ${type!.id}, 'vanha', '2025-01-10 12:00+02'),
      (${ids.person}, null, ${type!.id}, 'uusin', '2026-02-28 23:30+02'),
      (${ids.company}, ${ids.cp}, ${type!.id}, 'yhteyshenkilölle', '2026-05-01 08:00+03')`);
  // Admin-defined fields: a single and a multi profile field, a date one, tracking, a property, a marketing group.
  await db.execute(sql`
    with f as (insert into profile_fields (code, title, type, sort) values
      ('HARR', 'Harrastukset', 'multi', 1), ('TOIM', 'Toimiala', 'single', 2), ('SYNT', 'Syntymäpäivä', 'date', 3)
      returning id, code),
    v as (insert into profile_values (field_id, code, label, sort)
      select f.id, x.code, x.label, x.sort from f join (values ('HARR', 'GO', 'Golf', 2), ('HARR', 'TE', 'Tennis', 1),
        ('TOIM', 'PH', 'Lääketeollisuus', 1)) x(field, code, label, sort) on x.field = f.code
      returning id, field_id)
    insert into customer_profile_values (value_id, customer_id, field_id)
    select v.id, ${ids.person}::int, v.field_id from v`);
  await db.execute(sql`
    insert into customer_profile_texts (customer_id, field_id, date)
    select ${ids.person}::int, id, '1970-12-24' from profile_fields where code = 'SYNT'`);
  await db.execute(sql`
    with d as (insert into tracking_dimensions (code, name) values ('LAHDE', 'Lähde') returning id),
    v as (insert into tracking_values (dimension_id, code, name) select id, 'MESSU', 'Messut' from d returning id, dimension_id)
    insert into customer_tracking (customer_id, dimension_id, value_id) select ${ids.person}::int, dimension_id, id from v`);
  await db.execute(sql`
    with p as (insert into properties (code, name) values ('VIP', 'VIP-asiakas'), ('LEHTI', 'Asiakaslehti')
      returning id, code)
    insert into customer_properties (property_id, customer_id, value_text)
    select id, ${ids.person}::int, case when code = 'LEHTI' then 'paperi' end from p`);
  await db.execute(sql`
    with p as (insert into contact_person_properties (code, name) values ('JOULU', 'Joulukortti') returning id)
    insert into contact_person_property_links (property_id, contact_person_id) select id, ${ids.cp}::int from p`);
});
afterAll(() => database.close());

describe('the catalogue', () => {
  it('codes and merge names are unique; merge names are plain words; the import takes its fields from it', () => {
    const codes = STATIC_FIELDS.map((f) => f.code);
    const merges = STATIC_FIELDS.map((f) => f.mergeName);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(merges).size).toBe(merges.length);
    for (const m of merges) expect(m).toMatch(/^[a-z0-9_]+$/);
    for (const f of STATIC_FIELDS) {
      expect(f.label.fi, f.code).not.toMatch(/^fields\./);
      expect(f.label.en, f.code).not.toMatch(/^fields\./);
      expect(f.targets.length, f.code).toBeGreaterThan(0);
    }
    expect(STATIC_CATALOGUE.byMergeName('etunimi')?.code).toBe('firstName');
    expect(STATIC_CATALOGUE.byMergeName('nimi')?.code).toBe('fullName');
    expect(STATIC_CATALOGUE.byMergeName('asiakasnumero')?.code).toBe('number');
    expect(CUSTOMER_FIELDS.map((f) => f.key)).toEqual(
      STATIC_FIELDS.filter((f) => f.importAliases.length).map((f) => f.code),
    );
  });

  it('every static field’s SQL runs for every target type it claims', async () => {
    const catalogue = await fieldCatalogue(database.db);
    for (const targetType of TARGET_TYPES) {
      const fields = catalogue.forTarget(targetType);
      expect(fields.length).toBeGreaterThan(3);
      const id = targetType === 'staff' ? ids.staff : targetType === 'contact_person' ? ids.cp : ids.person;
      const rows = await fieldRows(database.db, { targetType, fields, targets: one(id), today: TODAY });
      expect(rows, targetType).toHaveLength(1);
      expect(rows[0]!.missing).toBe(false);
      for (const f of fields) expect(Object.hasOwn(rows[0]!, f.code), `${targetType} ${f.code}`).toBe(true);
      // Each formats to text.
      for (const [code, text] of Object.entries(formatRow(fields, rows[0]!, 'fi')))
        expect(typeof text, code).toBe('string');
    }
  });

  it('admin-defined fields appear by code, and a new one at once', async () => {
    let catalogue = await fieldCatalogue(database.db);
    const profile = catalogue.byCode('profile.HARR');
    expect(profile).toMatchObject({ mergeName: 'profiili_harr', type: 'text', section: 'profile' });
    expect(profile!.label.fi).toBe('Harrastukset');
    expect(catalogue.byCode('profile.SYNT')?.type).toBe('date');
    expect(catalogue.byCode('tracking.LAHDE')?.label.fi).toBe('Lähde');
    expect(catalogue.byCode('property.VIP')?.mergeName).toBe('ominaisuus_vip');
    expect(catalogue.byCode('contactPersonProperty.JOULU')?.targets).toEqual(['contact_person']);
    expect(catalogue.byCode('profile.HARR')?.targets).not.toContain('staff');

    await database.db.execute(
      sql`insert into profile_fields (code, title, type) values ('UUSI', 'Uusi kenttä', 'text')`,
    );
    catalogue = await fieldCatalogue(database.db);
    expect(catalogue.byCode('profile.UUSI')?.label.fi).toBe('Uusi kenttä');
  });

  it('refuses no fields, an unknown code and a field of another target type', async () => {
    const catalogue = await fieldCatalogue(database.db);
    const refused = (codes: string[], targetType: (typeof TARGET_TYPES)[number]) => {
      try {
        pickFields(catalogue, targetType, codes);
      } catch (e) {
        return e instanceof DomainError ? [e.message, e.statusCode] : e;
      }
      return null;
    };
    expect(refused([], 'person')).toEqual(['fields.none', 400]);
    expect(refused(['eiole'], 'person')).toEqual(['fields.unknownCode', 400]);
    expect(refused(['title'], 'person')).toEqual(['fields.notForTarget', 400]);
    expect(refused(['profile.HARR'], 'staff')).toEqual(['fields.notForTarget', 400]);
    expect(refused(['email', 'username'], 'staff')).toBeNull();
  });
});

describe('the row query', () => {
  const pick = async (targetType: (typeof TARGET_TYPES)[number], codes: string[]) =>
    pickFields(await fieldCatalogue(database.db), targetType, codes);

  it('a person: own fields, company, kind, group path, manager, purchases this and last year, last contact', async () => {
    const fields = await pick('person', [
      'number',
      'fullName',
      'name',
      'firstName',
      'company',
      'kind',
      'kindName',
      'group',
      'groupPath',
      'accountManager',
      'accountManagerName',
      'purchasesThisYearCount',
      'purchasesThisYearCents',
      'purchasesLastYearCount',
      'purchasesLastYearCents',
      'lastContact',
      'noEmail',
      'language',
      'relationshipStart',
      'contactPhone',
    ]);
    const [row] = await fieldRows(database.db, {
      targetType: 'person',
      fields,
      targets: one(ids.person),
      today: TODAY,
    });
    expect(row).toMatchObject({
      id: ids.person,
      number: 100123,
      fullName: 'Matti Meikäläinen',
      name: 'Meikäläinen Matti',
      firstName: 'Matti',
      company: 'Esimerkki Oy',
      kind: 'ASIAKAS',
      kindName: 'Asiakas',
      group: 'Tampere',
      groupPath: 'Pirkanmaa/Tampere',
      accountManager: 'kaisa',
      accountManagerName: 'Kaisa Käsittelijä',
      purchasesThisYearCount: 3,
      purchasesThisYearCents: 123500,
      purchasesLastYearCount: 4,
      purchasesLastYearCents: 1000000,
      lastContact: '2026-02-28',
      noEmail: true,
      language: 'sv',
      relationshipStart: '2019-03-01',
      contactPhone: '+358 40 123 4567',
    });
    const text = formatRow(fields, row!, 'fi');
    expect(text).toMatchObject({
      number: '100123',
      purchasesThisYearCount: '3',
      purchasesThisYearCents: '1\u00a0235,00\u00a0€',
      purchasesLastYearCents: '10\u00a0000,00\u00a0€',
      lastContact: '28.2.2026',
      relationshipStart: '1.3.2019',
      noEmail: 'Kyllä',
      language: 'ruotsi',
    });
    expect(formatRow(fields, row!, 'en')).toMatchObject({
      purchasesThisYearCents: '€1,235.00',
      lastContact: '28/02/2026',
      noEmail: 'Yes',
      language: 'Swedish',
    });
  });

  it('the address on lines names a foreign country; profile, tracking and property values', async () => {
    const fields = await pick('person', [
      'address',
      'country',
      'profile.HARR',
      'profile.TOIM',
      'profile.SYNT',
      'tracking.LAHDE',
      'property.VIP',
      'property.LEHTI',
    ]);
    const [row] = await fieldRows(database.db, { targetType: 'person', fields, targets: one(ids.person) });
    expect(formatRow(fields, row!, 'fi')).toEqual({
      address: 'Storgatan 1\n11122 STOCKHOLM\nRuotsi',
      country: 'Ruotsi',
      'profile.HARR': 'Tennis, Golf',
      'profile.TOIM': 'Lääketeollisuus',
      'profile.SYNT': '24.12.1970',
      'tracking.LAHDE': 'Messut',
      'property.VIP': '✓',
      'property.LEHTI': 'paperi',
    });
  });

  it('a customer with nothing: empty values, zero purchases; a deleted target is missing', async () => {
    const fields = await pick('person', [
      'fullName',
      'email',
      'purchasesThisYearCount',
      'lastContact',
      'groupPath',
    ]);
    const rows = await fieldRows(database.db, {
      targetType: 'person',
      fields,
      targets: sql`select unnest(${`{${ids.bare},2000000000}`}::int[]) as target_id`,
      today: TODAY,
    });
    expect(rows.map((r) => formatRow(fields, r, 'fi'))).toEqual([
      { fullName: 'Nimetön', email: '', purchasesThisYearCount: '0', lastContact: '', groupPath: '' },
      { fullName: '', email: '', purchasesThisYearCount: '0', lastContact: '', groupPath: '' },
    ]);
    expect(rows.map((r) => r.missing)).toEqual([false, true]);
  });

  it('a contact person: own name, title, e-mail and bans; the organisation’s number and address', async () => {
    const fields = await pick('contact_person', [
      'number',
      'fullName',
      'firstName',
      'title',
      'email',
      'noSms',
      'company',
      'streetAddress',
      'lastContact',
      'contactPersonProperty.JOULU',
    ]);
    const [row] = await fieldRows(database.db, {
      targetType: 'contact_person',
      fields,
      targets: one(ids.cp),
    });
    expect(formatRow(fields, row!, 'fi')).toEqual({
      number: '200001',
      fullName: 'Pirjo Pääkkönen',
      firstName: 'Pirjo',
      title: 'Ostopäällikkö',
      email: 'pirjo@esimerkki.fi',
      noSms: 'Kyllä',
      company: 'Esimerkki Oy',
      streetAddress: 'Teollisuustie 5',
      lastContact: '1.5.2026',
      'contactPersonProperty.JOULU': 'Kyllä',
    });
  });

  it('staff: username, name, e-mail, language', async () => {
    const fields = await pick('staff', ['username', 'fullName', 'email', 'language']);
    const [row] = await fieldRows(database.db, { targetType: 'staff', fields, targets: one(ids.staff) });
    expect(formatRow(fields, row!, 'en')).toEqual({
      username: 'kaisa',
      fullName: 'Kaisa Käsittelijä',
      email: 'kaisa@toimisto.fi',
      language: 'English',
    });
  });

  it('an organisation has no first name, and is its own company', async () => {
    const fields = await pick('organisation', ['firstName', 'fullName', 'company', 'businessId']);
    const [row] = await fieldRows(database.db, { targetType: 'organisation', fields, targets: one(ids.org) });
    expect(formatRow(fields, row!, 'fi')).toEqual({
      firstName: '',
      fullName: 'Esimerkki Oy',
      company: 'Esimerkki Oy',
      businessId: '1234567-1',
    });
  });

  it('rows come in target id order, one per target, whatever the joins', async () => {
    const catalogue = await fieldCatalogue(database.db);
    const fields: Field[] = catalogue.forTarget('person');
    const q = fieldRowsQuery({
      targetType: 'person',
      fields,
      targets: sql`select id as target_id from customers order by id desc`,
      today: TODAY,
    });
    const rows = await database.db.execute<{ id: number }>(q);
    const all = await database.db.execute<{ id: number }>(sql`select id from customers order by id`);
    expect(rows.map((r) => r.id)).toEqual(all.map((r) => r.id));
  });
});
