import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/features/imports/fields.js';
import {
  dataRows,
  describeFile,
  parseDateCell,
  parseIntegerCell,
  parseMoneyCell,
  sniffFormat,
} from '../../src/features/imports/parse.js';

describe('Finnish and other amounts', () => {
  it.each([
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u202f234,50 €', 123450],
    ['1234.50', 123450],
    ['1234,5', 123450],
    ['-99,90', -9990],
    ['\u221299,90', -9990],
    ['99,90-', -9990],
    ['1.234,50', 123450],
    ['1,234.50', 123450],
    ['2 000', 200000],
    ['0,01', 1],
    [' 12 ', 1200],
    [1234.5, 123450],
    [-0.1, -10],
  ])('%j is %i cents', (input, cents) => {
    expect(parseMoneyCell(input)).toEqual({ ok: true, value: cents });
  });

  it.each(['12,345', '12,3,4', 'abc', '1 2 3,4x', '1.2.3', '--5', '12.345,6.7', 'NaN'])(
    '%j is refused',
    (input) => {
      expect(parseMoneyCell(input)).toEqual({ ok: false });
    },
  );

  it('reads an empty cell as no value', () => {
    expect(parseMoneyCell('')).toEqual({ ok: true, value: null });
    expect(parseMoneyCell(null)).toEqual({ ok: true, value: null });
  });
});

describe('dates', () => {
  it.each([
    ['1.2.2026', '2026-02-01'],
    ['01.02.2026', '2026-02-01'],
    ['2026-02-01', '2026-02-01'],
    ['2026-02-01 00:00:00', '2026-02-01'],
    ['2026-02-01T00:00:00Z', '2026-02-01'],
    ['29.2.2024', '2024-02-29'],
    [new Date(Date.UTC(2026, 1, 1)), '2026-02-01'],
    [46054, '2026-02-01'],
  ])('%j is %s', (input, iso) => {
    expect(parseDateCell(input)).toEqual({ ok: true, value: iso });
  });

  it.each(['31.2.2026', '29.2.2025', '2026-13-01', '1/2/2026', 'huomenna', '32.1.2026'])(
    '%j is refused',
    (input) => {
      expect(parseDateCell(input)).toEqual({ ok: false });
    },
  );
});

describe('whole numbers', () => {
  it('reads digits with spaces between thousands and refuses anything else', () => {
    expect(parseIntegerCell('10 001')).toEqual({ ok: true, value: 10001 });
    expect(parseIntegerCell(42)).toEqual({ ok: true, value: 42 });
    expect(parseIntegerCell('')).toEqual({ ok: true, value: null });
    expect(parseIntegerCell('12a')).toEqual({ ok: false });
    expect(parseIntegerCell('99999999999')).toEqual({ ok: false });
    expect(parseIntegerCell(1.5)).toEqual({ ok: false });
  });
});

describe('file formats', () => {
  it('tells Windows-1252 from UTF-8 and sniffs the delimiter from the header line', async () => {
    const cp1252 = Buffer.from('Nimi;Kaupunki\r\nÄijälä;Hämeenlinna\r\n', 'latin1');
    expect(await sniffFormat(cp1252)).toEqual({ kind: 'csv', encoding: 'windows-1252', delimiter: ';' });
    const info = await describeFile(cp1252, await sniffFormat(cp1252));
    expect(info).toEqual({ header: ['Nimi', 'Kaupunki'], samples: [['Äijälä', 'Hämeenlinna']], rows: 1 });
    // The euro sign is 0x80 in Windows-1252.
    const euro = Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from([0x80]), Buffer.from('\n')]);
    const rows = [];
    for await (const r of dataRows(euro, await sniffFormat(euro))) rows.push(r);
    expect(rows[0]!.cells).toEqual(['1', '€']);
    const utf8 = Buffer.from('"a;b",c,d\n1,2,3\n');
    expect(await sniffFormat(utf8)).toEqual({ kind: 'csv', encoding: 'utf-8', delimiter: ',' });
  });

  it('reads XLSX from its bytes, skipping blank rows and numbering rows as the sheet does', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    ws.addRow([]);
    ws.addRow(['externalId', 'date']);
    ws.addRow(['a', new Date(Date.UTC(2026, 0, 2))]);
    ws.addRow([]);
    ws.addRow(['b', { formula: '1+1', result: 2 }]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await sniffFormat(file)).toEqual({ kind: 'xlsx' });
    const rows = [];
    for await (const r of dataRows(file, { kind: 'xlsx' })) rows.push(r);
    expect(rows.map((r) => [r.rowNo, r.cells])).toEqual([
      [3, ['a', new Date(Date.UTC(2026, 0, 2))]],
      [5, ['b', 2]],
    ]);
  });
});

describe('column guesses', () => {
  it('knows Finnish and English header names, each field once', () => {
    expect(
      guessMapping('sales_documents', [
        'Ulkoinen ID',
        'Document kind',
        'Eräpäivä',
        'Amount',
        'Customer number',
        'Summa',
      ]),
    ).toEqual({ 0: 'externalId', 1: 'kind', 2: 'dueDate', 3: 'amount', 4: 'customerNumber' });
    expect(guessMapping('customers', ['E-mail', 'Postinumero', 'Y-tunnus', 'Mitä lie'])).toEqual({
      0: 'email',
      1: 'postalCode',
      2: 'businessId',
    });
  });
});
