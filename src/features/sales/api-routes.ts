import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { translator } from '../../i18n/index.js';
import { DomainError } from '../../lib/errors.js';
import { parseId } from '../../lib/ids.js';
import { recordSalesDocuments } from './ingest.js';
import { type PeriodFigures, purchaseHistory } from './queries.js';
import { resolveSalesDocuments } from './resolve.js';
import { type ParsedSalesDocument, validateSalesDocument } from './schemas.js';

/** Most documents in one POST. */
export const MAX_BATCH = 1000;
/** Room for 1 000 documents with long texts (the default body limit is 1 MB). */
const BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Sales documents in the JSON API v1 (registered with prefix /api/v1, bearer token):
 * POST /sales-documents upserts one document or a batch by externalId, all or nothing;
 * GET /customers/:id/history answers the purchase history figures (R-CARD-6).
 */
export default async function salesApiRoutes(app: FastifyInstance) {
  app.addHook('onRoute', (routeOptions) => {
    routeOptions.config = { ...routeOptions.config, api: true };
  });
  const db = app.db;
  const en = translator('en');

  app.post('/sales-documents', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const body = request.body;
    const single = !Array.isArray(body);
    const items: unknown[] = single ? [body] : (body as unknown[]);
    if (items.length === 0) throw new DomainError('sales.api.empty', 400);
    if (items.length > MAX_BATCH) throw new DomainError('sales.api.tooMany', 400);
    const where = (i: number, field: string) => (single ? field : `${i}.${field}`);

    // 1. Shape of every item, and no externalId twice.
    const details: Record<string, string> = {};
    const parsed: ParsedSalesDocument[] = [];
    const firstIndex = new Map<string, number>();
    let bad = 0;
    items.forEach((item, i) => {
      const result = validateSalesDocument(item, { externalIdRequired: true });
      if (!result.ok) {
        bad++;
        for (const [field, key] of Object.entries(result.errors)) details[where(i, field)] = en(key);
        return;
      }
      const first = firstIndex.get(result.value.externalId!);
      if (first !== undefined) {
        bad++;
        details[where(i, 'externalId')] = en('sales.error.duplicateInBatch', { first });
        return;
      }
      firstIndex.set(result.value.externalId!, i);
      parsed.push(result.value);
    });
    if (bad > 0) {
      return reply.code(400).send({ error: en('sales.api.refused', { count: bad }), details });
    }

    // 2. Customers and destination types must exist.
    const { docs, problems } = await resolveSalesDocuments(db, parsed);
    if (problems.size > 0) {
      for (const [i, errors] of problems) {
        for (const [field, key] of Object.entries(errors)) details[where(i, field)] = en(key);
      }
      return reply.code(422).send({ error: en('sales.api.unresolved', { count: problems.size }), details });
    }

    // 3. One transaction for the whole batch.
    const user = request.user!;
    return db.transaction((tx) => recordSalesDocuments(tx, docs, { userId: user.id, source: 'api' }));
  });

  app.get('/customers/:id/history', async (request) => {
    const id = parseId((request.params as { id: string }).id);
    if (!id) throw new DomainError('error.notFound', 404);
    const [exists] = await db.execute<{ id: number }>(sql`select id from customers where id = ${id}`);
    if (!exists) throw new DomainError('error.notFound', 404);
    const h = await purchaseHistory(db, id);
    const periods = (p: PeriodFigures) => ({
      thisYear: p.thisYear,
      lastYear: p.lastYear,
      earlier: p.earlier,
      total: p.total,
    });
    return {
      customerId: id,
      year: h.year,
      ...periods(h),
      overdueCents: h.overdueCents,
      byKind: {
        booking: periods(h.byKind.booking),
        salesOrder: periods(h.byKind.sales_order),
        invoice: periods(h.byKind.invoice),
      },
    };
  });
}
