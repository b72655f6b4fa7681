import { UsageError } from '../../io.js';
import type { CsvTable } from './method.js';

/** Throws unless the table has the named column (the message lists the columns it has). */
export function requireColumn(table: CsvTable, name: string, option: string): void {
  if (!table.columns.includes(name)) {
    throw new UsageError(
      `${table.file}: ${option}: no column '${name}' (columns: ${table.columns.join(', ')})`,
    );
  }
}

function where(table: CsvTable, i: number, column: string): string {
  return `${table.file}: line ${table.lines?.[i] ?? i + 2}, column '${column}'`;
}

/** The values of a column as finite numbers; the error names the file, line and column. */
export function numberColumn(table: CsvTable, column: string, option: string): number[] {
  requireColumn(table, column, option);
  return table.rows.map((row, i) => {
    const text = row[column] ?? '';
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value))
      throw new UsageError(`${where(table, i, column)}: expected a number, got '${text}'`);
    return value;
  });
}

/** The values of a column as whole numbers >= 0. */
export function countColumn(table: CsvTable, column: string, option: string): number[] {
  const values = numberColumn(table, column, option);
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0)
      throw new UsageError(`${where(table, i, column)}: expected a whole number >= 0, got '${v}'`);
  });
  return values;
}

/** The values of a column as 0/1 outcomes. */
export function binaryColumn(table: CsvTable, column: string, option: string): number[] {
  const values = numberColumn(table, column, option);
  values.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new UsageError(`${where(table, i, column)}: expected 0 or 1, got '${v}'`);
  });
  return values;
}

/** The values of a column as non-empty labels. */
export function labelColumn(table: CsvTable, column: string, option: string): string[] {
  requireColumn(table, column, option);
  return table.rows.map((row, i) => {
    const text = row[column] ?? '';
    if (text === '') throw new UsageError(`${where(table, i, column)}: empty value`);
    return text;
  });
}

/** The distinct values of labels in sorted order (R's factor level order). */
export function sortedLevels(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const CONTROL_NAMES = /^(placebo|control|controls|standard|soc|usual[ _-]?care)$/i;

/**
 * The treatment and control arms among exactly two group levels: `treatment` if given; otherwise, if
 * exactly one level is named like a control (placebo, control, standard, soc, usual care), the other;
 * otherwise the second level in sorted order (the first, as R's reference level, is the control).
 */
export function twoArms(
  levels: readonly string[],
  treatment: string | undefined,
  option = '--group',
): [string, string] {
  if (levels.length !== 2) {
    throw new UsageError(
      `${option}: expected exactly 2 groups, found ${levels.length} (${levels.join(', ')})`,
    );
  }
  const [first, second] = levels;
  if (first === undefined || second === undefined) throw new UsageError(`${option}: expected 2 groups`);
  if (treatment === undefined) {
    const controls = levels.filter((l) => CONTROL_NAMES.test(l));
    if (controls.length === 1) return controls[0] === first ? [second, first] : [first, second];
    return [second, first];
  }
  if (treatment === first) return [first, second];
  if (treatment === second) return [second, first];
  throw new UsageError(`--treatment: '${treatment}' is not a group (groups: ${levels.join(', ')})`);
}
