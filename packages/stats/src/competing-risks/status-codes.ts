/** Event codes of a competing-risks status column. */
export interface CompetingStatus {
  /** The distinct event codes (every code other than the censoring code), ascending. */
  readonly causes: readonly number[];
  /** Per row: the index of its cause in `causes`, or -1 when censored. */
  readonly cause: Int32Array;
}

/**
 * Reads a competing-risks status column as cmprsk does: `cencode` marks censoring, every other code
 * is a cause of failure.
 * @throws RangeError if a status is not an integer >= 0, or if there are no events.
 */
export function codeCompetingStatus(status: readonly number[], cencode = 0): CompetingStatus {
  const seen = new Set<number>();
  status.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0) {
      throw new RangeError(
        `status[${i}] is ${s}; expected the censoring code ${cencode} or an event code (an integer >= 0)`,
      );
    }
    if (s !== cencode) seen.add(s);
  });
  const causes = [...seen].sort((a, b) => a - b);
  if (causes.length === 0)
    throw new RangeError(`status has no events (every row has the censoring code ${cencode})`);
  const index = new Map(causes.map((c, k) => [c, k]));
  const cause = new Int32Array(status.length);
  // Status codes are small integers in practice: a lookup table avoids a Map lookup per row.
  const largest = causes[causes.length - 1] ?? 0;
  const table = largest < 4096 ? new Int32Array(largest + 1).fill(-1) : undefined;
  if (table !== undefined) {
    causes.forEach((c, k) => {
      table[c] = k;
    });
  }
  for (let i = 0; i < status.length; i++) {
    const s = status[i] ?? cencode;
    cause[i] = s === cencode ? -1 : table !== undefined ? (table[s] ?? -1) : (index.get(s) ?? -1);
  }
  return { causes, cause };
}
