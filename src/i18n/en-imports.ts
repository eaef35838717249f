import type { importsFi } from './fi-imports.js';

/** English texts of the imports feature, spread into `en.ts`. */
export const importsEn: Record<keyof typeof importsFi, string> = {
  'imports.nav': 'Import',
  'imports.title': 'Import',
  'imports.intro':
    'Import customers or sales documents (bookings, sales orders, invoices) from a CSV or XLSX file. You choose the columns after uploading, and a dry run shows what would happen before anything is imported.',
  'imports.readonly': 'With read-only access you can look at imports but not import files.',
  'imports.upload.title': 'Upload a file',
  'imports.upload.target': 'What to import',
  'imports.upload.file': 'File',
  'imports.upload.fileHint':
    'CSV (comma or semicolon separated, UTF-8 or Windows-1252) or Excel XLSX, at most {max} MB. Column headings on the first row. Numbers like 1 234,50 and dates like 1.2.2026 are fine.',
  'imports.upload.submit': 'Upload and choose columns',
  'imports.target.customers': 'Customers',
  'imports.target.sales_documents': 'Sales documents (bookings, sales orders, invoices)',

  'imports.list.title': 'Latest imports',
  'imports.list.none': 'No imports yet.',
  'imports.list.file': 'File',
  'imports.list.target': 'Importing',
  'imports.list.user': 'Uploaded by',
  'imports.list.when': 'Uploaded',
  'imports.list.status': 'Status',
  'imports.list.rows': 'Rows',
  'imports.list.older': 'Older',

  'imports.status.uploaded': 'Columns not chosen',
  'imports.status.checking': 'Dry run running',
  'imports.status.checked': 'Dry run done',
  'imports.status.importing': 'Importing',
  'imports.status.done': 'Imported',
  'imports.status.failed': 'Failed',

  'imports.run.target': 'Importing',
  'imports.run.rows': 'Data rows',
  'imports.run.uploaded': 'Uploaded by',
  'imports.run.status': 'Status',
  'imports.run.format': 'File format',
  'imports.run.back': 'All imports',
  'imports.run.newUpload': 'Upload a new file',

  'imports.mapping.title': '1. Columns',
  'imports.mapping.intro':
    'Choose a Kanta field for each column of the file. Columns without a field are not imported. Your choices are remembered for the next file with the same columns.',
  'imports.mapping.remembered': 'These choices come from the previous file with the same columns.',
  'imports.mapping.column': 'Column in the file',
  'imports.mapping.samples': 'Examples',
  'imports.mapping.field': 'Kanta field',
  'imports.mapping.notImported': '— not imported —',
  'imports.mapping.defaultKind': 'Customer kind for new customers',
  'imports.mapping.defaultKindNone': '— the file must give the kind —',
  'imports.mapping.defaultKindHint':
    'Used for new customers whose row has no kind. The customer number comes from the kind’s number series unless the file gives one.',
  'imports.mapping.customersHint':
    'An existing customer is recognised by external id or customer number and updated; other rows are added as new customers. An empty cell clears the field; fields without a column keep their values.',
  'imports.mapping.salesHint':
    'A sales document is recognised by its external id: importing the same file again updates instead of duplicating. The customer is found by customer number, the customer’s external id or the customer id.',
  'imports.mapping.submit': 'Dry run',
  'imports.mapping.twice': 'This field is already chosen for another column.',
  'imports.mapping.salesRequired':
    'Choose columns at least for external id, kind, date, amount and one of the customer references.',
  'imports.mapping.oneAmount': 'Choose the amount either in euros or in cents, not both.',
  'imports.mapping.customersRequired':
    'Choose a column for at least one of external id, customer number, name, first name or last name.',

  'imports.check.title': '2. Dry run',
  'imports.check.intro': 'The dry run changed nothing. The import would do this:',
  'imports.check.created': 'Added',
  'imports.check.updated': 'Updated',
  'imports.check.unchanged': 'Unchanged (no differences)',
  'imports.check.refused': 'Refused',
  'imports.check.problems': 'The import cannot be done',
  'imports.check.errorsTitle': 'Refused rows',
  'imports.check.row': 'Row',
  'imports.check.column': 'Column',
  'imports.check.reason': 'Reason',
  'imports.check.more': 'Next',
  'imports.check.first': 'First',
  'imports.check.errorsCut': 'There are more than {max} problems; only the first ones are shown.',
  'imports.check.noColumn': '{field} (no column)',

  'imports.import.title': '3. Import',
  'imports.import.all': 'Import',
  'imports.import.good': 'Import only the valid rows ({refused} refused rows are left out)',
  'imports.import.allHint':
    'All rows are imported as one whole: if anything goes wrong, nothing is imported.',
  'imports.import.refusedHint':
    'The file has {refused} refused rows, so the whole file cannot be imported. Fix the rows and upload the file again, or import only the {good} valid rows: the refused rows are then left out.',
  'imports.import.nothingGood': 'The file has no valid rows. Fix the file and upload it again.',
  'imports.import.blocked': 'Fix the problems above first.',

  'imports.progress.checking': 'Dry run running',
  'imports.progress.importing': 'Importing',
  'imports.progress.rows': '{done} / {total} rows',
  'imports.progress.finishing': 'All rows processed, saving…',
  'imports.progress.refresh': 'Refresh',

  'imports.result.title': 'Import done',
  'imports.result.onlyGood': 'Only the valid rows were imported; the refused rows were left out.',
  'imports.result.skipped': 'Left out',

  'imports.failed.check': 'The dry run failed: {reason}',
  'imports.failed.import': 'The import failed and nothing was imported: {reason}',

  'imports.error.empty': 'The file is empty.',
  'imports.error.headerOnly': 'The file has only a header row and no rows to import.',
  'imports.error.notCsvOrXlsx': 'The file is neither a CSV nor an XLSX file.',
  'imports.error.badCsv': 'The CSV file cannot be read: quotes do not match on row {row}.',
  'imports.error.badXlsx': 'The XLSX file cannot be read; it may be damaged.',
  'imports.error.tooLarge': 'The file is too large: at most {max} MB. Split the file. Nothing was stored.',
  'imports.error.noFile': 'Choose a file to import.',
  'imports.error.noTarget': 'Choose what to import.',
  'imports.error.busy': 'The import is already running or done.',
  'imports.error.notAllowed': 'The import cannot be done this way: see the dry run.',
  'imports.error.refusedDuringImport':
    'row {row} was refused (data changed after the dry run). Run the dry run again.',
  'imports.error.concurrent': 'someone else changed the same data at the same time. Run the dry run again.',
  'imports.error.unexpected': 'an unexpected error.',
  'imports.error.seriesTooShort':
    'The number series of customer kind {kind} has {free} free numbers, but there are {need} new customers.',
  'imports.error.seriesExhausted': 'the number series of a customer kind ran out.',
  'imports.error.unknownType': 'Unknown type "{value}" (person or organisation).',
  'imports.error.date': 'Not a valid date (e.g. 1.2.2026 or 2026-02-01).',
  'imports.error.integer': 'Enter a whole number.',
  'imports.error.money': 'Not a valid amount (e.g. 1 234,50).',
  'imports.error.unknownKind': 'Unknown customer kind "{value}".',
  'imports.error.unknownGroup': 'Unknown customer group "{value}".',
  'imports.error.unknownUser': 'Unknown user "{value}".',
  'imports.error.ambiguous': 'Several match "{value}"; use a name that is unique.',
  'imports.error.kindRequired':
    'The customer kind is missing (choose a kind for new customers or add a column).',
  'imports.error.numberOtherCustomer':
    'Customer number {number} belongs to another customer than external id {externalId}.',
  'imports.error.numberMismatch': 'The customer with this external id has number {number}, not this one.',
  'imports.error.twiceInFile': 'The same id is already on row {row}.',
  'imports.error.sameCustomerTwice': 'The same customer is already on row {row}.',

  'imports.customers.type': 'Type (person / organisation)',
  'imports.customers.name': 'Name (organisation)',
  'imports.customers.group': 'Customer group (name)',
  'imports.customers.accountManager': 'Account manager (username or name)',

  'imports.sales.externalId': 'External id',
  'imports.sales.kind': 'Kind (booking / sales order / invoice)',
  'imports.sales.number': 'Number',
  'imports.sales.date': 'Date',
  'imports.sales.travelStart': 'Travel start',
  'imports.sales.travelEnd': 'Travel end',
  'imports.sales.destinationType': 'Destination type (code)',
  'imports.sales.destination': 'Destination',
  'imports.sales.amount': 'Amount (euros)',
  'imports.sales.amountCents': 'Amount in cents',
  'imports.sales.dueDate': 'Due date',
  'imports.sales.paidDate': 'Paid date',
  'imports.sales.customerId': 'Customer id',
  'imports.sales.customerNumber': 'Customer number',
  'imports.sales.customerExternalId': 'Customer external id',

  'field.importRun': 'Import no.',
};
