import type { Covariate } from '@immunotrial/stats';
import { UsageError } from '../../io.js';
import { binaryColumn, labelColumn, numberColumn } from './columns.js';
import type { CsvTable } from './method.js';
import { stringOption } from './options.js';

type Options = Readonly<Record<string, unknown>>;

function where(table: CsvTable, i: number, column: string): string {
  return `${table.file}: line ${table.lines?.[i] ?? i + 2}, column '${column}'`;
}

/** The follow-up times (`--time`, default column `time`): numbers >= 0. */
export function timeColumn(options: Options, table: CsvTable): number[] {
  const column = stringOption(options, 'time') ?? 'time';
  const values = numberColumn(table, column, '--time');
  values.forEach((v, i) => {
    if (v < 0) throw new UsageError(`${where(table, i, column)}: a time must be >= 0, got '${v}'`);
  });
  return values;
}

/** The event indicator (`--status`, default column `status`) for single-event methods: 0 or 1. */
export function eventColumn(options: Options, table: CsvTable): number[] {
  return binaryColumn(table, stringOption(options, 'status') ?? 'status', '--status');
}

/** The competing-risks status (`--status`): whole numbers >= 0 (censoring code, causes). */
export function competingColumn(options: Options, table: CsvTable): number[] {
  const column = stringOption(options, 'status') ?? 'status';
  const values = numberColumn(table, column, '--status');
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < 0) {
      throw new UsageError(
        `${where(table, i, column)}: expected a status code (a whole number >= 0), got '${v}'`,
      );
    }
  });
  return values;
}

/** An optional label column (`--group`, `--strata`). */
export function optionalLabels(
  options: Options,
  table: CsvTable,
  key: 'group' | 'strata',
): string[] | undefined {
  const column = stringOption(options, key);
  return column === undefined ? undefined : labelColumn(table, column, `--${key}`);
}

/**
 * The covariates of `--covariates a,b,factor(c)`: plain names are numeric columns, `factor(name)` a
 * factor with treatment contrasts (reference: the first level in sorted order, as R).
 */
export function covariateColumns(options: Options, table: CsvTable): Covariate[] {
  const text = stringOption(options, 'covariates');
  if (text === undefined || text.trim() === '')
    throw new UsageError('--covariates is required (e.g. arm,age or factor(arm),age)');
  return text.split(',').map((part) => {
    const spec = part.trim();
    const factor = /^factor\((.+)\)$/.exec(spec);
    const name = factor?.[1]?.trim();
    if (name !== undefined) return { name, values: labelColumn(table, name, '--covariates'), factor: true };
    if (spec === '') throw new UsageError(`--covariates: empty name in '${text}'`);
    return { name: spec, values: numberColumn(table, spec, '--covariates') };
  });
}
