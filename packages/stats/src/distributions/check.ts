/** Which tail of a distribution a CDF or quantile refers to: P(X <= x) ('lower') or P(X > x) ('upper'). */
export type Tail = 'lower' | 'upper';

/** Throws a RangeError unless `value` is a finite number. */
export function assertFinite(value: number, what: string, where: string): void {
  if (!Number.isFinite(value))
    throw new RangeError(`${where}: ${what} must be a finite number, got ${value}`);
}

/** Throws unless `value` is a finite number > 0. */
export function assertPositive(value: number, what: string, where: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${where}: ${what} must be a finite number > 0, got ${value}`);
  }
}

/** Throws unless `value` is a whole number >= 0. */
export function assertCount(value: number, what: string, where: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${where}: ${what} must be a whole number >= 0, got ${value}`);
  }
}

/** Throws unless `value` is a probability in [0, 1]. */
export function assertProbability(value: number, what: string, where: string): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${where}: ${what} must be in [0, 1], got ${value}`);
}

/** Throws unless `value` is not NaN (infinite quantiles are valid arguments of a CDF). */
export function assertNotNaN(value: number, what: string, where: string): void {
  if (Number.isNaN(value)) throw new RangeError(`${where}: ${what} must be a number, got NaN`);
}

/** Throws unless `tail` is 'lower' or 'upper' (guards callers that pass strings from outside). */
export function assertTail(tail: string, where: string): void {
  if (tail !== 'lower' && tail !== 'upper') {
    throw new RangeError(`${where}: tail must be 'lower' or 'upper', got '${tail}'`);
  }
}
