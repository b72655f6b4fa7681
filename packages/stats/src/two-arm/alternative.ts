/** The alternative hypothesis, as R's `alternative` argument. */
export type Alternative = 'two.sided' | 'less' | 'greater';

/** Throws a RangeError unless `value` is one of R's three alternatives. */
export function assertAlternative(value: string, where: string): asserts value is Alternative {
  if (value !== 'two.sided' && value !== 'less' && value !== 'greater') {
    throw new RangeError(`${where}: alternative must be 'two.sided', 'less' or 'greater', got '${value}'`);
  }
}

/** Throws unless 0 < confLevel < 1. */
export function assertConfLevel(confLevel: number, where: string): void {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`${where}: confLevel must be in (0, 1), got ${confLevel}`);
  }
}

/** Throws unless `value` is a whole number >= 0. */
export function assertCell(value: number, what: string, where: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${where}: ${what} must be a whole number >= 0, got ${value}`);
  }
}
