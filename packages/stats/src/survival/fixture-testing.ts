// Helpers for the tests that compare against R fixtures (fixtures/*/generate.R). Not exported from
// the package. R's NA, NaN and Inf arrive as the strings "NA", "NaN", "Inf" and "-Inf".
import { expect } from 'vitest';
import datasetsJson from '../../fixtures/survival/datasets.json' with { type: 'json' };

/** An R value as written by jsonlite with na = "string". */
export type RValue = number | string | null;

/** Expects `actual` to match R's `expected` within a relative tolerance (exactly, for non-finite). */
export function expectClose(
  actual: number | undefined,
  expected: RValue | undefined,
  tolerance: number,
  what: string,
): void {
  const label = `${what}: got ${actual}, R has ${expected}`;
  if (expected === 'Inf' || expected === '-Inf') {
    expect(actual, label).toBe(expected === 'Inf' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY);
    return;
  }
  if (typeof expected !== 'number') {
    expect(Number.isNaN(actual), label).toBe(true);
    return;
  }
  expect(typeof actual, label).toBe('number');
  const error = Math.abs((actual ?? Number.NaN) - expected);
  const bound = expected === 0 ? 1e-12 : tolerance * Math.abs(expected);
  expect(error <= bound, `${label} (error ${error.toExponential(2)} > ${bound.toExponential(2)})`).toBe(true);
}

/** Element-wise {@link expectClose}, lengths included. */
export function expectCloseArray(
  actual: ArrayLike<number>,
  expected: readonly RValue[],
  tolerance: number,
  what: string,
): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], tolerance, `${what}[${i}]`);
}

/** A column of a dataset in fixtures/survival/datasets.json. */
export function datasetColumn(dataset: string, column: string): readonly (string | number)[] {
  const data = Object.entries(datasetsJson).find(([name]) => name === dataset)?.[1];
  const values: unknown =
    data === undefined ? undefined : Object.entries(data).find(([name]) => name === column)?.[1];
  if (!Array.isArray(values)) throw new Error(`fixture dataset ${dataset} has no column ${column}`);
  return values.map((v: unknown) => {
    if (typeof v !== 'number' && typeof v !== 'string')
      throw new Error(`${dataset}.${column}: bad value ${String(v)}`);
    return v;
  });
}

/** A numeric column; `firstEvent` turns a 0/1/2 status into 0/1 (any event), as generate.R does. */
export function numericColumn(dataset: string, column: string, firstEvent = false): number[] {
  return datasetColumn(dataset, column).map((v) => {
    if (typeof v !== 'number') throw new Error(`${dataset}.${column}: expected numbers, found "${v}"`);
    return firstEvent ? Number(v > 0) : v;
  });
}

/** The competing-risks status: a dataset's `cause` column where it has one, else `status` (as generate.R). */
export function competingStatus(dataset: string): number[] {
  const columns = Object.entries(datasetsJson).find(([name]) => name === dataset)?.[1];
  return numericColumn(dataset, columns !== undefined && 'cause' in columns ? 'cause' : 'status');
}
