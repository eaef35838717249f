import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contactTypes } from '../../db/schema/index.js';
import { intArray } from '../../db/sql.js';
import { DomainError, InputError } from '../../lib/errors.js';
import type { PdfPrinter } from '../../plugins/pdf.js';
import { type ContactType, contactTypeByCode, writeInteractionBatch } from '../interactions/batch.js';
import { cellsOf, type Layout, layoutByCode } from './layouts.js';
import { countLabelRecipients, type LabelCounts, printableRecipients } from './recipients.js';
import type { LabelRunInput } from './schemas.js';
import { labelDocument, labelLines } from './sheet.js';

/*
 * A label run (osoitetarrat, R-WS-5): check the options, count what prints and what is
 * left out, build the sheets, print them with the shared Chromium, and optionally log one
 * contact entry per printed recipient in one batch.
 */

/** The most labels one PDF holds (≈ 830 sheets of 24); bigger selections are printed in parts. */
export const MAX_LABELS = 20_000;

/** A run whose codes are resolved. */
export type LabelRun = Omit<LabelRunInput, 'layout' | 'log'> & {
  layout: Layout;
  log: { type: ContactType; text: string } | null;
};

export type LabelSummary = LabelCounts & {
  /** Labels printed (recipients, or a whole sheet of one recipient). */
  labels: number;
  sheets: number;
  skip: number;
  layout: Layout;
};

/** Contact types for the log option of the form. */
export async function listContactTypes(db: Db): Promise<ContactType[]> {
  return db
    .select({ id: contactTypes.id, code: contactTypes.code, name: contactTypes.name })
    .from(contactTypes)
    .orderBy(asc(contactTypes.code));
}

/**
 * Resolves the codes of a run: the layout (unknown → 400 on `layout`), skip within the
 * first sheet (0 … cells − 1), the contact type of the log option. Field problems together.
 */
export async function resolveRun(db: Db, input: LabelRunInput): Promise<LabelRun> {
  const fields: InputError['fields'] = {};
  const layout = await layoutByCode(db, input.layout);
  if (!layout) fields.layout = 'validation.labels.layout';
  else if (input.skip > cellsOf(layout) - 1) fields.skip = 'validation.labels.skip';
  let type: ContactType | null = null;
  if (input.log) {
    type = await contactTypeByCode(db, input.log.type);
    if (!type) fields[input.log.type ? 'log.type' : 'logType'] = 'validation.labels.contactType';
  }
  if (Object.keys(fields).length) throw new InputError(fields);
  return {
    ...input,
    layout: layout!,
    log: input.log && type ? { type, text: input.log.text } : null,
  };
}

function summaryOf(counts: LabelCounts, run: LabelRun): LabelSummary {
  const cells = cellsOf(run.layout);
  const labels = counts.printable === 0 ? 0 : run.fillWith ? cells - run.skip : counts.printable;
  const sheets = labels === 0 ? 0 : Math.ceil((run.skip + labels) / cells);
  return { ...counts, labels, sheets, skip: run.skip, layout: run.layout };
}

/**
 * What the run would print and leave out. An empty selection, and a recipient to fill a
 * sheet with that is not in the selection, are refused.
 */
export async function labelSummary(db: Db, userId: number, run: LabelRun): Promise<LabelSummary> {
  const counts = await countLabelRecipients(db, {
    userId,
    targetType: run.targetType,
    marketing: run.marketing,
    fillWith: run.fillWith,
  });
  if (counts.selected === 0) throw new DomainError('labels.empty', 400);
  if (run.fillWith && counts.considered === 0)
    throw new InputError({ fillWith: 'validation.labels.fillWith' });
  return summaryOf(counts, run);
}

export type PrintedLabels = {
  pdf: Buffer;
  html: string;
  summary: LabelSummary;
  /** The contact-log batch, when the run logged one. */
  batch: { batchId: number; count: number } | null;
};

/**
 * Prints a run: counts (refusing an empty selection, nothing printable, or more than
 * MAX_LABELS), reads the printable recipients in one query, builds one HTML document and
 * prints it. With the log option, one contact entry per printed recipient follows in one
 * batch, written only once the PDF exists; for contact persons the entry goes on their
 * organisation with the contact person set.
 */
export async function printLabels(
  db: Db,
  printer: PdfPrinter,
  userId: number,
  run: LabelRun,
): Promise<PrintedLabels> {
  const summary = await labelSummary(db, userId, run);
  if (summary.labels === 0)
    throw new DomainError('labels.nothingToPrint', 400, {
      banned: summary.banned,
      incomplete: summary.incomplete,
    });
  if (summary.labels > MAX_LABELS) throw new DomainError('labels.tooMany', 400, { max: MAX_LABELS });

  const html = await labelHtml(db, userId, run);
  const pdf = await printer.print(html.html);

  let batch: PrintedLabels['batch'] = null;
  const logged = html.recipients.filter((r) => r.customerId !== null);
  if (run.log && logged.length) {
    // Exactly the recipients on the PDF, as two array literals: one statement, however many.
    const customers = intArray(logged.map((r) => r.customerId));
    const people = intArray(logged.map((r) => r.contactPersonId));
    const log = run.log;
    batch = await db.transaction((tx) =>
      writeInteractionBatch(tx, {
        source: 'labels',
        userId,
        typeId: log.type.id,
        text: log.text,
        recipients: sql`select customer_id, contact_person_id
          from unnest(${customers}, ${people}) as r(customer_id, contact_person_id)`,
      }),
    );
  }
  return { pdf, html: html.html, summary, batch };
}

/**
 * The document of a run and the recipients on it (each once, also when one fills a
 * sheet). Staff have no address and never print, so they never reach the log.
 */
export async function labelHtml(db: Db, userId: number, run: LabelRun) {
  const recipients = await printableRecipients(
    db,
    { userId, targetType: run.targetType, marketing: run.marketing, fillWith: run.fillWith },
    MAX_LABELS,
  );
  const cells: (string[] | null)[] = Array.from({ length: run.skip }, () => null);
  if (run.fillWith) {
    const one = recipients[0];
    if (one) {
      const lines = labelLines(one, run.attention);
      for (let i = run.skip; i < cellsOf(run.layout); i++) cells.push(lines);
    }
  } else {
    for (const r of recipients) cells.push(labelLines(r, run.attention));
  }
  return { html: labelDocument(run.layout, cells), recipients };
}
