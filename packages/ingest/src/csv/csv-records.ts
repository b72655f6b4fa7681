import { parse } from 'csv-parse/sync';
import { TrialError } from '@immunotrial/core';
import { readLineBatches } from '../read/read-lines.js';

/** One CSV record and the line it starts on. */
export interface CsvRecord {
  readonly fields: string[];
  readonly line: number;
}

function quoteCount(line: string): number {
  let n = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) n++;
  return n;
}

function parseQuoted(text: string, path: string, line: number): unknown {
  try {
    return parse(text, { relax_column_count: true });
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new TrialError(
      'csv.invalid',
      `${path}: line ${line}: malformed quoted field: ${why}`,
      `line ${line}`,
      { cause },
    );
  }
}

/**
 * Streams the records of a CSV file (RFC 4180) in batches, with constant memory. Lines without a quote
 * (nearly all of a long-format file) are split on commas directly; a record with quotes, which may span
 * lines, goes through csv-parse, so quoting and escaped quotes follow the RFC.
 * @example for await (const batch of readCsvRecords('observations.csv')) for (const r of batch) …
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord[], void, undefined> {
  let pending: { text: string; line: number; quotes: number } | undefined;
  for await (const { lines, firstLine } of readLineBatches(path)) {
    const out: CsvRecord[] = [];
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k] ?? '';
      const number = firstLine + k;
      if (pending !== undefined) {
        pending.text += `\n${line}`;
        pending.quotes += quoteCount(line);
        if (pending.quotes % 2 === 1) continue;
      } else {
        if (line === '') continue;
        const quotes = quoteCount(line);
        if (quotes === 0) {
          out.push({ fields: line.split(','), line: number });
          continue;
        }
        pending = { text: line, line: number, quotes };
        if (quotes % 2 === 1) continue;
      }
      const rows = parseQuoted(pending.text, path, pending.line);
      if (Array.isArray(rows)) {
        for (const row of rows) {
          if (Array.isArray(row)) out.push({ fields: row.map(String), line: pending.line });
        }
      }
      pending = undefined;
    }
    if (out.length > 0) yield out;
  }
  if (pending !== undefined) {
    throw new TrialError(
      'csv.invalid',
      `${path}: line ${pending.line}: a quoted field is not closed`,
      `line ${pending.line}`,
    );
  }
}
