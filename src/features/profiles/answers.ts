import type { MessageKey } from '../../i18n/fi.js';
import type { Language } from '../../i18n/index.js';
import { InputError } from '../../lib/errors.js';
import { formatDate, parseDate } from '../../lib/format.js';
import type { ProfileDefinition } from './definitions.js';
import { isChoiceType, MEMO_MAX, TEXT_MAX } from './schemas.js';

/*
 * A customer's answer to one profile field, in one shape for every type: list value
 * ids for single and multi fields, text for memo and text line, an ISO date for date
 * fields. An empty answer (no ids, null text and date) means "not answered".
 */
export type FieldAnswer = { valueIds: number[]; text: string | null; date: string | null };
export type Answers = Map<number, FieldAnswer>;

export const emptyAnswer = (): FieldAnswer => ({ valueIds: [], text: null, date: null });

export const isEmptyAnswer = (a: FieldAnswer) =>
  a.valueIds.length === 0 && a.text === null && a.date === null;

type Problem = { key: MessageKey; params?: Record<string, string | number> };

/**
 * Profile input that was refused. `fields` (for forms) has one message key per form
 * field; `problems` keeps the parameters so the API can name the codes.
 */
export class ProfileInputError extends InputError {
  constructor(public readonly problems: Record<string, Problem>) {
    super(Object.fromEntries(Object.entries(problems).map(([k, p]) => [k, p.key])));
  }
}

/** The name of a field's control on the card's form. */
export const formName = (code: string) => `p_${code}`;

const asList = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );

const textOf = (v: unknown): string | null => {
  const s = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
  return s === '' ? null : s;
};

const maxLength = (type: ProfileDefinition['type']) => (type === 'memo' ? MEMO_MAX : TEXT_MAX);

/**
 * The card's whole profile form: every field gets an answer (an absent control or
 * an empty one clears it). Everything is checked before anything is returned.
 */
export function answersFromForm(defs: ProfileDefinition[], body: Record<string, unknown>): Answers {
  const answers: Answers = new Map();
  const problems: Record<string, Problem> = {};
  for (const def of defs) {
    const name = formName(def.code);
    const raw = body[name];
    const answer = emptyAnswer();
    if (isChoiceType(def.type)) {
      const codes = asList(raw).map((c) => c.trim());
      if (def.type === 'single' && codes.length > 1) problems[name] = { key: 'profiles.choice' };
      for (const code of new Set(codes)) {
        const value = def.values.find((v) => v.code === code);
        if (value) answer.valueIds.push(value.id);
        else problems[name] = { key: 'profiles.choice' };
      }
    } else if (def.type === 'date') {
      const text = textOf(Array.isArray(raw) ? raw[0] : raw);
      if (text !== null) {
        answer.date = parseDate(text);
        if (!answer.date) problems[name] = { key: 'validation.date' };
      }
    } else {
      answer.text = textOf(Array.isArray(raw) ? raw.join('\n') : raw);
      if (answer.text && answer.text.length > maxLength(def.type))
        problems[name] = { key: 'validation.tooLong' };
    }
    answers.set(def.id, answer);
  }
  if (Object.keys(problems).length) throw new ProfileInputError(problems);
  return answers;
}

/** What the form's controls show: value codes, text, a date as the user's language writes it. */
export function formValuesOf(
  defs: ProfileDefinition[],
  answers: Answers,
  language: Language,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const def of defs) {
    const a = answers.get(def.id) ?? emptyAnswer();
    const name = formName(def.code);
    if (def.type === 'single') out[name] = def.values.find((v) => a.valueIds.includes(v.id))?.code ?? '';
    else if (def.type === 'multi')
      out[name] = def.values.filter((v) => a.valueIds.includes(v.id)).map((v) => v.code);
    else if (def.type === 'date') out[name] = a.date ? formatDate(a.date, language) : '';
    else out[name] = a.text ?? '';
  }
  return out;
}

/** The values of a refused form as they were typed, to show them again. */
export function formValuesFromBody(
  defs: ProfileDefinition[],
  body: Record<string, unknown>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const def of defs) {
    const name = formName(def.code);
    const raw = body[name];
    out[name] = def.type === 'multi' ? asList(raw) : typeof raw === 'string' ? raw : '';
  }
  return out;
}

/** One answer as a person reads it (labels, not ids): for audit and the read-only view. */
export function answerText(def: ProfileDefinition, a: FieldAnswer | undefined): string | null {
  if (!a || isEmptyAnswer(a)) return null;
  if (isChoiceType(def.type)) {
    const labels = def.values.filter((v) => a.valueIds.includes(v.id)).map((v) => v.label);
    return labels.length ? labels.join(', ') : null;
  }
  return def.type === 'date' ? a.date : a.text;
}

export function sameAnswer(a: FieldAnswer, b: FieldAnswer): boolean {
  const ids = (x: FieldAnswer) => [...x.valueIds].sort((p, q) => p - q).join(',');
  return ids(a) === ids(b) && a.text === b.text && a.date === b.date;
}

// ------------------------------------------------------------------ API shape

export type ApiProfileValue =
  | { field: string; value: string }
  | { field: string; values: string[] }
  | { field: string; date: string }
  | { field: string; text: string };

const expectedKey = { single: 'value', multi: 'values', memo: 'text', text: 'text', date: 'date' } as const;
const expectedShape = {
  single: '"value": "CODE"',
  multi: '"values": ["CODE", …]',
  memo: '"text": "…"',
  text: '"text": "…"',
  date: '"date": "YYYY-MM-DD"',
} as const;
const answerKeys = ['value', 'values', 'date', 'text'] as const;

/** The customer's answered fields in field order, as the API shows them. */
export function answersToApi(defs: ProfileDefinition[], answers: Answers): ApiProfileValue[] {
  const out: ApiProfileValue[] = [];
  for (const def of defs) {
    const a = answers.get(def.id);
    if (!a || isEmptyAnswer(a)) continue;
    const codes = def.values.filter((v) => a.valueIds.includes(v.id)).map((v) => v.code);
    if (def.type === 'single' && codes[0]) out.push({ field: def.code, value: codes[0] });
    else if (def.type === 'multi' && codes.length) out.push({ field: def.code, values: codes });
    else if (def.type === 'date' && a.date) out.push({ field: def.code, date: a.date });
    else if ((def.type === 'memo' || def.type === 'text') && a.text)
      out.push({ field: def.code, text: a.text });
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A PUT body `{ values: [...] }`: answers for the fields it names only. Unknown field
 * or value codes, a shape that does not fit the field's type and dates that do not
 * exist are all collected (keyed by the field code) before anything is refused.
 */
export function answersFromApi(defs: ProfileDefinition[], body: unknown): Answers {
  const problems: Record<string, Problem> = {};
  const answers: Answers = new Map();
  if (!isObject(body) || !Array.isArray(body.values)) {
    throw new ProfileInputError({ values: { key: 'profiles.api.body' } });
  }
  body.values.forEach((item, i) => {
    if (!isObject(item) || typeof item.field !== 'string' || !item.field.trim()) {
      problems[`values[${i}]`] = { key: 'profiles.api.body' };
      return;
    }
    const code = item.field.trim().slice(0, 50);
    const def = defs.find((d) => d.code === code.toUpperCase());
    if (!def) {
      problems[code] = { key: 'profiles.api.unknownField', params: { code } };
      return;
    }
    if (answers.has(def.id)) {
      problems[def.code] = { key: 'profiles.api.duplicate', params: { field: def.code } };
      return;
    }
    const key = expectedKey[def.type];
    const shape = {
      key: 'profiles.api.shape' as const,
      params: { field: def.code, type: def.type, expected: expectedShape[def.type] },
    };
    const others = answerKeys.filter((k) => k !== key && k in item);
    const raw = item[key];
    if (others.length || !(key in item)) {
      problems[def.code] = shape;
      return;
    }
    const answer = emptyAnswer();
    if (isChoiceType(def.type)) {
      let codes: unknown[];
      if (def.type === 'single') codes = raw === null || raw === '' ? [] : [raw];
      else codes = raw === null ? [] : Array.isArray(raw) ? raw : [null];
      if (codes.some((c) => typeof c !== 'string')) {
        problems[def.code] = shape;
        return;
      }
      const unknown: string[] = [];
      for (const c of new Set((codes as string[]).map((s) => s.trim().toUpperCase()))) {
        const value = def.values.find((v) => v.code === c);
        if (value) answer.valueIds.push(value.id);
        else unknown.push(c.slice(0, 20));
      }
      if (unknown.length) {
        problems[def.code] = {
          key: 'profiles.api.unknownValue',
          params: { field: def.code, code: unknown.join('", "') },
        };
        return;
      }
    } else {
      if (raw !== null && typeof raw !== 'string') {
        problems[def.code] = shape;
        return;
      }
      if (def.type === 'date') {
        const text = textOf(raw);
        answer.date = text === null ? null : parseDate(text);
        if (text !== null && !answer.date) {
          problems[def.code] = {
            key: 'profiles.api.date',
            params: { field: def.code, value: text.slice(0, 30) },
          };
          return;
        }
      } else {
        answer.text = textOf(raw);
        const max = maxLength(def.type);
        if (answer.text && answer.text.length > max) {
          problems[def.code] = { key: 'profiles.api.tooLong', params: { field: def.code, max } };
          return;
        }
      }
    }
    answers.set(def.id, answer);
  });
  if (Object.keys(problems).length) throw new ProfileInputError(problems);
  return answers;
}
