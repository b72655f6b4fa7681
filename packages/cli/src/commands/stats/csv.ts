import { parse } from 'csv-parse/sync';
import { UsageError } from '../../io.js';
import type { CsvTable } from './method.js';

function isRecordWithInfo(value: unknown): value is { record: unknown[]; info: { lines: number } } {
  if (typeof value !== 'object' || value === null) return false;
  const record: unknown = Reflect.get(value, 'record');
  const info: unknown = Reflect.get(value, 'info');
  return (
    Array.isArray(record) &&
    typeof info === 'object' &&
    info !== null &&
    typeof Reflect.get(info, 'lines') === 'number'
  );
}

/**
 * Parses CSV text (RFC 4180, through csv-parse) into a CsvTable keyed by the header row. Fields are
 * trimmed; empty lines are skipped.
 * @param file - File name, used in error messages.
 * @param text - The file's contents.
 * @throws UsageError naming the file, line and column for malformed CSV, a missing or duplicate
 *   header, or a row with the wrong number of fields.
 * @example readCsvTable('arms.csv', 'group,events,n\nifn,12,40\n').rows[0] // => { group: 'ifn', events: '12', n: '40' }
 */
export function readCsvTable(file: string, text: string): CsvTable {
  let parsed: unknown;
  try {
    parsed = parse(text, { info: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const lines: unknown = cause instanceof Error ? Reflect.get(cause, 'lines') : undefined;
    const column: unknown = cause instanceof Error ? Reflect.get(cause, 'column') : undefined;
    const where = typeof lines === 'number' ? `line ${lines}` : 'unknown line';
    const col = typeof column === 'number' && column > 0 ? `, column ${column}` : '';
    throw new UsageError(`${file}: ${where}${col}: malformed CSV: ${message}`, { cause });
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw new UsageError(`${file}: line 1: the file is empty; expected a header row`);
  const records = parsed.filter(isRecordWithInfo);
  const header = records[0]?.record.map(String) ?? [];
  header.forEach((name, i) => {
    if (name === '')
      throw new UsageError(`${file}: line 1, column ${i + 1}: empty column name in the header`);
    if (header.indexOf(name) !== i)
      throw new UsageError(`${file}: line 1, column ${i + 1}: duplicate column name '${name}'`);
  });
  const rows: Record<string, string>[] = [];
  const lines: number[] = [];
  for (const { record, info } of records.slice(1)) {
    const fields = record.map(String);
    // info.lines is the line a record ends on; a quoted field may span lines.
    const newlines = fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - newlines;
    if (fields.length !== header.length) {
      throw new UsageError(
        `${file}: line ${line}: expected ${header.length} fields (${header.join(', ')}), got ${fields.length}`,
      );
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = fields[i] ?? '';
    });
    rows.push(row);
    lines.push(line);
  }
  return { file, columns: header, rows, lines };
}
