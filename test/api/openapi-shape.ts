import type { FastifyInstance } from 'fastify';

/*
 * Helpers of openapi.test.ts: the /api/v1 routes the app really has, and a small check
 * of a JSON value against a schema of the document (types, enums, nullability, oneOf and
 * the exact set of fields) — enough to tell whether the document says what the API does.
 */

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is untyped JSON
export type Doc = any;
// biome-ignore lint/suspicious/noExplicitAny: a schema of it too
type Schema = any;

/** "METHOD /path" of every route under /api/v1 (HEAD and the catch-all left out), `{id}` style. */
export function apiRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path =
      (depth > 0 ? stack[depth - 1]! : '').replace(/\/$/, '') +
      (depth > 0 && !m[2]!.startsWith('/') ? '/' : '') +
      m[2]!;
    stack[depth] = path;
    if (!path.startsWith('/api/v1/') || path.includes('*') || !m[3]) continue;
    for (const method of m[3].split(', ')) {
      if (method !== 'HEAD') out.push(`${method} ${path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out.sort();
}

/** Every "METHOD /path" the document describes. */
export function documentedRoutes(doc: Doc): string[] {
  return Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

/** Follows `$ref: '#/components/<section>/<name>'` (schemas, responses). */
export function resolve(doc: Doc, item: Schema): Schema {
  let s = item;
  while (s?.$ref) {
    const [section, name] = String(s.$ref).replace('#/components/', '').split('/');
    s = doc.components[section!]?.[name!];
  }
  return s;
}

const kindOf = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v;

/**
 * What is wrong with `value` as an instance of `schema` (empty when nothing): types, enum,
 * const, nullability, oneOf (exactly one fits) and the fields of objects. `exact`:
 * an object must have every documented field and no other (answers); otherwise only
 * the required ones and no undocumented ones (request bodies, errors).
 */
export function shapeProblems(doc: Doc, schema: Schema, value: unknown, exact: boolean, at = '$'): string[] {
  const s = resolve(doc, schema);
  if (!s) return [`${at}: no schema`];
  if (s.oneOf) {
    const fits = (s.oneOf as Schema[]).filter(
      (alt) => shapeProblems(doc, alt, value, exact, at).length === 0,
    );
    if (fits.length !== 1)
      return [`${at}: ${JSON.stringify(value)} fits ${fits.length} of the oneOf schemas`];
  }
  const types = [s.type ?? []].flat() as string[];
  const kind = kindOf(value);
  if (types.length && !types.includes(kind) && !(kind === 'integer' && types.includes('number')))
    return [`${at}: ${kind} where ${types.join('|')} is documented`];
  if (value === null) return [];
  if (s.enum && !s.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} is not in the enum`];
  if ('const' in s && s.const !== value) return [`${at}: ${JSON.stringify(value)} is not ${s.const}`];
  if (Array.isArray(value))
    return s.items ? value.flatMap((v, i) => shapeProblems(doc, s.items, v, exact, `${at}[${i}]`)) : [];
  if (kind !== 'object' || !s.properties) return [];
  const fields = Object.keys(value as object);
  const documented = Object.keys(s.properties);
  // The set of fields is checked only where the schema describes a whole object (`type: object`);
  // a oneOf alternative that only pins `type` constrains the fields it names.
  const whole = types.includes('object');
  const expected = whole && exact ? documented : ((s.required ?? []) as string[]);
  const problems = [
    ...(whole ? fields.filter((f) => !documented.includes(f)).map((f) => `${at}.${f}: not documented`) : []),
    ...expected.filter((f) => !fields.includes(f)).map((f) => `${at}.${f}: documented but missing`),
  ];
  for (const f of fields) {
    if (s.properties[f])
      problems.push(
        ...shapeProblems(doc, s.properties[f], (value as Record<string, unknown>)[f], exact, `${at}.${f}`),
      );
  }
  return problems;
}

/** The schema and examples of a JSON request body or response (none for a binary one, e.g. a PDF). */
export function content(doc: Doc, item: Doc): { schema: Schema; examples: Record<string, unknown> } {
  const c = resolve(doc, item).content['application/json'];
  if (!c) return { schema: undefined as unknown as Schema, examples: {} };
  const examples: Record<string, unknown> =
    c.example !== undefined
      ? { example: c.example }
      : Object.fromEntries(
          Object.entries(c.examples ?? {}).map(([k, v]) => [k, (v as { value: unknown }).value]),
        );
  return { schema: c.schema, examples };
}
