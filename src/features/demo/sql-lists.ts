import { departmentNames, emailProviders, regionGenitive, streets, towns } from './finnish-data.js';

/**
 * SQL literals for the bulk statements. Every value is one of our own constants or
 * a whole number we computed, so they are inlined (quoted) rather than bound: the
 * planner folds the arrays once and each row only indexes into them.
 */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const textArray = (xs: readonly string[]) => `(array[${xs.map(lit).join(',')}]::text[])`;
export const intArray = (xs: readonly number[]) => {
  for (const x of xs) if (!Number.isSafeInteger(x)) throw new Error(`not a whole number: ${x}`);
  return `(array[${xs.join(',')}]::int[])`;
};

/** Town arrays (1-based, as SQL arrays are) and a weighted pick list of town indexes. */
export function townArrays() {
  const codes: string[] = [];
  const offsets: number[] = [];
  for (const t of towns) {
    offsets.push(codes.length);
    codes.push(...t.codes);
  }
  const weighted = towns.flatMap((t, i) => Array<number>(t.weight).fill(i + 1));
  return {
    name: textArray(towns.map((t) => t.name)),
    genitive: textArray(towns.map((t) => t.genitive)),
    regionGenitive: textArray(towns.map((t) => regionGenitive[t.region])),
    area: textArray(towns.map((t) => t.area)),
    sv: intArray(towns.map((t) => t.sv)),
    /** Postal codes as whole numbers: an int array is indexed in constant time, a text array is walked. */
    codes: intArray(codes.map(Number)),
    codeOffset: intArray(offsets),
    codeCount: intArray(towns.map((t) => t.codes.length)),
    weighted: intArray(weighted),
    weightedCount: weighted.length,
  };
}

export const streetArray = textArray(streets);
export const departmentArray = textArray(departmentNames);
export const providerArray = textArray(emailProviders);
