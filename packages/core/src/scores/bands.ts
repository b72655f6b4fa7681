import { TrialError } from '../errors.js';

/**
 * One band of a points table. A band runs from its own lower bound up to the next band's lower bound
 * (half-open, FHIR-PROFILE.md §8). `exclusive` marks a bound the source writes as `>`: the bound itself
 * then stays in the band below (SOFA bilirubin `>12`, APACHE II PaO2 `>70`).
 */
export interface Band {
  /** Lower bound of the band, in the unit of the table. */
  readonly from: number;
  readonly points: number;
  /** True for a written `>` bound: `from` itself belongs to the band below. */
  readonly exclusive?: boolean;
}

/**
 * Looks a value up in a table of bands sorted by ascending lower bound.
 * @param value - The value, in the unit of the table.
 * @param below - Points of the lowest band, which takes everything below the first bound.
 * @param bands - Bands by ascending `from`.
 * @example pointsFromBands(12, 0, [{ from: 1.2, points: 1 }, { from: 12, points: 4, exclusive: true }]) // => 1
 */
export function pointsFromBands(value: number, below: number, bands: readonly Band[]): number {
  let points = below;
  for (const band of bands) {
    if (value > band.from || (value === band.from && band.exclusive !== true)) points = band.points;
    else break;
  }
  return points;
}

/** Where a value must lie: `[min, max]`, with `minExclusive` for a strict lower bound. */
export interface ValueRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  /** How the expected form is written in a message, e.g. `a number >= 0 (×10⁹/L)`. */
  readonly expected: string;
}

/**
 * Checks that a score input is a finite number inside its range.
 * @param name - Names the input in the message (`platelets10e9PerL`).
 * @throws TrialError `score.input` naming the input, what was expected and what was received.
 * @example requireInRange('gcs', 15, { min: 3, max: 15, expected: 'a GCS from 3 to 15' }) // => 15
 */
export function requireInRange(name: string, value: number, range: ValueRange): number {
  const tooLow = range.minExclusive === true ? value <= range.min : value < range.min;
  if (!Number.isFinite(value) || tooLow || value > range.max) {
    throw new TrialError('score.input', `${name}: expected ${range.expected}, received ${value}`, name);
  }
  return value;
}

/** A non-negative finite quantity. */
export function nonNegative(unit: string): ValueRange {
  return { min: 0, max: Number.MAX_VALUE, expected: `a number >= 0 (${unit})` };
}
