import { formatPath, isAssumed } from '@immunotrial/core';

/** A value of a protocol that no public source gives, with where it is and why it was chosen. */
export interface AssumedEntry {
  readonly path: string;
  readonly value: string;
  readonly provenance: string;
}

/** A value as printed in summaries: `1.4`, `1, 3, 5`, `200 mg`, `active 1, placebo 1`. */
export function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(formatValue).join(', ');
  if (typeof v === 'object' && v !== null && Object.keys(v).every((k) => k === 'value' || k === 'unit')) {
    // A quantity or duration: `200 mg`, `8 h`.
    const unit: unknown = Reflect.get(v, 'unit');
    return `${formatValue(Reflect.get(v, 'value'))}${typeof unit === 'string' && unit !== '1' ? ` ${unit}` : ''}`;
  }
  if (typeof v === 'object' && v !== null)
    return Object.entries(v)
      .map(([k, x]) => `${k} ${formatValue(x)}`)
      .join(', ');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/**
 * Every `assumed: true` value of a protocol (Assumed values, assumed dose modifications), in file order.
 * @example collectAssumptions({ a: { value: 1, assumed: true, provenance: 'x' } }) // => [{ path: 'a', value: '1', provenance: 'x' }]
 */
export function collectAssumptions(protocol: unknown): AssumedEntry[] {
  const out: AssumedEntry[] = [];
  const visit = (node: unknown, path: readonly PropertyKey[]): void => {
    if (Array.isArray(node)) {
      node.forEach((x, i) => {
        visit(x, [...path, i]);
      });
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    if (isAssumed(node)) {
      const unit = typeof node.unit === 'string' && node.unit !== '1' ? ` ${node.unit}` : '';
      const when: unknown = Reflect.get(node, 'when');
      const action: unknown = Reflect.get(node, 'action');
      const value =
        node.value !== undefined
          ? `${formatValue(node.value)}${unit}`
          : `${formatValue(when)} -> ${formatValue(action)}`;
      out.push({ path: formatPath(path), value, provenance: node.provenance });
      return;
    }
    for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
  };
  visit(protocol, []);
  return out;
}
