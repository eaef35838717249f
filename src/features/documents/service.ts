import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import type { PdfPrinter } from '../../plugins/pdf.js';
import type { CustomerDetails } from '../customers/queries.js';
import { DOCX_TYPE, PDF_TYPE, safeFileName, sha256Hex } from './files.js';
import { mergeValues, renderDocxTemplate, renderHtmlTemplate } from './merge.js';
import { getEntry, getStaffName, getTemplate, insertDocument, listPersonOptions } from './queries.js';

function todayInHelsinki(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date());
}

export type FromTemplate = {
  templateId: number;
  interactionId: number | null;
  contactPersonId: number | null;
  fileName: string | null;
};

/**
 * Fills a template for one customer and stores the result as a new document: the .docx
 * itself, or the HTML template printed to PDF. Returns the new document's id.
 */
export async function createFromTemplate(
  db: Db,
  pdf: PdfPrinter,
  customer: CustomerDetails,
  input: FromTemplate,
  actorId: number,
): Promise<number> {
  const c = customer.customer;
  const template = await getTemplate(db, input.templateId);
  if (!template) throw new DomainError('documents.fromTemplate.noTemplate', 422);
  const entry = input.interactionId ? await getEntry(db, c.id, input.interactionId) : undefined;
  if (input.interactionId && !entry) throw new DomainError('documents.entryInvalid', 422);
  const personId = input.contactPersonId ?? entry?.contactPersonId ?? null;
  const person = personId ? (await listPersonOptions(db, c.id)).find((p) => p.id === personId) : undefined;
  if (input.contactPersonId && !person) throw new DomainError('documents.personInvalid', 422);

  const values = await mergeValues(db, {
    customer: { id: c.id, type: c.type },
    staffName: await getStaffName(db, actorId),
    contactPerson: person ?? null,
    entryText: entry?.text ?? null,
    today: todayInHelsinki(),
  });
  const ext = template.kind === 'docx' ? '.docx' : '.pdf';
  const content =
    template.kind === 'docx'
      ? renderDocxTemplate(template.content!, values)
      : await pdf.print(renderHtmlTemplate(template.html ?? '', values));
  const wanted = input.fileName ?? `${template.name} ${values.nimi}`;
  let fileName = safeFileName(wanted);
  if (!fileName.toLowerCase().endsWith(ext)) fileName = safeFileName(`${fileName}${ext}`);
  return insertDocument(
    db,
    {
      customerId: c.id,
      interactionId: entry?.id ?? null,
      fileName,
      contentType: template.kind === 'docx' ? DOCX_TYPE : PDF_TYPE,
      content,
      sha256: sha256Hex(content),
      templateId: template.id,
      auditExtra: { documentTemplate: [null, template.name] },
    },
    actorId,
  );
}
