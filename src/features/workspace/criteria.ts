import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { intArray } from '../../db/sql.js';
import type { MessageKey } from '../../i18n/fi.js';
import { PG_INT_MAX } from '../../lib/ids.js';
import type { TargetType } from './targets.js';

/*
 * The search criteria of the CRM workspace (R-WS-2, R-WS-9): one JSON-serialisable object
 * that the /crm form produces and the API takes, with codes (not database ids) for
 * everything that has one. `compileSearch` checks it, turns the codes into ids and builds
 * one parameterised SELECT of target_id for a target type (R-WS-1). Every
 * criterion given must hold (AND).
 */

const BAN_CODES = ['NO_MARKETING', 'NO_SMS', 'NO_EMAIL'] as const;
const PURCHASE_KINDS = ['booking', 'sales_order', 'invoice', 'any'] as const;

const code = z.string().trim().min(1).max(60);
const codes = z.array(code).min(1).max(200);
const isoDate = z.iso.date();
const dateRange = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });
const count = z.number().int().min(0).max(1_000_000_000);
const cents = z.number().int().min(-1e14).max(1e14);
const year = z.number().int().min(1900).max(2200);

const profileCriterion = z.strictObject({
  field: code,
  /** single/multi fields: the customer has one of these values (all of them with `all`). */
  values: codes.optional(),
  all: z.boolean().optional(),
  /** date fields: the date is in this range (both ends included). */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** memo and text-line fields: the text contains this (case-insensitive). */
  contains: z.string().trim().min(1).max(200).optional(),
});

const purchaseCriterion = z.strictObject({
  /** Destination type code (kohdetyyppi), e.g. "F1"; any type when left out. */
  destinationType: code.optional(),
  /** Which documents count: bookings (default), sales orders, invoices, or any of them. */
  kind: z.enum(PURCHASE_KINDS).optional(),
  /** Whether `year`/`from`/`to` are of the travel start or of the purchase (document) date. */
  dates: z.enum(['purchase', 'travel']).optional(),
  year: year.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** How many matching documents; at least 1 unless minCount says 0. */
  minCount: count.optional(),
  maxCount: count.optional(),
  /** Sum of the matching documents' amounts, in cents. */
  minAmountCents: cents.optional(),
  maxAmountCents: cents.optional(),
});

const contactLogCriterion = z.strictObject({
  /** true (default): has an entry matching the rest; false: has none. */
  exists: z.boolean().optional(),
  /** Username of the staff member who wrote the entry. */
  createdBy: code.optional(),
  /** Contact type code, e.g. "LS". */
  type: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

export const criteriaSchema = z.strictObject({
  /** Postal code range; `to` also covers the codes it begins ("33" to "33" = 33000–33999). */
  postalCode: z
    .strictObject({
      from: z.string().trim().min(1).max(12).optional(),
      to: z.string().trim().min(1).max(12).optional(),
    })
    .optional(),
  city: z.string().trim().min(1).max(100).optional(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((v) => v.toUpperCase())
    .optional(),
  /** Customer kind codes: any of them. */
  kinds: codes.optional(),
  /** Customer groups by id, name or path "Parent/Child": any of them, subgroups included. */
  groups: z
    .array(z.union([z.number().int().positive().max(PG_INT_MAX), code]))
    .min(1)
    .max(200)
    .optional(),
  /** Username of the account manager. */
  accountManager: code.optional(),
  relationshipStart: dateRange.optional(),
  /** Recipient has (true) or has no (false) e-mail address / mobile number. */
  hasEmail: z.boolean().optional(),
  hasMobile: z.boolean().optional(),
  /** Leave out recipients with these marketing bans. */
  excludeBans: z.array(z.enum(BAN_CODES)).max(3).optional(),
  /** Archived customers are left out unless this is true. */
  includeArchived: z.boolean().optional(),
  /** Tracking values (seurantakohteet): per dimension, one of the values. */
  tracking: z
    .array(z.strictObject({ dimension: code, values: codes }))
    .max(50)
    .optional(),
  /** Customer property codes (ominaisuudet): all of them. */
  properties: codes.optional(),
  /** Contact-person property codes (markkinointiryhmät): all of them. */
  contactPersonProperties: codes.optional(),
  profiles: z.array(profileCriterion).max(100).optional(),
  purchases: z.array(purchaseCriterion).max(20).optional(),
  contactLog: z.array(contactLogCriterion).max(20).optional(),
  /** Target type contact_person only: the contact person's own fields. */
  contactPerson: z.strictObject({ title: z.string().trim().min(1).max(100).optional() }).optional(),
});

export type Criteria = z.infer<typeof criteriaSchema>;
export type CriteriaInput = z.input<typeof criteriaSchema>;
export type PurchaseCriterion = z.infer<typeof purchaseCriterion>;
export type ContactLogCriterion = z.infer<typeof contactLogCriterion>;
export type ProfileCriterion = z.infer<typeof profileCriterion>;

export type Problem = { key: MessageKey; params?: Record<string, string | number> };
/** Path in the criteria JSON ("purchases[0].destinationType") → what is wrong there. */
export type Problems = Record<string, Problem>;

/** The criteria could not be used: every problem found, by path. Nothing was searched. */
export class CriteriaError extends Error {
  statusCode = 400;
  constructor(public readonly problems: Problems) {
    super('workspace.criteria.invalid');
  }
}

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)),
    '',
  );

/** Checks the shape (types, unknown keys, formats); throws CriteriaError. */
export function parseCriteria(input: unknown): Criteria {
  const result = criteriaSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems: Problems = {};
  for (const issue of result.error.issues) {
    const at = pathOf(issue.path) || 'criteria';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const p = at === 'criteria' ? key : `${at}.${key}`;
        problems[p] ??= { key: 'workspace.criteria.unknownKey', params: { key: p } };
      }
      continue;
    }
    if (problems[at]) continue;
    if (issue.code === 'invalid_format' && issue.format === 'date')
      problems[at] = { key: 'workspace.criteria.date', params: { path: at } };
    else if (issue.code === 'invalid_type')
      problems[at] = { key: 'workspace.criteria.type', params: { path: at, expected: issue.expected } };
    else if (issue.code === 'invalid_value')
      problems[at] = {
        key: 'workspace.criteria.choice',
        params: { path: at, choices: issue.values.map(String).join(', ') },
      };
    else if (issue.code === 'too_big' || issue.code === 'too_small')
      problems[at] = { key: 'workspace.criteria.size', params: { path: at } };
    else problems[at] = { key: 'workspace.criteria.value', params: { path: at } };
  }
  throw new CriteriaError(problems);
}

// ------------------------------------------------------------------ code lookups

type Lookup = Map<string, number>;
const up = (s: string) => s.trim().toUpperCase();

async function lookup(db: Db, query: SQL): Promise<Lookup> {
  const rows = await db.execute<{ code: string; id: number }>(query);
  return new Map(rows.map((r) => [up(r.code), r.id]));
}

type GroupRow = { id: number; parentId: number | null; name: string };

/** Everything the criteria name, fetched in a handful of small queries (only what is used). */
async function loadCodes(db: Db, c: Criteria) {
  const needs = {
    kinds: !!c.kinds,
    groups: !!c.groups,
    users: !!c.accountManager || !!c.contactLog?.some((l) => l.createdBy),
    tracking: !!c.tracking,
    properties: !!c.properties,
    cpProperties: !!c.contactPersonProperties,
    profiles: !!c.profiles,
    destinations: !!c.purchases?.some((p) => p.destinationType),
    contactTypes: !!c.contactLog?.some((l) => l.type),
  };
  const none = Promise.resolve(new Map() as Lookup);
  const [kinds, users, tracking, properties, cpProperties, destinations, contactTypes, groups, profiles] =
    await Promise.all([
      needs.kinds ? lookup(db, sql`select code, id from customer_kinds`) : none,
      needs.users ? lookup(db, sql`select username as code, id from users`) : none,
      needs.tracking
        ? lookup(
            db,
            sql`select d.code || ':' || v.code as code, v.id from tracking_values v
            join tracking_dimensions d on d.id = v.dimension_id
            union all select code || ':', -id from tracking_dimensions`,
          )
        : none,
      needs.properties ? lookup(db, sql`select code, id from properties`) : none,
      needs.cpProperties ? lookup(db, sql`select code, id from contact_person_properties`) : none,
      needs.destinations ? lookup(db, sql`select code, id from destination_types`) : none,
      needs.contactTypes ? lookup(db, sql`select code, id from contact_types`) : none,
      needs.groups
        ? db.execute<GroupRow>(sql`select id, parent_id as "parentId", name from customer_groups`)
        : Promise.resolve([] as GroupRow[]),
      needs.profiles
        ? db.execute<{ id: number; code: string; type: string; values: { id: number; code: string }[] }>(sql`
            select f.id, f.code, f.type::text as type,
              coalesce(json_agg(json_build_object('id', v.id, 'code', v.code)) filter (where v.id is not null), '[]') as values
            from profile_fields f left join profile_values v on v.field_id = f.id group by f.id`)
        : Promise.resolve([]),
    ]);
  return {
    kinds,
    users,
    tracking,
    properties,
    cpProperties,
    destinations,
    contactTypes,
    groups: [...groups],
    profiles: new Map([...profiles].map((f) => [up(f.code), f])),
  };
}

/** The group ids a group reference (id, name or "Parent/Child" path) stands for, subgroups included. */
function resolveGroup(groups: GroupRow[], ref: number | string): { ids?: number[]; problem?: Problem } {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const pathOfGroup = (g: GroupRow): string => {
    const names: string[] = [];
    for (let x: GroupRow | undefined = g; x; x = x.parentId === null ? undefined : byId.get(x.parentId))
      names.unshift(x.name);
    return names.join('/');
  };
  let matches: GroupRow[];
  if (typeof ref === 'number') matches = groups.filter((g) => g.id === ref);
  else {
    const wanted = ref
      .split('/')
      .map((s) => s.trim().toLowerCase())
      .join('/');
    matches = wanted.includes('/')
      ? groups.filter((g) => pathOfGroup(g).toLowerCase() === wanted)
      : groups.filter((g) => g.name.trim().toLowerCase() === wanted);
  }
  if (matches.length === 0)
    return { problem: { key: 'workspace.criteria.unknownGroup', params: { code: String(ref) } } };
  if (matches.length > 1)
    return {
      problem: {
        key: 'workspace.criteria.ambiguousGroup',
        params: { code: String(ref), paths: matches.map(pathOfGroup).join(', ') },
      },
    };
  const ids = [matches[0]!.id];
  for (let i = 0; i < ids.length; i++) for (const g of groups) if (g.parentId === ids[i]) ids.push(g.id);
  return { ids };
}

/** The lowest postal code above every code that begins with `to` ("33" → "34", "33999" → "34000"). */
export function postalUpperBound(to: string): string | null {
  if (!/^\d+$/.test(to)) return null;
  const next = (BigInt(to) + 1n).toString();
  return next.length > to.length ? null : next.padStart(to.length, '0');
}

/** `from` comes after every code `to` covers. */
export function postalRangeReversed(from: string, to: string): boolean {
  return from.slice(0, to.length).toUpperCase() > to.toUpperCase();
}

// ------------------------------------------------------------------ compiling

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const and = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

type Resolved = {
  /** Conditions on the customer row `c` (the ward, for guardians). */
  customer: SQL[];
  /** Whether any criterion beyond "not archived" was given for customers. */
  customerCriteria: boolean;
  /** Conditions on the recipient: bans, e-mail, mobile. */
  recipient: { excludeBans: (typeof BAN_CODES)[number][]; hasEmail?: boolean; hasMobile?: boolean };
  contactPersonProperties: number[];
  contactPersonTitle?: string;
};

const banColumn = { NO_MARKETING: 'no_marketing', NO_SMS: 'no_sms', NO_EMAIL: 'no_email' } as const;

/** Recipient conditions on table alias `alias` (customers or contact_persons both have these columns). */
function recipientConditions(alias: string, r: Resolved['recipient'], mobile = true): SQL[] {
  const a = sql.identifier(alias);
  const out: SQL[] = [];
  for (const ban of r.excludeBans) out.push(sql`not ${a}.${sql.identifier(banColumn[ban])}`);
  if (r.hasEmail !== undefined)
    out.push(r.hasEmail ? sql`coalesce(${a}.email, '') <> ''` : sql`coalesce(${a}.email, '') = ''`);
  if (mobile && r.hasMobile !== undefined)
    out.push(r.hasMobile ? sql`coalesce(${a}.mobile, '') <> ''` : sql`coalesce(${a}.mobile, '') = ''`);
  return out;
}

function purchaseCondition(p: PurchaseCriterion, destinationId: number | undefined): SQL {
  const kind = p.kind ?? 'booking';
  const basis = p.dates ?? 'purchase';
  const from = p.year !== undefined ? `${p.year}-01-01` : p.from;
  const to = p.year !== undefined ? `${p.year}-12-31` : p.to;
  const wholeYears = (!from || from.endsWith('-01-01')) && (!to || to.endsWith('-12-31'));
  const minCount = p.minCount ?? 1;
  const holds = (n: number, s: number) =>
    n >= minCount &&
    (p.maxCount === undefined || n <= p.maxCount) &&
    (p.minAmountCents === undefined || s >= p.minAmountCents) &&
    (p.maxAmountCents === undefined || s <= p.maxAmountCents);

  const filters: SQL[] = [];
  let countExpr: SQL;
  let sumExpr: SQL;
  let table: SQL;
  if (basis === 'purchase' && wholeYears) {
    // Per-customer, per-year figures: one index range per destination type (or year).
    table = sql`customer_sales_years`;
    if (destinationId !== undefined) filters.push(sql`destination_type_id = ${destinationId}`);
    if (from) filters.push(sql`year >= ${Number(from.slice(0, 4))}`);
    if (to) filters.push(sql`year <= ${Number(to.slice(0, 4))}`);
    if (kind !== 'any') filters.push(sql`kind = ${kind}`);
    filters.push(sql`count > 0`);
    countExpr = sql`sum(count)`;
    sumExpr = sql`sum(amount_cents)`;
  } else {
    table = sql`sales_documents`;
    const column = basis === 'travel' ? sql`travel_start` : sql`date`;
    if (destinationId !== undefined) filters.push(sql`destination_type_id = ${destinationId}`);
    if (from) filters.push(sql`${column} >= ${from}::date`);
    if (to) filters.push(sql`${column} <= ${to}::date`);
    if (basis === 'travel' && !from && !to) filters.push(sql`travel_start is not null`);
    if (kind !== 'any') filters.push(sql`kind = ${kind}`);
    countExpr = sql`count(*)`;
    sumExpr = sql`sum(amount_cents)`;
  }
  const having: SQL[] = [];
  if (minCount > 1) having.push(sql`${countExpr} >= ${minCount}`);
  if (p.maxCount !== undefined) having.push(sql`${countExpr} <= ${p.maxCount}`);
  if (p.minAmountCents !== undefined) having.push(sql`${sumExpr} >= ${p.minAmountCents}`);
  if (p.maxAmountCents !== undefined) having.push(sql`${sumExpr} <= ${p.maxAmountCents}`);

  if (holds(0, 0)) {
    // Customers without any matching document qualify too: leave out those whose figures fail.
    if (!having.length) return sql`true`;
    return sql`c.id not in (select customer_id from ${table} where ${and(filters)}
      group by customer_id having not (${and(having)}))`;
  }
  if (!having.length) return sql`c.id in (select customer_id from ${table} where ${and(filters)})`;
  return sql`c.id in (select customer_id from ${table} where ${and(filters)}
    group by customer_id having ${and(having)})`;
}

function contactLogCondition(l: ContactLogCriterion, typeId?: number, userId?: number): SQL {
  const filters: SQL[] = [];
  if (typeId !== undefined) filters.push(sql`type_id = ${typeId}`);
  if (userId !== undefined) filters.push(sql`created_by = ${userId}`);
  if (l.from) filters.push(sql`created_at >= ${l.from}::date::timestamptz`);
  if (l.to) filters.push(sql`created_at < (${l.to}::date + 1)::timestamptz`);
  const inner = sql`select customer_id from interactions where ${and(filters)}`;
  return l.exists === false ? sql`c.id not in (${inner})` : sql`c.id in (${inner})`;
}

/** Checks the codes and ranges of `criteria` and turns them into SQL conditions. Throws CriteriaError. */
async function resolve(db: Db, targetType: TargetType, c: Criteria): Promise<Resolved> {
  const problems: Problems = {};
  const codesOf = await loadCodes(db, c);
  const out: SQL[] = [];
  let customerCriteria = false;
  const add = (condition: SQL) => {
    out.push(condition);
    customerCriteria = true;
  };
  const unknown = (path: string, key: MessageKey, value: string) => {
    problems[path] ??= { key, params: { code: value } };
  };
  const badRange = (path: string, from?: string | number, to?: string | number) => {
    if (from !== undefined && to !== undefined && from > to)
      problems[path] ??= { key: 'workspace.criteria.reversed', params: { path, from, to } };
  };

  if (c.postalCode) {
    const { from, to } = c.postalCode;
    if (from && to && postalRangeReversed(from, to))
      problems.postalCode = { key: 'workspace.criteria.postalReversed', params: { from, to } };
    if (from) add(sql`c.postal_code >= ${from.toUpperCase()}`);
    if (to) {
      const next = postalUpperBound(to);
      add(
        next
          ? sql`c.postal_code < ${next}`
          : sql`upper(left(c.postal_code, ${to.length})) <= ${to.toUpperCase()}`,
      );
    }
  }
  if (c.city) add(sql`lower(c.city) = ${c.city.toLowerCase()}`);
  if (c.country) add(sql`c.country = ${c.country}`);
  if (c.kinds) {
    const ids: number[] = [];
    c.kinds.forEach((k, i) => {
      const id = codesOf.kinds.get(up(k));
      if (id === undefined) unknown(`kinds[${i}]`, 'workspace.criteria.unknownKind', k);
      else ids.push(id);
    });
    add(sql`c.kind_id = any(${intArray(ids)})`);
  }
  if (c.groups) {
    const ids: number[] = [];
    c.groups.forEach((g, i) => {
      const r = resolveGroup(codesOf.groups, g);
      if (r.problem) problems[`groups[${i}]`] = r.problem;
      else ids.push(...r.ids!);
    });
    add(sql`c.group_id = any(${intArray(ids)})`);
  }
  if (c.accountManager) {
    const id = codesOf.users.get(up(c.accountManager));
    if (id === undefined) unknown('accountManager', 'workspace.criteria.unknownUser', c.accountManager);
    else add(sql`c.account_manager_id = ${id}`);
  }
  if (c.relationshipStart) {
    const { from, to } = c.relationshipStart;
    badRange('relationshipStart', from, to);
    if (from) add(sql`c.relationship_start >= ${from}::date`);
    if (to) add(sql`c.relationship_start <= ${to}::date`);
  }
  c.tracking?.forEach((t, i) => {
    if (!codesOf.tracking.has(`${up(t.dimension)}:`)) {
      unknown(`tracking[${i}].dimension`, 'workspace.criteria.unknownDimension', t.dimension);
      return;
    }
    const ids: number[] = [];
    t.values.forEach((v, j) => {
      const id = codesOf.tracking.get(`${up(t.dimension)}:${up(v)}`);
      if (id === undefined)
        problems[`tracking[${i}].values[${j}]`] = {
          key: 'workspace.criteria.unknownTrackingValue',
          params: { code: v, dimension: t.dimension },
        };
      else ids.push(id);
    });
    add(sql`c.id in (select customer_id from customer_tracking where value_id = any(${intArray(ids)}))`);
  });
  c.properties?.forEach((p, i) => {
    const id = codesOf.properties.get(up(p));
    if (id === undefined) unknown(`properties[${i}]`, 'workspace.criteria.unknownProperty', p);
    else add(sql`c.id in (select customer_id from customer_properties where property_id = ${id})`);
  });
  const contactPersonProperties: number[] = [];
  c.contactPersonProperties?.forEach((p, i) => {
    const id = codesOf.cpProperties.get(up(p));
    if (id === undefined)
      unknown(`contactPersonProperties[${i}]`, 'workspace.criteria.unknownContactPersonProperty', p);
    else contactPersonProperties.push(id);
  });
  if (targetType !== 'contact_person') {
    for (const id of contactPersonProperties)
      add(sql`c.id in (select cp.customer_id from contact_person_property_links l
        join contact_persons cp on cp.id = l.contact_person_id where l.property_id = ${id})`);
  }
  c.profiles?.forEach((p, i) => {
    const at = `profiles[${i}]`;
    const field = codesOf.profiles.get(up(p.field));
    if (!field) {
      unknown(`${at}.field`, 'workspace.criteria.unknownProfileField', p.field);
      return;
    }
    const choice = field.type === 'single' || field.type === 'multi';
    const dated = field.type === 'date';
    const shapeOk = choice
      ? p.values && p.from === undefined && p.to === undefined && p.contains === undefined
      : dated
        ? !p.values && p.all === undefined && p.contains === undefined
        : p.contains !== undefined && !p.values && p.all === undefined && !p.from && !p.to;
    if (!shapeOk) {
      problems[at] = {
        key: choice
          ? 'workspace.criteria.profileChoice'
          : dated
            ? 'workspace.criteria.profileDate'
            : 'workspace.criteria.profileText',
        params: { code: field.code },
      };
      return;
    }
    if (choice) {
      const byCode = new Map(field.values.map((v) => [up(v.code), v.id]));
      const ids: number[] = [];
      p.values!.forEach((v, j) => {
        const id = byCode.get(up(v));
        if (id === undefined)
          problems[`${at}.values[${j}]`] = {
            key: 'workspace.criteria.unknownProfileValue',
            params: { code: v, field: field.code },
          };
        else ids.push(id);
      });
      if (p.all) {
        for (const id of ids)
          add(sql`c.id in (select customer_id from customer_profile_values where value_id = ${id})`);
      } else {
        add(
          sql`c.id in (select customer_id from customer_profile_values where value_id = any(${intArray(ids)}))`,
        );
      }
    } else if (dated) {
      badRange(at, p.from, p.to);
      const parts = [sql`field_id = ${field.id}`, sql`date is not null`];
      if (p.from) parts.push(sql`date >= ${p.from}::date`);
      if (p.to) parts.push(sql`date <= ${p.to}::date`);
      add(sql`c.id in (select customer_id from customer_profile_texts where ${and(parts)})`);
    } else {
      add(sql`c.id in (select customer_id from customer_profile_texts
        where field_id = ${field.id} and lower(text) like ${likePattern(p.contains!)})`);
    }
  });
  c.purchases?.forEach((p, i) => {
    const at = `purchases[${i}]`;
    let destinationId: number | undefined;
    if (p.destinationType) {
      destinationId = codesOf.destinations.get(up(p.destinationType));
      if (destinationId === undefined) {
        unknown(`${at}.destinationType`, 'workspace.criteria.unknownDestinationType', p.destinationType);
        return;
      }
    }
    if (p.year !== undefined && (p.from || p.to)) {
      problems[at] = { key: 'workspace.criteria.yearOrRange', params: { path: at } };
      return;
    }
    badRange(at, p.from, p.to);
    badRange(`${at}.count`, p.minCount, p.maxCount);
    badRange(`${at}.amount`, p.minAmountCents, p.maxAmountCents);
    add(purchaseCondition(p, destinationId));
  });
  c.contactLog?.forEach((l, i) => {
    const at = `contactLog[${i}]`;
    let typeId: number | undefined;
    let userId: number | undefined;
    if (l.type) {
      typeId = codesOf.contactTypes.get(up(l.type));
      if (typeId === undefined) unknown(`${at}.type`, 'workspace.criteria.unknownContactType', l.type);
    }
    if (l.createdBy) {
      userId = codesOf.users.get(up(l.createdBy));
      if (userId === undefined) unknown(`${at}.createdBy`, 'workspace.criteria.unknownUser', l.createdBy);
    }
    badRange(at, l.from, l.to);
    add(contactLogCondition(l, typeId, userId));
  });
  if (c.contactPerson && targetType !== 'contact_person')
    problems.contactPerson = { key: 'workspace.criteria.contactPersonOnly' };
  if (!c.includeArchived) out.push(sql`c.archived_at is null`);

  if (Object.keys(problems).length) throw new CriteriaError(problems);
  return {
    customer: out,
    customerCriteria,
    recipient: { excludeBans: c.excludeBans ?? [], hasEmail: c.hasEmail, hasMobile: c.hasMobile },
    contactPersonProperties,
    contactPersonTitle: c.contactPerson?.title,
  };
}

/** One SELECT of target_id for the target type; no row twice. */
function selectFor(targetType: TargetType, r: Resolved): SQL {
  const customer = and(r.customer);
  switch (targetType) {
    case 'person':
    case 'organisation':
      return sql`select c.id as target_id from customers c
        where c.type = ${targetType} and ${customer} and ${and(recipientConditions('c', r.recipient))}`;
    case 'agent':
      return sql`select c.id as target_id from customers c
        where c.kind_id in (select id from customer_kinds where is_agent) and ${customer}
          and ${and(recipientConditions('c', r.recipient))}`;
    case 'contact_person': {
      const own = recipientConditions('cp', r.recipient);
      for (const id of r.contactPersonProperties)
        own.push(
          sql`cp.id in (select contact_person_id from contact_person_property_links where property_id = ${id})`,
        );
      if (r.contactPersonTitle) own.push(sql`lower(cp.title) like ${likePattern(r.contactPersonTitle)}`);
      return sql`select cp.id as target_id
        from contact_persons cp join customers c on c.id = cp.customer_id
        where ${customer} and ${and(own)}`;
    }
    case 'guardian':
      return sql`select g.id as target_id from customers g
        where g.archived_at is null and ${and(recipientConditions('g', r.recipient))}
          and g.id in (select gd.guardian_id from guardians gd join customers c on c.id = gd.ward_id
                       where ${customer})`;
    case 'staff': {
      const own = recipientConditions('u', { excludeBans: [], hasEmail: r.recipient.hasEmail }, false);
      if (r.customerCriteria)
        own.push(sql`u.id in (select c.account_manager_id from customers c
          where c.account_manager_id is not null and ${customer})`);
      return sql`select u.id as target_id from users u
        where u.active and ${and(own)}`;
    }
  }
}

/**
 * The SELECT of target_id that `criteria` describe for `targetType`: checked,
 * codes resolved, every value a bound parameter. Throws CriteriaError with every problem.
 */
export async function compileSearch(db: Db, targetType: TargetType, criteria: unknown): Promise<SQL> {
  const parsed = parseCriteria(criteria);
  return selectFor(targetType, await resolve(db, targetType, parsed));
}
