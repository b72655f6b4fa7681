import Table from 'cli-table3';

/** JSON text of a result: infinities become the strings "Inf" / "-Inf" (as R prints them), NaN null. */
export function toJson(result: unknown): string {
  return JSON.stringify(
    result,
    (_key, value: unknown) => {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        if (Number.isNaN(value)) return null;
        return value > 0 ? 'Inf' : '-Inf';
      }
      return value;
    },
    2,
  );
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Inf' : '-Inf';
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(7)));
  }
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A terminal rendering of any method's JSON result: scalars and number lists as "field | value"
 * rows, arrays of records (coefficients, arms) as their own tables, nested objects by dotted path.
 */
export function renderResultTable(result: unknown): string {
  const scalars = new Table({ head: ['field', 'value'], style: { head: [], border: [] } });
  const sections: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (isRecord(value)) {
      for (const [key, v] of Object.entries(value)) walk(v, path === '' ? key : `${path}.${key}`);
      return;
    }
    if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      const records = value.filter(isRecord);
      const head = [...new Set(records.flatMap((r) => Object.keys(r)))];
      const table = new Table({ head, style: { head: [], border: [] } });
      for (const r of records) table.push(head.map((h) => formatValue(r[h])));
      sections.push(`${path}\n${table.toString()}`);
      return;
    }
    scalars.push([path, formatValue(value)]);
  };
  walk(result, '');
  return [scalars.length > 0 ? scalars.toString() : '', ...sections].filter((s) => s !== '').join('\n');
}
