/**
 * Warnings gathered while ingesting: single lines (a rejected unit, a missing time) and counted skips
 * summarised at the end, e.g. `skipped 3 Observations with codes no criterion reads: LOINC 1234-5 (2),
 * LOINC 2345-7 (1)`.
 */
export class WarningLog {
  private readonly lines: string[] = [];
  private readonly counts = new Map<string, Map<string, number>>();

  /** Adds one warning line. */
  warn(message: string): void {
    this.lines.push(message);
  }

  /** Counts one skipped item of `category`, keyed by e.g. `LOINC 1234-5`. */
  skip(category: string, key: string): void {
    let byKey = this.counts.get(category);
    if (!byKey) {
      byKey = new Map();
      this.counts.set(category, byKey);
    }
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }

  /**
   * The warning lines, then one summary line per skipped category (keys by decreasing count, at most 10).
   * @example log.messages() // => ['Observation/x: unit "mg" is not accepted …', 'skipped 3 Observations with codes no criterion reads: LOINC 1234-5 (2), LOINC 2345-7 (1)']
   */
  messages(): string[] {
    const out = [...this.lines];
    for (const [category, byKey] of this.counts) {
      const entries = [...byKey].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const total = entries.reduce((s, [, n]) => s + n, 0);
      const shown = entries.slice(0, 10).map(([k, n]) => `${k} (${n})`);
      const more = entries.length > 10 ? `, and ${entries.length - 10} more codes` : '';
      out.push(`skipped ${total} ${category}: ${shown.join(', ')}${more}`);
    }
    return out;
  }
}
