/** A grouping variable coded as 0-based level indices, like an R factor. */
export interface GroupCoding {
  /** Level names in order; the first is the reference level for contrasts. */
  readonly levels: readonly string[];
  /** Level index of each row. */
  readonly index: Int32Array;
  /** Number of rows in each level. */
  readonly counts: readonly number[];
}

/**
 * Codes a grouping variable as an R factor does: levels sorted numerically when every value is a
 * number (or a numeric string), otherwise by code point (R's `sort` in the C locale). Pass `levels`
 * to fix the order (the first is then the reference).
 * @param values - One label per row.
 * @param name - The argument's name, for messages.
 * @param levels - Optional explicit level order; every value must be one of them.
 * @throws RangeError if a value is not among `levels`, a value is empty, or a level has no rows.
 * @example codeGroups(['b', 'a', 'b'], 'group').levels // => ['a', 'b']
 */
export function codeGroups(
  values: readonly (string | number)[],
  name: string,
  levels?: readonly string[],
): GroupCoding {
  const labels = values.map((v, i) => {
    const label = String(v);
    if (label === '' || (typeof v === 'number' && !Number.isFinite(v))) {
      throw new RangeError(`${name}[${i}] is missing (${label === '' ? 'empty' : label})`);
    }
    return label;
  });
  const order = levels ?? defaultLevels(labels);
  const position = new Map<string, number>();
  order.forEach((level, i) => {
    if (position.has(level)) throw new RangeError(`${name} levels list "${level}" twice`);
    position.set(level, i);
  });
  const index = new Int32Array(labels.length);
  const counts = order.map(() => 0);
  labels.forEach((label, i) => {
    const k = position.get(label);
    if (k === undefined) {
      throw new RangeError(`${name}[${i}] is "${label}", which is not one of the levels ${order.join(', ')}`);
    }
    index[i] = k;
    counts[k] = (counts[k] ?? 0) + 1;
  });
  counts.forEach((count, k) => {
    if (count === 0) throw new RangeError(`${name} level "${order[k] ?? ''}" has no rows`);
  });
  return { levels: order, index, counts };
}

/** Throws if a group has a single row: no comparison or curve can rest on one patient. */
export function checkGroupSizes(coding: GroupCoding, name: string): void {
  coding.counts.forEach((count, k) => {
    if (count < 2) {
      throw new RangeError(`${name} "${coding.levels[k] ?? ''}" has ${count} row; at least 2 are needed`);
    }
  });
}

function defaultLevels(labels: readonly string[]): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((label) => label.trim() !== '' && Number.isFinite(Number(label)));
  if (numeric) return unique.sort((a, b) => Number(a) - Number(b));
  return unique.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
