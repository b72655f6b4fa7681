import { chiSquareCdf } from '../distributions/chi-square.js';
import { assertCell } from './alternative.js';

/** Result of {@link chisqTest}, as R's chisq.test. */
export interface ChisqTestResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
  /** Expected counts under independence, row-major. */
  readonly expected: readonly (readonly number[])[];
  /** Whether Yates' correction was applied (only for 2x2 tables with correct = true). */
  readonly correct: boolean;
  /** R's warning "Chi-squared approximation may be incorrect" when an expected count is below 5. */
  readonly warning?: string;
}

/**
 * Pearson's chi-square test of independence for an r x c table of counts, as R's chisq.test(x):
 * sum((|O - E| - Y)^2 / E) with E = row total * column total / n, and Yates' Y = min(0.5, |O - E|)
 * for a 2x2 table when `correct` (R's default TRUE).
 * @param table - Counts, at least 2 x 2, rows of equal length.
 * @param correct - Yates' continuity correction for 2x2 tables (default true, as R).
 * @throws RangeError if a cell is not a count, rows differ in length, or a margin is 0.
 * @example chisqTest([[12, 5], [7, 9]]).pValue // => 0.2275682146
 */
export function chisqTest(table: readonly (readonly number[])[], correct = true): ChisqTestResult {
  const where = 'chisqTest';
  const r = table.length;
  const c = table[0]?.length ?? 0;
  if (r < 2 || c < 2) throw new RangeError(`${where}: the table must be at least 2 x 2, got ${r} x ${c}`);
  table.forEach((row, i) => {
    if (row.length !== c) throw new RangeError(`${where}: row ${i} has ${row.length} cells, expected ${c}`);
    row.forEach((v, j) => {
      assertCell(v, `table[${i}][${j}]`, where);
    });
  });
  const rowSums = table.map((row) => row.reduce((s, v) => s + v, 0));
  const colSums = Array.from({ length: c }, (_, j) => table.reduce((s, row) => s + (row[j] ?? 0), 0));
  const total = rowSums.reduce((s, v) => s + v, 0);
  rowSums.forEach((s, i) => {
    if (s === 0) throw new RangeError(`${where}: row ${i} is empty; expected counts would be 0`);
  });
  colSums.forEach((s, j) => {
    if (s === 0) throw new RangeError(`${where}: column ${j} is empty; expected counts would be 0`);
  });
  const expected = rowSums.map((rs) => colSums.map((cs) => (rs * cs) / total));
  const useYates = correct && r === 2 && c === 2;
  let statistic = 0;
  table.forEach((row, i) => {
    row.forEach((o, j) => {
      const e = expected[i]?.[j] ?? 0;
      const yates = useYates ? Math.min(0.5, Math.abs(o - e)) : 0;
      statistic += (Math.abs(o - e) - yates) ** 2 / e;
    });
  });
  const df = (r - 1) * (c - 1);
  const small = expected.some((row) => row.some((e) => e < 5));
  return {
    statistic,
    df,
    pValue: chiSquareCdf(statistic, df, 'upper'),
    expected,
    correct: useYates,
    ...(small ? { warning: 'Chi-squared approximation may be incorrect' } : {}),
  };
}
