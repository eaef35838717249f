import { inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type AuditChanges, customers } from '../../db/schema/index.js';
import type { MessageKey } from '../../i18n/fi.js';
import { DomainError } from '../../lib/errors.js';
import { storedInput } from '../api/schemas.js';
import { diff } from '../audit/queries.js';
import { type Customer, customerRow, EDITABLE_FIELDS, insertSearchWords } from '../customers/queries.js';
import { type CustomerInput, customerSchema, postalCodeProblem } from '../customers/schemas.js';
import type { FieldProblem, Importer, Pass } from './engine.js';
import { DEFAULT_KIND } from './fields.js';
import { type Cell, cellText, parseDateCell, parseIntegerCell, type SheetRow } from './parse.js';

/*
 * Customers from a file (R-SALES-2): every row is validated with the register's own
 * rules (customerSchema, postal code), matched to an existing customer by externalId or
 * customer number (then updated; fields without a column keep their values), or created
 * with a number from its kind's series. The import stages the good rows of each chunk in
 * a temporary table and writes them at the end in a few set-based statements: numbers
 * for the whole file at once, the customers, one audit row each, the search words.
 */

/** Schema field → the import field whose column it comes from. */
const FIELD_OF: Record<string, string> = {
  kindId: 'kind',
  groupId: 'group',
  accountManagerId: 'accountManager',
};

const TEXT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'businessId',
  'streetAddress',
  'postalCode',
  'city',
  'country',
  'phone',
  'mobile',
  'email',
  'notes',
  'externalId',
] as const;

const TYPES: Record<string, 'person' | 'organisation'> = {
  person: 'person',
  henkilö: 'person',
  henkilo: 'person',
  henkilöasiakas: 'person',
  yksityinen: 'person',
  yksityishenkilö: 'person',
  p: 'person',
  h: 'person',
  organisation: 'organisation',
  organization: 'organisation',
  company: 'organisation',
  organisaatio: 'organisation',
  yritys: 'organisation',
  yhteisö: 'organisation',
  o: 'organisation',
  y: 'organisation',
};

const LANGUAGES: Record<string, string> = {
  suomi: 'fi',
  finnish: 'fi',
  fin: 'fi',
  ruotsi: 'sv',
  svenska: 'sv',
  swedish: 'sv',
  swe: 'sv',
  englanti: 'en',
  english: 'en',
  eng: 'en',
};

const COUNTRIES: Record<string, string> = {
  suomi: 'FI',
  finland: 'FI',
  ruotsi: 'SE',
  sverige: 'SE',
  sweden: 'SE',
  norja: 'NO',
  norway: 'NO',
  viro: 'EE',
  estonia: 'EE',
  saksa: 'DE',
  germany: 'DE',
};

/** The stored row's editable fields, for comparing and the audit log. */
function editable(c: Partial<Customer>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of EDITABLE_FIELDS) if (c[k] !== undefined) out[k] = c[k];
  return out;
}

/**
 * The stored row of a validated customer, as the customer form writes it; a person keeps the
 * company and department they had (a file cannot name them).
 */
function toRow(input: CustomerInput, existing: Customer | undefined) {
  const keepCompany = input.type === 'person' && existing?.type === 'person';
  return {
    ...customerRow(input),
    kindId: input.kindId!,
    companyId: keepCompany ? existing.companyId : null,
    departmentId: keepCompany ? existing.departmentId : null,
  };
}
type StoredRow = ReturnType<typeof toRow>;

/** Lookups of names and codes to ids; a name two rows share is ambiguous (null). */
function lookup(rows: { key: string; id: number }[]): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const r of rows) {
    const k = r.key.trim().toLowerCase();
    map.set(k, map.has(k) && map.get(k) !== r.id ? null : r.id);
  }
  return map;
}

const STAGE_COLUMNS = `row_no int, action text, id int, number int, kind_id int, type customer_type, name text,
  first_name text, last_name text, business_id text, street_address text, postal_code text, city text,
  country text, phone text, mobile text, email text, language customer_language, account_manager_id int,
  relationship_start date, notes text, group_id int, company_id int, department_id int, external_id text,
  changes jsonb`;
const STAGE_NAMES = STAGE_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!);
const STORED_NAMES = STAGE_NAMES.filter((c) => !['row_no', 'action', 'id', 'number', 'changes'].includes(c));

type StageRecord = Record<(typeof STAGE_NAMES)[number], unknown>;

function stageRecord(
  rowNo: number,
  action: 'create' | 'update',
  id: number | null,
  number: number | null,
  row: StoredRow,
  changes: AuditChanges,
): StageRecord {
  return {
    row_no: rowNo,
    action,
    id,
    number,
    kind_id: row.kindId,
    type: row.type,
    name: row.name,
    first_name: row.firstName,
    last_name: row.lastName,
    business_id: row.businessId,
    street_address: row.streetAddress,
    postal_code: row.postalCode,
    city: row.city,
    country: row.country,
    phone: row.phone,
    mobile: row.mobile,
    email: row.email,
    language: row.language,
    account_manager_id: row.accountManagerId,
    relationship_start: row.relationshipStart,
    notes: row.notes,
    group_id: row.groupId,
    company_id: row.companyId,
    department_id: row.departmentId,
    external_id: row.externalId,
    changes,
  };
}

/** A text cell as the register stores it: Excel numbers of postal codes and phones get their lost zeros and plus back. */
function textOf(field: string, c: Cell | undefined): string | null | undefined {
  if (c === undefined) return undefined;
  if (typeof c === 'number' && Number.isInteger(c) && c >= 0) {
    if (field === 'postalCode' && c < 100000) return String(c).padStart(5, '0');
    if ((field === 'phone' || field === 'mobile') && String(c).startsWith('358')) return `+${c}`;
    if ((field === 'phone' || field === 'mobile') && String(c).length >= 6) return `0${c}`;
  }
  return cellText(c);
}

export async function customerImporter(pass: Pass): Promise<Importer> {
  const db = pass.db;
  const [kindRows, groupRows, userRows] = await Promise.all([
    db.execute<{ id: number; code: string; next: number; end: number }>(
      sql`select id, code, next_number as next, range_end as end from customer_kinds order by range_start`,
    ),
    db.execute<{ id: number; key: string }>(sql`select id, name as key from customer_groups`),
    db.execute<{ id: number; key: string }>(sql`
      select id, username as key from users where active
      union all select id, display_name from users where active`),
  ]);
  const kinds = lookup(kindRows.map((k) => ({ key: k.code, id: k.id })));
  const kindCode = new Map(kindRows.map((k) => [k.id, k.code]));
  const groups = lookup([...groupRows]);
  const managers = lookup([...userRows]);
  const defaultKindCode = pass.mapping[DEFAULT_KIND];
  const defaultKindId = defaultKindCode ? (kinds.get(defaultKindCode.toLowerCase()) ?? null) : null;

  const seenExternal = new Map<string, number>();
  const seenNumber = new Map<number, number>();
  const seenCustomer = new Map<number, number>();
  /** Check: new customers that need a number, per kind; explicit numbers of new customers. */
  const needNumbers = new Map<number, number>();
  const explicitNew: number[] = [];

  if (pass.phase === 'import') {
    await db.execute(
      sql.raw(
        `create temp table import_customer_stage (${STAGE_COLUMNS}, primary key (row_no)) on commit drop`,
      ),
    );
    await db.execute(sql.raw('create index on import_customer_stage (number)'));
    await db.execute(sql.raw('create index on import_customer_stage (id)'));
  }

  /** The cells of a row as customerSchema input (only mapped fields), with conversion problems. */
  function convert(row: SheetRow) {
    const values: Record<string, unknown> = {};
    const problems: FieldProblem[] = [];
    for (const f of TEXT_FIELDS) {
      const v = textOf(f, pass.cell(row, f));
      if (v !== undefined) values[f] = v;
    }
    if (typeof values.country === 'string')
      values.country = COUNTRIES[values.country.toLowerCase()] ?? values.country;
    if (pass.has('language')) {
      const v = cellText(pass.cell(row, 'language'));
      values.language = v ? (LANGUAGES[v.toLowerCase()] ?? v.toLowerCase()) : null;
    }
    if (pass.has('type')) {
      const v = cellText(pass.cell(row, 'type'));
      if (v) {
        const t = TYPES[v.toLowerCase()];
        if (t) values.type = t;
        else problems.push({ field: 'type', reason: 'imports.error.unknownType', params: { value: v } });
      }
    }
    if (pass.has('relationshipStart')) {
      const d = parseDateCell(pass.cell(row, 'relationshipStart'));
      if (d.ok) values.relationshipStart = d.value;
      else problems.push({ field: 'relationshipStart', reason: 'imports.error.date' });
    }
    const byName = (
      field: string,
      map: Map<string, number | null>,
      unknown: MessageKey,
      schemaField: string,
    ) => {
      if (!pass.has(field)) return;
      const v = cellText(pass.cell(row, field));
      if (!v) {
        values[schemaField] = null;
        return;
      }
      const id = map.get(v.toLowerCase());
      if (id === undefined) problems.push({ field, reason: unknown, params: { value: v } });
      else if (id === null) problems.push({ field, reason: 'imports.error.ambiguous', params: { value: v } });
      else values[schemaField] = id;
    };
    byName('kind', kinds, 'imports.error.unknownKind', 'kindId');
    byName('group', groups, 'imports.error.unknownGroup', 'groupId');
    byName('accountManager', managers, 'imports.error.unknownUser', 'accountManagerId');
    let number: number | null = null;
    if (pass.has('number')) {
      const n = parseIntegerCell(pass.cell(row, 'number'));
      if (n.ok) number = n.value;
      else problems.push({ field: 'number', reason: 'imports.error.integer' });
    }
    const externalId = typeof values.externalId === 'string' ? values.externalId : null;
    return { values, problems, number, externalId };
  }

  async function findExisting(converted: ReturnType<typeof convert>[]) {
    const exts = [...new Set(converted.flatMap((c) => (c.externalId ? [c.externalId] : [])))];
    const nums = [...new Set(converted.flatMap((c) => (c.number !== null ? [c.number] : [])))];
    if (!exts.length && !nums.length) return [];
    const conditions = [];
    if (exts.length) conditions.push(inArray(customers.externalId, exts));
    if (nums.length) conditions.push(inArray(customers.number, nums));
    const q = db
      .select()
      .from(customers)
      .where(or(...conditions))
      .orderBy(customers.id);
    // The import locks the customers it will update until it commits.
    return pass.phase === 'import' ? q.for('update') : q;
  }

  let pending: (ReturnType<typeof convert> & { rowNo: number })[] = [];

  return {
    row(row) {
      pending.push({ ...convert(row), rowNo: row.rowNo });
    },

    async flush() {
      const converted = pending;
      pending = [];
      const found = await findExisting(converted);
      const byExternal = new Map(found.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
      const byNumber = new Map(found.map((c) => [c.number, c]));
      const stage: StageRecord[] = [];

      for (const row of converted) {
        const { values, problems, number, externalId } = row;
        const byExt = externalId ? byExternal.get(externalId) : undefined;
        const byNum = number !== null ? byNumber.get(number) : undefined;
        if (byExt && byNum && byExt.id !== byNum.id) {
          problems.push({
            field: 'number',
            reason: 'imports.error.numberOtherCustomer',
            params: { number: number!, externalId: externalId! },
          });
        } else if (byExt && number !== null && !byNum) {
          problems.push({
            field: 'number',
            reason: 'imports.error.numberMismatch',
            params: { number: byExt.number },
          });
        }
        const existing = byExt ?? byNum;
        if (externalId) {
          const first = seenExternal.get(externalId);
          if (first !== undefined)
            problems.push({
              field: 'externalId',
              reason: 'imports.error.twiceInFile',
              params: { row: first },
            });
          else seenExternal.set(externalId, row.rowNo);
        }
        if (number !== null) {
          const first = seenNumber.get(number);
          if (first !== undefined)
            problems.push({ field: 'number', reason: 'imports.error.twiceInFile', params: { row: first } });
          else seenNumber.set(number, row.rowNo);
        }
        if (existing) {
          const first = seenCustomer.get(existing.id);
          if (first !== undefined && first !== row.rowNo) {
            problems.push({
              field: byExt ? 'externalId' : 'number',
              reason: 'imports.error.sameCustomerTwice',
              params: { row: first },
            });
          } else seenCustomer.set(existing.id, row.rowNo);
        }

        // Stored values first, then what the file's columns say.
        const merged: Record<string, unknown> = existing
          ? { ...storedInput(existing), ...values }
          : { ...values };
        if (!merged.type) {
          merged.type = existing?.type ?? (values.firstName || values.lastName ? 'person' : 'organisation');
        }
        if (merged.kindId == null && !problems.some((p) => p.field === 'kind')) {
          if (existing) merged.kindId = existing.kindId;
          else if (defaultKindId) merged.kindId = defaultKindId;
          else problems.push({ field: 'kind', reason: 'imports.error.kindRequired' });
        }
        const parsed = customerSchema.safeParse(merged);
        if (!parsed.success) {
          const done = new Set(problems.map((p) => p.field));
          for (const issue of parsed.error.issues) {
            const schemaField = String(issue.path[0] ?? 'type');
            const field = FIELD_OF[schemaField] ?? schemaField;
            if (done.has(field)) continue;
            done.add(field);
            problems.push({
              field,
              reason: (issue.message.startsWith('validation.')
                ? issue.message
                : 'validation.invalid') as MessageKey,
            });
          }
        }
        if (!problems.some((p) => p.field === 'postalCode')) {
          const postal = postalCodeProblem({
            country: parsed.success ? parsed.data.country : String(merged.country || 'FI').toUpperCase(),
            postalCode: parsed.success
              ? parsed.data.postalCode
              : typeof merged.postalCode === 'string'
                ? merged.postalCode.trim() || null
                : null,
          });
          if (postal) problems.push({ field: 'postalCode', reason: postal });
        }
        if (problems.length || !parsed.success) {
          pass.refuse(row.rowNo, problems);
          continue;
        }

        const stored = toRow(parsed.data, existing);
        if (existing) {
          const changes = diff(editable(existing), editable(stored as Partial<Customer>));
          if (Object.keys(changes).length === 0) {
            pass.counts.unchanged++;
            continue;
          }
          pass.counts.updated++;
          changes.importRun = [null, pass.runId];
          stage.push(stageRecord(row.rowNo, 'update', existing.id, existing.number, stored, changes));
        } else {
          pass.counts.created++;
          if (number === null) needNumbers.set(stored.kindId, (needNumbers.get(stored.kindId) ?? 0) + 1);
          else explicitNew.push(number);
          const changes = diff(null, editable(stored as Partial<Customer>));
          changes.importRun = [null, pass.runId];
          stage.push(stageRecord(row.rowNo, 'create', null, number, stored, changes));
        }
      }

      if (pass.phase === 'import' && stage.length) {
        await db.execute(sql`
          insert into import_customer_stage (${sql.raw(STAGE_NAMES.join(', '))})
          select ${sql.raw(STAGE_NAMES.join(', '))}
          from jsonb_to_recordset(${JSON.stringify(stage)}::jsonb) as r(${sql.raw(STAGE_COLUMNS)})`);
      }
    },

    async finish() {
      if (pass.phase === 'check') {
        // Enough free numbers in each kind's series for the new customers without a number?
        for (const [kindId, need] of needNumbers) {
          const kind = kindRows.find((k) => k.id === kindId)!;
          const [{ taken }] = (await db.execute<{ taken: number }>(sql`
            select count(*)::int as taken from customers where number between ${kind.next} and ${kind.end}`)) as unknown as [
            { taken: number },
          ];
          const explicitInRange = explicitNew.filter((n) => n >= kind.next && n <= kind.end).length;
          const free = Math.max(0, kind.end - kind.next + 1 - taken - explicitInRange);
          if (free < need) {
            pass.problems.push({
              key: 'imports.error.seriesTooShort',
              params: { kind: kindCode.get(kindId) ?? '', need, free },
            });
          }
        }
        return;
      }
      await writeStaged(db, pass.userId);
    },
  };
}

/** The staged rows into the register: numbers, inserts, updates, audit, search words. */
async function writeStaged(db: Db, userId: number): Promise<void> {
  // Temporary tables are never analysed by autovacuum: without this the planner guesses.
  await db.execute(sql`analyze import_customer_stage`);
  // Numbers for new customers without one: the first free ones of each kind's series from
  // next_number on, skipping numbers taken in the register or by the file; the kinds stay
  // locked until the import commits.
  const [alloc] = (await db.execute<{ assigned: number; needed: number }>(sql`
    with need as (
      select kind_id, count(*)::int as n from import_customer_stage
      where action = 'create' and number is null group by kind_id
    ), kind as (
      select k.id, k.next_number, k.range_end, need.n
      from customer_kinds k join need on need.kind_id = k.id
      order by k.id
      for update of k
    ), free as (
      select kind.id as kind_id, f.n as number, row_number() over (partition by kind.id order by f.n) as k
      from kind cross join lateral (
        select g.n from generate_series(kind.next_number, kind.range_end) as g(n)
        where not exists (select 1 from customers c where c.number = g.n)
          and not exists (select 1 from import_customer_stage s where s.number = g.n)
        order by g.n
        limit kind.n
      ) f
    ), wanted as (
      select row_no, kind_id, row_number() over (partition by kind_id order by row_no) as k
      from import_customer_stage where action = 'create' and number is null
    ), assigned as (
      update import_customer_stage s set number = free.number
      from wanted join free on free.kind_id = wanted.kind_id and free.k = wanted.k
      where s.row_no = wanted.row_no
      returning s.kind_id, s.number
    ), moved as (
      update customer_kinds k set next_number = m.last + 1
      from (select kind_id, max(number) as last from assigned group by kind_id) m
      where k.id = m.kind_id
    )
    select (select count(*) from assigned)::int as assigned,
      (select coalesce(sum(n), 0) from need)::int as needed`)) as unknown as [
    { assigned: number; needed: number },
  ];
  if (alloc.assigned < alloc.needed) throw new DomainError('imports.error.seriesExhausted', 409);

  const stored = sql.raw(STORED_NAMES.join(', '));
  await db.execute(sql`
    with created as (
      insert into customers (number, ${stored}, created_by, updated_by)
      select number, ${stored}, ${userId}::int, ${userId}::int
      from import_customer_stage where action = 'create' order by row_no
      returning id, number
    )
    update import_customer_stage s set id = created.id
    from created where s.action = 'create' and s.number = created.number`);
  await db.execute(sql`
    update customers c set ${sql.raw(STORED_NAMES.map((n) => `${n} = s.${n}`).join(', '))},
      version = c.version + 1, updated_at = now(), updated_by = ${userId}::int
    from import_customer_stage s
    where s.action = 'update' and c.id = s.id`);
  await db.execute(sql`
    insert into audit_log (user_id, customer_id, entity, entity_id, action, changes)
    select ${userId}::int, s.id, 'customer', s.id, s.action,
      case when s.action = 'create' then jsonb_build_object('number', jsonb_build_array(null, s.number))
        else '{}'::jsonb end || s.changes
    from import_customer_stage s order by s.row_no`);
  await db.execute(insertSearchWords(sql`(select name, city from import_customer_stage) as c`));
}
