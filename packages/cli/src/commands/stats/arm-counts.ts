import { UsageError } from '../../io.js';
import { binaryColumn, countColumn, labelColumn, sortedLevels, twoArms } from './columns.js';
import type { CsvTable } from './method.js';
import { stringOption } from './options.js';

/** Events and patients of one arm, with the CSV row it came from when given per arm. */
export interface ArmSummary {
  readonly group: string;
  readonly events: number;
  readonly n: number;
  /** Index of the arm's row in a one-row-per-arm table. */
  readonly row?: number;
  /** Indices of the arm's rows in a one-row-per-patient table. */
  readonly rows?: readonly number[];
}

/**
 * Treatment and control counts from either one row per patient (--group and --outcome 0/1) or one row
 * per arm (--group, --events, --n). The treatment is --treatment, or the second group in sorted order.
 */
export function readArmCounts(
  options: Readonly<Record<string, unknown>>,
  data: CsvTable,
): [ArmSummary, ArmSummary] {
  const groupColumn = stringOption(options, 'group') ?? 'group';
  const outcome = stringOption(options, 'outcome');
  const eventsColumn = stringOption(options, 'events');
  const nColumn = stringOption(options, 'n');
  const groups = labelColumn(data, groupColumn, '--group');
  const [treatment, control] = twoArms(sortedLevels(groups), stringOption(options, 'treatment'));
  if (outcome !== undefined) {
    if (eventsColumn !== undefined || nColumn !== undefined) {
      throw new UsageError(
        'give either --outcome (one row per patient) or --events and --n (one row per arm), not both',
      );
    }
    const y = binaryColumn(data, outcome, '--outcome');
    const arm = (group: string): ArmSummary => {
      const rows = groups.flatMap((g, i) => (g === group ? [i] : []));
      return { group, events: rows.reduce((s, i) => s + (y[i] ?? 0), 0), n: rows.length, rows };
    };
    return [arm(treatment), arm(control)];
  }
  if (eventsColumn === undefined || nColumn === undefined) {
    throw new UsageError('give --outcome (one row per patient) or both --events and --n (one row per arm)');
  }
  const events = countColumn(data, eventsColumn, '--events');
  const n = countColumn(data, nColumn, '--n');
  const arm = (group: string): ArmSummary => {
    const rows = groups.flatMap((g, i) => (g === group ? [i] : []));
    const row = rows[0];
    if (rows.length !== 1 || row === undefined) {
      throw new UsageError(
        `${data.file}: group '${group}' has ${rows.length} rows; one row per arm is expected with --events and --n`,
      );
    }
    const e = events[row] ?? 0;
    const size = n[row] ?? 0;
    if (e > size) {
      throw new UsageError(
        `${data.file}: line ${data.lines?.[row] ?? row + 2}, column '${eventsColumn}': ${e} events exceed n = ${size}`,
      );
    }
    return { group, events: e, n: size, row };
  };
  return [arm(treatment), arm(control)];
}
