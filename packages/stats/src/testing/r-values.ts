// Test support: reading numbers from the R fixtures (see fixtures/json17.R) and comparing them.
import { expect } from 'vitest';

/** A number from a fixture: json17.R writes Inf, -Inf and NaN as strings and NA as null. */
export function rNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  if (value === 'NaN' || value === null) return NaN;
  throw new TypeError(`not a fixture number: ${JSON.stringify(value)}`);
}

/** An array of numbers from a fixture (a scalar becomes a one-element array). */
export function rNumbers(value: unknown): number[] {
  return Array.isArray(value) ? value.map(rNumber) : [rNumber(value)];
}

/** |actual - expected| / max(|expected|, absFloor); 0 when both are the same infinity or both NaN. */
export function relativeError(actual: number, expected: number, absFloor = 0): number {
  if (Object.is(actual, expected)) return 0;
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Infinity;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return actual === expected ? 0 : Infinity;
  const scale = Math.max(Math.abs(expected), absFloor);
  return scale === 0 ? Math.abs(actual) : Math.abs(actual - expected) / scale;
}

/** Asserts `actual` is within `rel` relative error of R's `expected` (absolute below `absFloor`). */
export function expectCloseToR(
  actual: number,
  expected: number,
  rel: number,
  label: string,
  absFloor = 0,
): void {
  const error = relativeError(actual, expected, absFloor);
  expect(error, `${label}: got ${actual}, R gives ${expected}`).toBeLessThanOrEqual(rel);
}
