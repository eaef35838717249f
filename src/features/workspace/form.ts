import { parseDate } from '../../lib/format.js';
import type { CriteriaInput, Problem, Problems } from './criteria.js';

/*
 * The /crm criteria form ↔ the criteria JSON. The form posts flat names (checkbox
 * values like "TOIM:PHARM"); `criteriaFromForm` builds the same object the API takes,
 * and `formValues` gives the form back its values from such an object, so the form
 * has one source whether it comes back after a search or with errors.
 */

export type FormBody = Record<string, string | string[] | undefined>;

/** Rows of purchase-history and contact-log criteria the form offers. */
export const PURCHASE_ROWS = 2;
export const CONTACT_LOG_ROWS = 2;

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim()).filter(Boolean);
const one = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The section of the form a criteria path belongs to: where its message shows. */
export function sectionOf(path: string): string {
  const head = path.split(/[.[]/)[0] ?? '';
  if (head === 'postalCode') return 'postalCode';
  if (['tracking', 'properties', 'contactPersonProperties', 'contactPerson'].includes(head))
    return 'classification';
  if (head === 'profiles') return 'profiles';
  if (head === 'purchases') return 'purchases';
  if (head === 'contactLog') return 'contactLog';
  return 'basic';
}

/** Problems by form section, each a list of messages' keys and params. */
export function problemsBySection(problems: Problems): Record<string, Problem[]> {
  const out: Record<string, Problem[]> = {};
  for (const [path, problem] of Object.entries(problems)) {
    const s = sectionOf(path);
    out[s] = [...(out[s] ?? []), problem];
  }
  return out;
}

/** What the form sent, as the criteria JSON, plus problems of its own (numbers, dates it cannot read). */
export function criteriaFromForm(body: FormBody): { criteria: CriteriaInput; problems: Problems } {
  const problems: Problems = {};
  const c: Record<string, unknown> = {};
  const date = (name: string, path: string): string | undefined => {
    const raw = one(body[name]);
    if (!raw) return undefined;
    const iso = parseDate(raw);
    if (!iso) problems[path] ??= { key: 'workspace.form.date', params: { value: raw } };
    return iso ?? raw;
  };
  const integer = (name: string, path: string): number | undefined => {
    const raw = one(body[name]).replace(/\s/g, '');
    if (!raw) return undefined;
    if (!/^-?\d{1,12}$/.test(raw)) {
      problems[path] ??= { key: 'workspace.form.number', params: { value: raw } };
      return undefined;
    }
    return Number(raw);
  };
  const euros = (name: string, path: string): number | undefined => {
    const raw = one(body[name]).replace(/[\s€]/g, '').replace(',', '.');
    if (!raw) return undefined;
    if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(raw)) {
      problems[path] ??= { key: 'workspace.form.amount', params: { value: one(body[name]) } };
      return undefined;
    }
    return Math.round(Number(raw) * 100);
  };
  const yesNo = (name: string) => {
    const v = one(body[name]);
    return v === 'yes' ? true : v === 'no' ? false : undefined;
  };
  const range = (fromName: string, toName: string, path: string) => {
    const from = date(fromName, `${path}.from`);
    const to = date(toName, `${path}.to`);
    return from || to ? { from, to } : undefined;
  };

  const postalFrom = one(body.postalFrom);
  const postalTo = one(body.postalTo);
  if (postalFrom || postalTo) c.postalCode = { from: postalFrom || undefined, to: postalTo || undefined };
  if (one(body.city)) c.city = one(body.city);
  if (one(body.country)) c.country = one(body.country);
  if (list(body.kinds).length) c.kinds = list(body.kinds);
  if (list(body.groups).length)
    c.groups = list(body.groups).map((g) => (/^\d{1,9}$/.test(g) ? Number(g) : g));
  if (one(body.accountManager)) c.accountManager = one(body.accountManager);
  c.relationshipStart = range('relationshipFrom', 'relationshipTo', 'relationshipStart');
  c.hasEmail = yesNo('hasEmail');
  c.hasMobile = yesNo('hasMobile');
  if (list(body.excludeBans).length) c.excludeBans = list(body.excludeBans);
  if (one(body.includeArchived)) c.includeArchived = true;

  const tracking = new Map<string, string[]>();
  for (const pair of list(body.tracking)) {
    const [dimension, value] = pair.split(':');
    if (dimension && value) tracking.set(dimension, [...(tracking.get(dimension) ?? []), value]);
  }
  if (tracking.size) c.tracking = [...tracking].map(([dimension, values]) => ({ dimension, values }));
  if (list(body.properties).length) c.properties = list(body.properties);
  if (list(body.contactPersonProperties).length)
    c.contactPersonProperties = list(body.contactPersonProperties);
  if (one(body.contactPersonTitle)) c.contactPerson = { title: one(body.contactPersonTitle) };

  const profiles: Record<string, unknown>[] = [];
  const chosen = new Map<string, string[]>();
  for (const pair of list(body.profileValues)) {
    const [field, value] = pair.split(':');
    if (field && value) chosen.set(field, [...(chosen.get(field) ?? []), value]);
  }
  for (const [field, values] of chosen) profiles.push({ field, values });
  for (const [name, value] of Object.entries(body)) {
    const m = /^profileDate\.([^.]+)\.from$/.exec(name);
    if (m) {
      const r = range(name, `profileDate.${m[1]}.to`, `profiles.${m[1]}`);
      if (r) profiles.push({ field: m[1], ...r });
    }
    const t = /^profileText\.([^.]+)$/.exec(name);
    if (t && one(value)) profiles.push({ field: t[1], contains: one(value) });
  }
  if (profiles.length) c.profiles = profiles;

  const purchases: Record<string, unknown>[] = [];
  for (let i = 0; i < PURCHASE_ROWS; i++) {
    const at = `purchases[${purchases.length}]`;
    const p = {
      destinationType: one(body[`purchase${i}.destinationType`]) || undefined,
      year: integer(`purchase${i}.year`, `${at}.year`),
      ...range(`purchase${i}.from`, `purchase${i}.to`, at),
      minCount: integer(`purchase${i}.minCount`, `${at}.minCount`),
      maxCount: integer(`purchase${i}.maxCount`, `${at}.maxCount`),
      minAmountCents: euros(`purchase${i}.minAmount`, `${at}.minAmount`),
      maxAmountCents: euros(`purchase${i}.maxAmount`, `${at}.maxAmount`),
    };
    if (Object.values(p).every((v) => v === undefined)) continue;
    purchases.push({
      ...p,
      kind: one(body[`purchase${i}.kind`]) || undefined,
      dates: one(body[`purchase${i}.dates`]) || undefined,
    });
  }
  if (purchases.length) c.purchases = purchases;

  const contactLog: Record<string, unknown>[] = [];
  for (let i = 0; i < CONTACT_LOG_ROWS; i++) {
    if (!one(body[`contact${i}.use`])) continue;
    const at = `contactLog[${contactLog.length}]`;
    contactLog.push({
      exists: one(body[`contact${i}.exists`]) !== 'no',
      createdBy: one(body[`contact${i}.createdBy`]) || undefined,
      type: one(body[`contact${i}.type`]) || undefined,
      ...range(`contact${i}.from`, `contact${i}.to`, at),
    });
  }
  if (contactLog.length) c.contactLog = contactLog;

  for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
  return { criteria: c as CriteriaInput, problems };
}

const LIST_FIELDS = [
  'kinds',
  'groups',
  'excludeBans',
  'tracking',
  'properties',
  'contactPersonProperties',
  'profileValues',
];

/** The form's values as sent, to show them again beside their messages (also what could not be read). */
export function sentValues(body: FormBody): Record<string, string | string[]> {
  const v: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || name === '_csrf') continue;
    v[name] = LIST_FIELDS.includes(name) ? list(value) : one(value);
  }
  for (const name of LIST_FIELDS) v[name] ??= [];
  return v;
}

/** Form input values (name → value or values) for criteria, the inverse of criteriaFromForm. */
export function formValues(criteria: CriteriaInput | undefined): Record<string, string | string[]> {
  const c = criteria ?? {};
  const v: Record<string, string | string[]> = {};
  const set = (name: string, value: unknown) => {
    if (value !== undefined && value !== null && value !== '') v[name] = String(value);
  };
  const yesNo = (b: boolean | undefined) => (b === true ? 'yes' : b === false ? 'no' : '');
  set('postalFrom', c.postalCode?.from);
  set('postalTo', c.postalCode?.to);
  set('city', c.city);
  set('country', c.country);
  v.kinds = c.kinds ?? [];
  v.groups = (c.groups ?? []).map(String);
  set('accountManager', c.accountManager);
  set('relationshipFrom', c.relationshipStart?.from);
  set('relationshipTo', c.relationshipStart?.to);
  set('hasEmail', yesNo(c.hasEmail));
  set('hasMobile', yesNo(c.hasMobile));
  v.excludeBans = c.excludeBans ?? [];
  if (c.includeArchived) v.includeArchived = 'on';
  v.tracking = (c.tracking ?? []).flatMap((t) => t.values.map((x) => `${t.dimension}:${x}`));
  v.properties = c.properties ?? [];
  v.contactPersonProperties = c.contactPersonProperties ?? [];
  set('contactPersonTitle', c.contactPerson?.title);
  v.profileValues = [];
  for (const p of c.profiles ?? []) {
    if (p.values) v.profileValues.push(...p.values.map((x) => `${p.field}:${x}`));
    else if (p.contains !== undefined) set(`profileText.${p.field}`, p.contains);
    else {
      set(`profileDate.${p.field}.from`, p.from);
      set(`profileDate.${p.field}.to`, p.to);
    }
  }
  (c.purchases ?? []).slice(0, PURCHASE_ROWS).forEach((p, i) => {
    set(`purchase${i}.destinationType`, p.destinationType);
    set(`purchase${i}.kind`, p.kind);
    set(`purchase${i}.dates`, p.dates);
    set(`purchase${i}.year`, p.year);
    set(`purchase${i}.from`, p.from);
    set(`purchase${i}.to`, p.to);
    set(`purchase${i}.minCount`, p.minCount);
    set(`purchase${i}.maxCount`, p.maxCount);
    if (typeof p.minAmountCents === 'number') set(`purchase${i}.minAmount`, p.minAmountCents / 100);
    if (typeof p.maxAmountCents === 'number') set(`purchase${i}.maxAmount`, p.maxAmountCents / 100);
  });
  (c.contactLog ?? []).slice(0, CONTACT_LOG_ROWS).forEach((l, i) => {
    v[`contact${i}.use`] = 'on';
    v[`contact${i}.exists`] = l.exists === false ? 'no' : 'yes';
    set(`contact${i}.createdBy`, l.createdBy);
    set(`contact${i}.type`, l.type);
    set(`contact${i}.from`, l.from);
    set(`contact${i}.to`, l.to);
  });
  return v;
}
