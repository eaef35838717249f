import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type Language, type MessageKey, translator } from '../../i18n/index.js';
import { DomainError } from '../../lib/errors.js';
import { formatDate, formatMoney, formatNumber } from '../../lib/format.js';
import { helsinkiToday, PURCHASE_KINDS } from '../sales/queries.js';
import { TARGET_TYPES, type TargetEntity, type TargetType, targetEntity } from '../workspace/targets.js';

/*
 * The field catalogue: every field a person can pick for a list, an export, an e-mail
 * merge or an import column — the target's own fields (a customer, a contact person, a
 * staff member), its customer's (a contact person's organisation), derived figures
 * (kind name, group path, account manager, purchases this and last year, last contact)
 * and the admin-defined ones (profile fields, tracking dimensions, properties), which
 * come from the database. Each field has a stable code (saved field sets, exports, API
 * `columns`), a Finnish merge name ({etunimi}), fi/en labels, a type, a formatter, the
 * SQL that reads it per target type, and the header names an import maps to it.
 *
 * `fieldRowsQuery` turns a target type, fields and a subquery of target ids into one
 * SELECT with a column per field: joins to small tables, lateral lookups by index for
 * the per-customer figures, in target id order, so a cursor can stream it.
 */

export type FieldType = 'text' | 'number' | 'money' | 'date' | 'boolean';
export type FieldSection =
  | 'basic'
  | 'purchases'
  | 'contactLog'
  | 'profile'
  | 'tracking'
  | 'property'
  | 'contactPersonProperty';

/**
 * A field's SQL per kind of target, over the row query's aliases: `c` the customer (the
 * target itself; a contact person's organisation), `cp` the contact person, `u` the
 * staff user, plus the joins the field names. A kind left out: the field does not apply.
 */
type Expressions = { customer?: SQL; contact_person?: SQL; staff?: SQL };

/** Joins a field may need; the row query adds each once. */
type Join = 'kind' | 'group' | 'groupPath' | 'manager' | 'company' | 'purchases';

export type Field = {
  /** Stable code: saved field sets, exports, API `columns`, import mappings. */
  code: string;
  /** Name as a merge field ({etunimi}): lower case letters, digits and _. */
  mergeName: string;
  label: Record<Language, string>;
  type: FieldType;
  section: FieldSection;
  /** The target types it applies to. */
  targets: readonly TargetType[];
  /** Header names (Finnish and English) an import maps to this field; empty: not imported. */
  importAliases: readonly string[];
  /** The import screen's text for the column where it says more than the label. */
  importLabel?: MessageKey;
  /** The label's message key (static fields). */
  labelKey?: MessageKey;
  /**
   * The value as text for a person or a file: Finnish or English dates (1.2.2026),
   * money (1 234,50 €), yes/no, names for codes. Empty string for no value.
   */
  format: (value: unknown, language: Language) => string;
  /** @internal SQL per kind of target. */
  readonly expressions: Expressions;
  /** @internal joins the SQL needs. */
  readonly joins: readonly Join[];
};

// ------------------------------------------------------------------ formatters

const fi = translator('fi');
const en = translator('en');
const t = (language: Language) => (language === 'fi' ? fi : en);
const isBlank = (v: unknown) => v === null || v === undefined || v === '';

const displayNames = new Map<Language, Intl.DisplayNames | null>();
/** A country's name from its ISO code in the language (Suomi, Ruotsi; Finland), or the code. */
export function countryName(code: string, language: Language = 'fi'): string {
  if (!displayNames.has(language)) {
    try {
      displayNames.set(language, new Intl.DisplayNames([language], { type: 'region' }));
    } catch {
      displayNames.set(language, null);
    }
  }
  try {
    return displayNames.get(language)?.of(code) ?? code;
  } catch {
    return code;
  }
}

const byType: Record<FieldType, Field['format']> = {
  text: (v) => (isBlank(v) ? '' : String(v)),
  number: (v, language) => (isBlank(v) ? '' : formatNumber(Number(v), language)),
  money: (v, language) => (isBlank(v) ? '' : formatMoney(Number(v), language)),
  date: (v, language) => (isBlank(v) ? '' : formatDate(v as string, language)),
  boolean: (v, language) =>
    v === null || v === undefined ? '' : t(language)(v ? 'common.yes' : 'common.no'),
};

const plain: Field['format'] = (v) => (isBlank(v) ? '' : String(v));
const translated =
  (prefix: string): Field['format'] =>
  (v, language) =>
    isBlank(v) ? '' : t(language)(`${prefix}.${v}` as MessageKey);

/**
 * The address on lines: street, postal code and city, and the country's name when it is
 * not Finland. The SQL gives [street, postal code, city, country code].
 */
const addressLines: Field['format'] = (v, language) => {
  if (!Array.isArray(v)) return '';
  const [street, postalCode, city, country] = v as (string | null)[];
  const postLine = [postalCode, city].filter(Boolean).join(' ');
  return [street ?? '', postLine, country && country !== 'FI' ? countryName(country, language) : '']
    .filter((l) => l !== '')
    .join('\n');
};

// ------------------------------------------------------------------ static fields

type StaticSpec = {
  code: string;
  mergeName: string;
  type: FieldType;
  section?: FieldSection;
  expressions: Expressions;
  joins?: Join[];
  importAliases?: string[];
  importLabel?: MessageKey;
  format?: Field['format'];
};

const customerTargets = (expression: SQL): Expressions => ({
  customer: expression,
  contact_person: expression,
});
const targetsOf = (e: Expressions): TargetType[] =>
  TARGET_TYPES.filter((type) => e[targetEntity(type)] !== undefined);

function staticField(spec: StaticSpec): Field {
  const labelKey = `fields.${spec.code}` as MessageKey;
  return {
    code: spec.code,
    mergeName: spec.mergeName,
    label: { fi: fi(labelKey), en: en(labelKey) },
    labelKey,
    type: spec.type,
    section: spec.section ?? 'basic',
    targets: targetsOf(spec.expressions),
    importAliases: spec.importAliases ?? [],
    importLabel: spec.importLabel,
    format: spec.format ?? byType[spec.type],
    expressions: spec.expressions,
    joins: spec.joins ?? [],
  };
}

const person = sql`c.type = 'person'`;
const personsOnly = (column: SQL) => sql`case when ${person} then ${column} end`;

/**
 * The fields every register has, in the order the import screen lists its columns.
 * Codes and merge names are stable: saved field sets, API clients and templates use them.
 */
export const STATIC_FIELDS: readonly Field[] = [
  staticField({
    code: 'externalId',
    mergeName: 'ulkoinen_tunniste',
    type: 'text',
    expressions: customerTargets(sql`c.external_id`),
    importAliases: [
      'externalid',
      'external id',
      'ulkoinen tunnus',
      'ulkoinen tunniste',
      'ulkoinen id',
      'ext id',
    ],
  }),
  staticField({
    code: 'number',
    mergeName: 'asiakasnumero',
    type: 'number',
    expressions: customerTargets(sql`c.number`),
    // A customer number is an identifier: no thousands separator.
    format: plain,
    importAliases: [
      'number',
      'customer number',
      'customerno',
      'asiakasnumero',
      'asiakasnro',
      'asiakas nro',
      'numero',
      'nro',
    ],
  }),
  staticField({
    code: 'kind',
    mergeName: 'asiakaslajikoodi',
    type: 'text',
    expressions: customerTargets(sql`k.code`),
    joins: ['kind'],
    importAliases: ['kind', 'customer kind', 'asiakaslaji', 'laji'],
  }),
  staticField({
    code: 'kindName',
    mergeName: 'asiakaslaji',
    type: 'text',
    expressions: customerTargets(sql`k.name`),
    joins: ['kind'],
  }),
  staticField({
    code: 'type',
    mergeName: 'asiakastyyppi',
    type: 'text',
    expressions: customerTargets(sql`c.type::text`),
    format: translated('type'),
    importAliases: ['type', 'customer type', 'tyyppi', 'asiakastyyppi'],
    importLabel: 'imports.customers.type',
  }),
  staticField({
    code: 'fullName',
    mergeName: 'nimi',
    type: 'text',
    expressions: {
      customer: sql`case when ${person}
        then coalesce(nullif(concat_ws(' ', nullif(c.first_name, ''), nullif(c.last_name, '')), ''), c.name)
        else c.name end`,
      contact_person: sql`concat_ws(' ', nullif(cp.first_name, ''), nullif(cp.last_name, ''))`,
      staff: sql`u.display_name`,
    },
  }),
  staticField({
    code: 'name',
    mergeName: 'lajittelunimi',
    type: 'text',
    expressions: {
      customer: sql`c.name`,
      contact_person: sql`cp.last_name || ' ' || cp.first_name`,
      staff: sql`u.display_name`,
    },
    importAliases: [
      'name',
      'organisation',
      'organization',
      'company',
      'company name',
      'nimi',
      'yritys',
      'organisaatio',
      'yrityksen nimi',
    ],
    importLabel: 'imports.customers.name',
  }),
  staticField({
    code: 'firstName',
    mergeName: 'etunimi',
    type: 'text',
    expressions: { customer: personsOnly(sql`c.first_name`), contact_person: sql`cp.first_name` },
    importAliases: ['first name', 'firstname', 'given name', 'etunimi', 'etunimet'],
  }),
  staticField({
    code: 'lastName',
    mergeName: 'sukunimi',
    type: 'text',
    expressions: { customer: personsOnly(sql`c.last_name`), contact_person: sql`cp.last_name` },
    importAliases: ['last name', 'lastname', 'surname', 'family name', 'sukunimi'],
  }),
  staticField({
    code: 'title',
    mergeName: 'titteli',
    type: 'text',
    expressions: { contact_person: sql`cp.title` },
  }),
  staticField({
    code: 'username',
    mergeName: 'kayttajatunnus',
    type: 'text',
    expressions: { staff: sql`u.username` },
  }),
  staticField({
    code: 'company',
    mergeName: 'yritys',
    type: 'text',
    // A person's company; an organisation (and a contact person's organisation) itself.
    expressions: customerTargets(sql`case when ${person} then co.name else c.name end`),
    joins: ['company'],
  }),
  staticField({
    code: 'businessId',
    mergeName: 'ytunnus',
    type: 'text',
    expressions: customerTargets(sql`c.business_id`),
    importAliases: ['business id', 'businessid', 'y-tunnus', 'ytunnus', 'y tunnus'],
  }),
  staticField({
    code: 'streetAddress',
    mergeName: 'katuosoite',
    type: 'text',
    expressions: customerTargets(sql`c.street_address`),
    importAliases: [
      'street address',
      'streetaddress',
      'address',
      'street',
      'katuosoite',
      'lähiosoite',
      'osoite',
    ],
  }),
  staticField({
    code: 'postalCode',
    mergeName: 'postinumero',
    type: 'text',
    expressions: customerTargets(sql`c.postal_code`),
    importAliases: ['postal code', 'postalcode', 'postcode', 'zip', 'zip code', 'postinumero', 'postinro'],
  }),
  staticField({
    code: 'city',
    mergeName: 'postitoimipaikka',
    type: 'text',
    expressions: customerTargets(sql`c.city`),
    importAliases: [
      'city',
      'town',
      'postitoimipaikka',
      'toimipaikka',
      'kaupunki',
      'paikkakunta',
      'postitoimipaikka',
    ],
  }),
  staticField({
    code: 'postalCity',
    mergeName: 'postinumero_ja_toimipaikka',
    type: 'text',
    expressions: customerTargets(
      sql`nullif(trim(coalesce(c.postal_code, '') || ' ' || coalesce(c.city, '')), '')`,
    ),
  }),
  staticField({
    code: 'country',
    mergeName: 'maa',
    type: 'text',
    expressions: customerTargets(sql`c.country::text`),
    format: (v, language) => (isBlank(v) ? '' : countryName(String(v), language)),
    importAliases: ['country', 'country code', 'maa', 'maakoodi'],
  }),
  staticField({
    code: 'countryCode',
    mergeName: 'maakoodi',
    type: 'text',
    expressions: customerTargets(sql`c.country::text`),
  }),
  staticField({
    code: 'address',
    mergeName: 'osoite',
    type: 'text',
    expressions: customerTargets(
      sql`json_build_array(c.street_address, c.postal_code, c.city, c.country::text)`,
    ),
    format: addressLines,
  }),
  staticField({
    code: 'phone',
    mergeName: 'puhelinnumero',
    type: 'text',
    expressions: { customer: sql`c.phone`, contact_person: sql`cp.phone` },
    importAliases: ['phone', 'telephone', 'tel', 'puhelin', 'puhelinnumero'],
  }),
  staticField({
    code: 'mobile',
    mergeName: 'matkapuhelin',
    type: 'text',
    expressions: { customer: sql`c.mobile`, contact_person: sql`cp.mobile` },
    importAliases: ['mobile', 'mobile phone', 'cell', 'matkapuhelin', 'gsm', 'kännykkä', 'mobiili'],
  }),
  staticField({
    code: 'contactPhone',
    mergeName: 'puhelin',
    type: 'text',
    expressions: {
      customer: sql`coalesce(c.mobile, c.phone)`,
      contact_person: sql`coalesce(cp.mobile, cp.phone)`,
    },
  }),
  staticField({
    code: 'email',
    mergeName: 'sahkoposti',
    type: 'text',
    expressions: { customer: sql`c.email`, contact_person: sql`cp.email`, staff: sql`u.email` },
    importAliases: ['email', 'e-mail', 'email address', 'sähköposti', 'sposti'],
  }),
  staticField({
    code: 'language',
    mergeName: 'kieli',
    type: 'text',
    expressions: {
      customer: sql`c.language::text`,
      contact_person: sql`cp.language::text`,
      staff: sql`u.language::text`,
    },
    format: translated('lang'),
    importAliases: ['language', 'kieli', 'asiointikieli'],
  }),
  staticField({
    code: 'relationshipStart',
    mergeName: 'asiakkuuden_alku',
    type: 'date',
    expressions: customerTargets(sql`c.relationship_start`),
    importAliases: [
      'relationship start',
      'customer since',
      'asiakkuuden alku',
      'asiakkuus alkanut',
      'asiakkuuden alkupäivä',
      'asiakas alkaen',
    ],
  }),
  staticField({
    code: 'notes',
    mergeName: 'muistiinpanot',
    type: 'text',
    expressions: { customer: sql`c.notes`, contact_person: sql`cp.notes` },
    importAliases: ['notes', 'note', 'muistiinpanot', 'lisätiedot', 'huomautukset'],
  }),
  staticField({
    code: 'group',
    mergeName: 'asiakasryhma',
    type: 'text',
    expressions: customerTargets(sql`g.name`),
    joins: ['group'],
    importAliases: ['group', 'customer group', 'asiakasryhmä', 'ryhmä'],
    importLabel: 'imports.customers.group',
  }),
  staticField({
    code: 'groupPath',
    mergeName: 'asiakasryhman_polku',
    type: 'text',
    expressions: customerTargets(sql`gp.path`),
    joins: ['groupPath'],
  }),
  staticField({
    code: 'accountManager',
    mergeName: 'vastuuvirkailijan_tunnus',
    type: 'text',
    expressions: customerTargets(sql`am.username`),
    joins: ['manager'],
    importAliases: ['account manager', 'vastuuvirkailija', 'vastuumyyjä', 'asiakasvastaava', 'myyjä'],
    importLabel: 'imports.customers.accountManager',
  }),
  staticField({
    code: 'accountManagerName',
    mergeName: 'vastuuvirkailija',
    type: 'text',
    expressions: customerTargets(sql`am.display_name`),
    joins: ['manager'],
  }),
  staticField({
    code: 'noMarketing',
    mergeName: 'suoramarkkinointikielto',
    type: 'boolean',
    expressions: { customer: sql`c.no_marketing`, contact_person: sql`cp.no_marketing` },
  }),
  staticField({
    code: 'noEmail',
    mergeName: 'sahkopostikielto',
    type: 'boolean',
    expressions: { customer: sql`c.no_email`, contact_person: sql`cp.no_email` },
  }),
  staticField({
    code: 'noSms',
    mergeName: 'tekstiviestikielto',
    type: 'boolean',
    expressions: { customer: sql`c.no_sms`, contact_person: sql`cp.no_sms` },
  }),
  ...(
    [
      ['purchasesThisYearCount', 'ostot_tana_vuonna_kpl', 'number', 'this_count'],
      ['purchasesThisYearCents', 'ostot_tana_vuonna_summa', 'money', 'this_cents'],
      ['purchasesLastYearCount', 'ostot_viime_vuonna_kpl', 'number', 'last_count'],
      ['purchasesLastYearCents', 'ostot_viime_vuonna_summa', 'money', 'last_cents'],
    ] as const
  ).map(([code, mergeName, type, column]) =>
    staticField({
      code,
      mergeName,
      type,
      section: 'purchases',
      expressions: customerTargets(sql`coalesce(pu.${sql.identifier(column)}, 0)`),
      joins: ['purchases'],
    }),
  ),
  staticField({
    code: 'lastContact',
    mergeName: 'viimeisin_kontakti',
    type: 'date',
    section: 'contactLog',
    // A customer's newest contact-log entry; a contact person's own newest one.
    expressions: {
      customer: sql`(select (max(i.created_at) at time zone 'Europe/Helsinki')::date
        from interactions i where i.customer_id = c.id)`,
      contact_person: sql`(select (max(i.created_at) at time zone 'Europe/Helsinki')::date
        from interactions i where i.contact_person_id = cp.id)`,
    },
  }),
];

const STATIC_BY_CODE = new Map(STATIC_FIELDS.map((f) => [f.code, f]));

/** A static field by code (no database needed: the import and document merges use these). */
export function staticFieldByCode(code: string): Field | undefined {
  return STATIC_BY_CODE.get(code);
}

// ------------------------------------------------------------------ dynamic fields

/** A code as part of a merge name: lower case, anything but letters, digits and _ as _. */
const mergePart = (code: string) => code.toLowerCase().replace(/[^\p{L}\p{N}_]/gu, '_');

type DynamicRow = { kind: string; id: number; code: string; name: string; subtype: string | null };

function dynamicField(r: DynamicRow): Field {
  const label = { fi: r.name, en: r.name };
  const base = { label, importAliases: [] as string[], joins: [] as Join[] };
  switch (r.kind) {
    case 'profile': {
      const type: FieldType = r.subtype === 'date' ? 'date' : 'text';
      const value =
        r.subtype === 'single' || r.subtype === 'multi'
          ? sql`(select string_agg(v.label, ', ' order by v.sort, v.id) from customer_profile_values pv
              join profile_values v on v.id = pv.value_id where pv.customer_id = c.id and pv.field_id = ${r.id}::int)`
          : r.subtype === 'date'
            ? sql`(select pt.date from customer_profile_texts pt where pt.customer_id = c.id and pt.field_id = ${r.id}::int)`
            : sql`(select pt.text from customer_profile_texts pt where pt.customer_id = c.id and pt.field_id = ${r.id}::int)`;
      const expressions = customerTargets(value);
      return {
        ...base,
        code: `profile.${r.code}`,
        mergeName: `profiili_${mergePart(r.code)}`,
        type,
        section: 'profile',
        targets: targetsOf(expressions),
        format: byType[type],
        expressions,
      };
    }
    case 'tracking': {
      const expressions = customerTargets(sql`(select v.name from customer_tracking ct
        join tracking_values v on v.id = ct.value_id where ct.customer_id = c.id and ct.dimension_id = ${r.id}::int)`);
      return {
        ...base,
        code: `tracking.${r.code}`,
        mergeName: `seuranta_${mergePart(r.code)}`,
        type: 'text',
        section: 'tracking',
        targets: targetsOf(expressions),
        format: byType.text,
        expressions,
      };
    }
    case 'property': {
      // The property's value text, or ✓ when it has none (as the card shows it).
      const expressions = customerTargets(sql`(select coalesce(p.value_text, '✓') from customer_properties p
        where p.customer_id = c.id and p.property_id = ${r.id}::int)`);
      return {
        ...base,
        code: `property.${r.code}`,
        mergeName: `ominaisuus_${mergePart(r.code)}`,
        type: 'text',
        section: 'property',
        targets: targetsOf(expressions),
        format: byType.text,
        expressions,
      };
    }
    default: {
      const expressions: Expressions = {
        contact_person: sql`exists (select 1 from contact_person_property_links l
          where l.contact_person_id = cp.id and l.property_id = ${r.id}::int)`,
      };
      return {
        ...base,
        code: `contactPersonProperty.${r.code}`,
        mergeName: `markkinointiryhma_${mergePart(r.code)}`,
        type: 'boolean',
        section: 'contactPersonProperty',
        targets: targetsOf(expressions),
        format: byType.boolean,
        expressions,
      };
    }
  }
}

export type FieldCatalogue = {
  /** Static fields first (in their order), then profile fields, tracking, properties, marketing groups. */
  fields: readonly Field[];
  byCode: (code: string) => Field | undefined;
  byMergeName: (name: string) => Field | undefined;
  /** The fields that apply to a target type, in catalogue order. */
  forTarget: (targetType: TargetType) => Field[];
};

function catalogueOf(fields: Field[]): FieldCatalogue {
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const byMerge = new Map(fields.map((f) => [f.mergeName, f]));
  return {
    fields,
    byCode: (code) => byCode.get(code),
    byMergeName: (name) => byMerge.get(name),
    forTarget: (targetType) => fields.filter((f) => f.targets.includes(targetType)),
  };
}

/**
 * The catalogue as the database has it now: the static fields and one field per profile
 * field, tracking dimension, property and contact-person property, read in one small
 * query (no cache: a settings change shows at once).
 */
export async function fieldCatalogue(db: Db): Promise<FieldCatalogue> {
  const rows = await db.execute<DynamicRow>(sql`
    select * from (
      select 'profile' as kind, id, code::text, title as name, type::text as subtype, 1 as part, sort from profile_fields
      union all select 'tracking', id, code, name, null, 2, sort from tracking_dimensions
      union all select 'property', id, code, name, null, 3, 0 from properties
      union all select 'contactPersonProperty', id, code, name, null, 4, 0 from contact_person_properties
    ) x order by part, sort, code`);
  return catalogueOf([...STATIC_FIELDS, ...rows.map(dynamicField)]);
}

/** The static fields alone as a catalogue (for code that needs no admin-defined fields). */
export const STATIC_CATALOGUE: FieldCatalogue = catalogueOf([...STATIC_FIELDS]);

// ------------------------------------------------------------------ picking fields

/**
 * The fields of `codes` for a target type, in the order given. Refuses no codes, an
 * unknown code and a field that does not apply to the target type (DomainError, 400).
 */
export function pickFields(catalogue: FieldCatalogue, targetType: TargetType, codes: readonly string[]) {
  if (!codes.length) throw new DomainError('fields.none', 400);
  return codes.map((code) => {
    const field = catalogue.byCode(code);
    if (!field) throw new DomainError('fields.unknownCode', 400, { code: code.slice(0, 80) });
    if (!field.targets.includes(targetType))
      throw new DomainError('fields.notForTarget', 400, { code, targetType });
    return field;
  });
}

// ------------------------------------------------------------------ the row query

export type FieldRowsQuery = {
  targetType: TargetType;
  fields: readonly Field[];
  /** A subquery with a `target_id` column: the selection, a list page, one id. */
  targets: SQL;
  /** Language of names that have two (the kind's name); default Finnish. */
  language?: Language;
  /** Today (yyyy-mm-dd, Helsinki): decides "this year" of the purchase figures. */
  today?: string;
};

/**
 * The target rows, looked up per target id. Each lookup is a lateral subquery with a
 * `limit` (one row by primary key), which the planner cannot pull up: so it never joins
 * the whole customers table to the small tables first and the targets to that after.
 */
const BASE: Record<TargetEntity, SQL> = {
  customer: sql`left join lateral (select * from customers where id = t.target_id limit 1) c on true`,
  contact_person: sql`left join lateral (select * from contact_persons where id = t.target_id limit 1) cp on true
    left join lateral (select * from customers where id = cp.customer_id limit 1) c on true`,
  staff: sql`left join lateral (select * from users where id = t.target_id limit 1) u on true`,
};

const MISSING: Record<TargetEntity, SQL> = {
  customer: sql`c.id is null`,
  contact_person: sql`cp.id is null`,
  staff: sql`u.id is null`,
};

function joinSql(join: Join, q: FieldRowsQuery): SQL {
  switch (join) {
    case 'kind':
      return sql`left join (select id, code, ${q.language === 'en' ? sql`name_en` : sql`name_fi`} as name
        from customer_kinds) k on k.id = c.kind_id`;
    case 'group':
      return sql`left join customer_groups g on g.id = c.group_id`;
    case 'groupPath':
      return sql`left join group_paths gp on gp.id = c.group_id`;
    case 'manager':
      return sql`left join users am on am.id = c.account_manager_id`;
    case 'company':
      return sql`left join customers co on co.id = c.company_id`;
    case 'purchases': {
      const year = Number((q.today ?? helsinkiToday()).slice(0, 4));
      const kinds = `{${PURCHASE_KINDS.join(',')}}`;
      // The purchase figures of R-CARD-6: bookings, by the year of the purchase.
      return sql`left join lateral (
        select sum(s.count) filter (where s.year = ${year}::int)::int as this_count,
          sum(s.amount_cents) filter (where s.year = ${year}::int)::float8 as this_cents,
          sum(s.count) filter (where s.year = ${year - 1}::int)::int as last_count,
          sum(s.amount_cents) filter (where s.year = ${year - 1}::int)::float8 as last_cents
        from customer_sales_years s
        where s.customer_id = c.id and s.year between ${year - 1}::int and ${year}::int
          and s.kind = any(${kinds}::sales_document_kind[])) pu on true`;
    }
  }
}

/**
 * One SELECT of the fields for the targets: `id` (the target id), `missing` (the target
 * no longer exists) and one column per field named by its code, in target id order.
 * The fields must apply to the target type (pickFields checks). Values are raw: pass
 * them to each field's `format`.
 */
export function fieldRowsQuery(q: FieldRowsQuery): SQL {
  const entity = targetEntity(q.targetType);
  const joins = [...new Set(q.fields.flatMap((f) => f.joins))];
  const columns = q.fields.map((f) => {
    const expression = f.expressions[entity];
    if (!expression)
      throw new DomainError('fields.notForTarget', 400, { code: f.code, targetType: q.targetType });
    return sql`${expression} as ${sql.identifier(f.code)}`;
  });
  const paths = joins.includes('groupPath')
    ? sql`with recursive group_paths (id, path) as (
        select id, name::text from customer_groups where parent_id is null
        union all
        select g.id, p.path || '/' || g.name from customer_groups g join group_paths p on p.id = g.parent_id)`
    : sql``;
  return sql`${paths}
    select t.target_id as id, ${MISSING[entity]} as missing
      ${columns.length ? sql`, ${sql.join(columns, sql`, `)}` : sql``}
    from (${q.targets}) t
    ${BASE[entity]}
    ${sql.join(
      joins.map((j) => joinSql(j, q)),
      sql` `,
    )}
    order by t.target_id`;
}

export type FieldRow = { id: number; missing: boolean } & Record<string, unknown>;

/** The rows of a small set (a page, one customer) at once; big ones go through a cursor. */
export async function fieldRows(db: Db, q: FieldRowsQuery): Promise<FieldRow[]> {
  return [...(await db.execute<FieldRow>(fieldRowsQuery(q)))];
}

/** A row's values as text, by field code, in the language. */
export function formatRow(fields: readonly Field[], row: Record<string, unknown>, language: Language) {
  return Object.fromEntries(fields.map((f) => [f.code, f.format(row[f.code], language)]));
}
