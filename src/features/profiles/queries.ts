import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuditChanges } from '../../db/schema/index.js';
import { intArray } from '../../db/sql.js';
import { ConflictError } from '../../lib/errors.js';
import { writeAudit } from '../audit/queries.js';
import { type Answers, answerText, emptyAnswer, isEmptyAnswer, sameAnswer } from './answers.js';
import type { ProfileDefinition } from './definitions.js';
import { isChoiceType } from './schemas.js';

/*
 * A customer's profile answers (R-CARD-2) and the look-ups the CRM search builds on.
 * customer_profile_values is keyed (value_id, customer_id) for "who has value X" and
 * indexed (customer_id, field_id) for the card; customer_profile_texts is keyed
 * (customer_id, field_id).
 */

/** Every answer of one customer: one query over both answer tables. */
export async function loadAnswers(db: Db, customerId: number): Promise<Answers> {
  const rows = await db.execute<{
    fieldId: number;
    valueId: number | null;
    text: string | null;
    date: string | null;
  }>(sql`
    select field_id as "fieldId", value_id as "valueId", null::text as text, null::text as date
    from customer_profile_values where customer_id = ${customerId}
    union all
    select field_id, null, text, to_char(date, 'YYYY-MM-DD')
    from customer_profile_texts where customer_id = ${customerId}`);
  const answers: Answers = new Map();
  for (const r of rows) {
    const a = answers.get(r.fieldId) ?? emptyAnswer();
    if (r.valueId !== null) a.valueIds.push(r.valueId);
    a.text = r.text ?? a.text;
    a.date = r.date ?? a.date;
    answers.set(r.fieldId, a);
  }
  return answers;
}

/**
 * Saves the answers given for the fields they name (others stay), in one transaction:
 * per kind of answer one delete and one insert for the fields that changed, and one
 * audit row with old → new (labels, not ids) per changed field. Returns how many
 * fields changed. `answers` must come from `answersFromForm` / `answersFromApi`.
 */
export async function saveAnswers(
  db: Db,
  customerId: number,
  defs: ProfileDefinition[],
  answers: Answers,
  actorId: number | null,
): Promise<number> {
  return db.transaction(async (tx) => {
    // Saves of one customer queue (so do sales batches adding AUTO values: they lock the same row);
    // merges and deletions of list values wait for saves.
    await tx.execute(sql`select id from customers where id = ${customerId} for no key update`);
    await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtext('profile_definitions'))`);
    const current = await loadAnswers(tx, customerId);
    const changes: AuditChanges = {};
    const choiceFields: number[] = [];
    const textFields: number[] = [];
    const newValues: { value_id: number; field_id: number }[] = [];
    const newTexts: { field_id: number; text: string | null; date: string | null }[] = [];
    for (const def of defs) {
      const want = answers.get(def.id);
      if (!want) continue;
      const old = current.get(def.id) ?? emptyAnswer();
      if (sameAnswer(old, want)) continue;
      const label = def.title in changes ? `${def.title} (${def.code})` : def.title;
      changes[label] = [answerText(def, old), answerText(def, want)];
      if (isChoiceType(def.type)) {
        choiceFields.push(def.id);
        for (const id of want.valueIds) newValues.push({ value_id: id, field_id: def.id });
      } else {
        textFields.push(def.id);
        if (!isEmptyAnswer(want)) newTexts.push({ field_id: def.id, text: want.text, date: want.date });
      }
    }
    if (choiceFields.length === 0 && textFields.length === 0) return 0;

    if (choiceFields.length) {
      await tx.execute(sql`
        delete from customer_profile_values
        where customer_id = ${customerId} and field_id = any(${intArray(choiceFields)})`);
    }
    if (newValues.length) {
      // The join keeps only values still in their field; a value deleted meanwhile is a conflict.
      const inserted = await tx.execute<{ value_id: number }>(sql`
        insert into customer_profile_values (value_id, customer_id, field_id)
        select v.id, ${customerId}::int, v.field_id
        from jsonb_to_recordset(${JSON.stringify(newValues)}::jsonb) as r(value_id int, field_id int)
        join profile_values v on v.id = r.value_id and v.field_id = r.field_id
        returning value_id`);
      if (inserted.length !== newValues.length) throw new ConflictError();
    }
    if (textFields.length) {
      await tx.execute(sql`
        delete from customer_profile_texts
        where customer_id = ${customerId} and field_id = any(${intArray(textFields)})`);
    }
    if (newTexts.length) {
      await tx.execute(sql`
        insert into customer_profile_texts (customer_id, field_id, text, date)
        select ${customerId}::int, r.field_id, r.text, r.date
        from jsonb_to_recordset(${JSON.stringify(newTexts)}::jsonb) as r(field_id int, text text, date date)`);
    }
    await writeAudit(tx, { userId: actorId, customerId, entity: 'profile', action: 'update', changes });
    return Object.keys(changes).length;
  });
}

/** The list value `valueCode` of field `fieldCode`, as a scalar subquery (null when unknown). */
const valueIdOf = (fieldCode: string, valueCode: string) => sql`(
  select v.id from profile_values v join profile_fields f on f.id = v.field_id
  where f.code = ${fieldCode} and v.code = ${valueCode})`;

/**
 * Ids of the customers that have value `valueCode` in profile field `fieldCode`, in
 * id order, at most `limit`, after `afterId` (keyset paging). An index range scan of
 * the (value_id, customer_id) primary key.
 */
export async function customersWithProfileValue(
  db: Db,
  fieldCode: string,
  valueCode: string,
  limit = 1000,
  afterId = 0,
): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select customer_id as id from customer_profile_values
    where value_id = ${valueIdOf(fieldCode, valueCode)} and customer_id > ${afterId}
    order by customer_id
    limit ${limit}`);
  return rows.map((r) => r.id);
}

/** How many customers have value `valueCode` in profile field `fieldCode` (index-only count). */
export async function countCustomersWithProfileValue(
  db: Db,
  fieldCode: string,
  valueCode: string,
): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from customer_profile_values
    where value_id = ${valueIdOf(fieldCode, valueCode)}`);
  return row?.n ?? 0;
}
