import { sql } from 'drizzle-orm';
import { boolean, check, integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

const mm = () => numeric({ precision: 7, scale: 2, mode: 'number' }).notNull();

/**
 * Address-label sheet layouts (tarra-arkit, R-WS-5). Measures in millimetres: the first
 * label's top-left corner is at (marginLeft, marginTop); the next one across starts
 * `pitchX` further right, the next one down `pitchY` further down. The built-in A4 3×7
 * and 3×8 sheets (codes '3x7', '3x8') are seeded by a migration and cannot be deleted.
 */
export const labelLayouts = pgTable(
  'label_layouts',
  {
    id: serial().primaryKey(),
    /** What the API and the form name the layout by, e.g. '3x8'. */
    code: text().notNull().unique(),
    name: text().notNull(),
    pageWidthMm: mm(),
    pageHeightMm: mm(),
    marginTopMm: mm(),
    marginLeftMm: mm(),
    labelWidthMm: mm(),
    labelHeightMm: mm(),
    /** Horizontal pitch: from one label's left edge to the next one's. */
    pitchXMm: mm(),
    /** Vertical pitch: from one label's top edge to the next one's. */
    pitchYMm: mm(),
    columns: integer().notNull(),
    rows: integer().notNull(),
    builtIn: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('label_layouts_grid_check', sql`${t.columns} between 1 and 20 and ${t.rows} between 1 and 40`),
    check(
      'label_layouts_sizes_check',
      sql`${t.pageWidthMm} > 0 and ${t.pageHeightMm} > 0 and ${t.labelWidthMm} > 0 and ${t.labelHeightMm} > 0
        and ${t.marginTopMm} >= 0 and ${t.marginLeftMm} >= 0
        and ${t.pitchXMm} >= ${t.labelWidthMm} and ${t.pitchYMm} >= ${t.labelHeightMm}`,
    ),
  ],
);
