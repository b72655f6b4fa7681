import { TrialError } from '@immunotrial/core';
import { parseFhirDateTime, type FhirTime } from '../fhir/datetime.js';

/** A problem in one cell, before the file and line are known. */
export class CellIssue extends Error {
  readonly column: string;
  constructor(column: string, message: string) {
    super(message);
    this.name = 'CellIssue';
    this.column = column;
  }
}

/** The header of a CSV file: column name → index. */
export class CsvHeader {
  readonly names: readonly string[];
  private readonly index: ReadonlyMap<string, number>;

  /**
   * @param names - The header cells (trimmed).
   * @param required - Columns that must be present.
   * @param optional - Other columns allowed.
   * @throws TrialError `csv.invalid` naming the file and the missing or unknown column.
   */
  constructor(
    names: readonly string[],
    required: readonly string[],
    optional: readonly string[],
    file: string,
  ) {
    this.names = names.map((n) => n.trim());
    this.index = new Map(this.names.map((n, i) => [n, i]));
    const missing = required.filter((c) => !this.index.has(c));
    if (missing.length > 0) {
      throw new TrialError(
        'csv.invalid',
        `${file}: line 1: missing column ${missing.map((m) => `"${m}"`).join(', ')}; expected a header with ${required.join(',')}`,
        'line 1',
      );
    }
    const known = new Set([...required, ...optional]);
    const unknown = this.names.find((n) => !known.has(n));
    if (unknown !== undefined) {
      throw new TrialError(
        'csv.invalid',
        `${file}: line 1: unknown column "${unknown}"; expected ${[...required, ...optional].join(', ')}`,
        'line 1',
      );
    }
  }

  /** 1-based column number of a name (0 when absent). */
  columnNumber(name: string): number {
    return (this.index.get(name) ?? -1) + 1;
  }

  /** Reads one record's cells by column name. */
  row(fields: readonly string[]): CsvRow {
    return new CsvRow(this.index, fields);
  }
}

/** One record of a CSV file, read by column name. */
export class CsvRow {
  private readonly index: ReadonlyMap<string, number>;
  private readonly fields: readonly string[];

  constructor(index: ReadonlyMap<string, number>, fields: readonly string[]) {
    this.index = index;
    this.fields = fields;
  }

  /** The trimmed cell, '' when the column is absent or empty. */
  get(name: string): string {
    const i = this.index.get(name);
    return i === undefined ? '' : (this.fields[i] ?? '').trim();
  }

  /** A cell that must not be empty. @throws CellIssue */
  required(name: string, what: string): string {
    const v = this.get(name);
    if (v === '') throw new CellIssue(name, `expected ${what}, received nothing`);
    return v;
  }

  /** A finite number. @throws CellIssue */
  number(name: string): number {
    const text = this.required(name, 'a number');
    const n = Number(text);
    if (!Number.isFinite(n)) throw new CellIssue(name, `expected a number, received ${JSON.stringify(text)}`);
    return n;
  }

  /** An ISO-8601 date-time with offset, or a bare date (local midnight). @throws CellIssue */
  time(name: string): FhirTime {
    const text = this.required(name, 'an ISO-8601 time');
    const t = parseFhirDateTime(text);
    if (t === undefined) {
      throw new CellIssue(
        name,
        `expected an ISO-8601 time with offset (2026-03-11T08:00:00+01:00) or a date (2026-03-11), received ${JSON.stringify(text)}`,
      );
    }
    return t;
  }

  /** `true`/`false` (empty = undefined). @throws CellIssue */
  boolean(name: string): boolean | undefined {
    const v = this.get(name);
    if (v === '') return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    throw new CellIssue(name, `expected true or false, received ${JSON.stringify(v)}`);
  }
}
