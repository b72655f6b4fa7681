import type { Command } from 'commander';

/** A CSV file read into columns by header name; `line` numbers start at 1 for the header. */
export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
  /** The line on which each row starts (rows[i] is on lines[i]); absent for tables built in memory. */
  readonly lines?: readonly number[];
}

/**
 * One `immunotrial stats <method>`: its options and how it turns options and data into a JSON-able
 * result (R's field names in snake_case) and a terminal table.
 */
export interface StatsMethod {
  readonly name: string;
  readonly description: string;
  /** Whether `--data FILE.csv` is required, optional or not used. */
  readonly data: 'required' | 'optional' | 'none';
  /** Adds the method's options (R's argument names in kebab case). */
  readonly configure: (command: Command) => void;
  /** Runs the analysis. Throws RangeError or UsageError on bad input, naming the line and column. */
  readonly run: (options: Readonly<Record<string, unknown>>, data: CsvTable | undefined) => unknown;
  /** Renders the result for `--format table`. */
  readonly table: (result: unknown) => string;
}
