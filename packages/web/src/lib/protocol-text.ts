/**
 * A protocol quantity as text, whether written plainly (`{value: 200, unit: mg}`) or marked as an assumption
 * (`{value: {value: 200, unit: mg}, assumed: true, provenance}`, or `{value: 1, unit: h, assumed: true}`).
 * @example quantityText({ value: 200, unit: 'mg' }) // => '200 mg'
 * @example quantityText({ value: 4, unit: 'h', assumed: true }) // => '4 h (assumed)'
 */
export function quantityText(q: unknown): string {
  if (q === undefined || q === null) return '';
  if (typeof q === 'number' || typeof q === 'string') return String(q);
  if (Array.isArray(q)) return q.map(quantityText).join(', ');
  if (typeof q !== 'object') return '';
  const record: Record<string, unknown> = { ...q };
  const assumed = record.assumed === true ? ' (assumed)' : '';
  if (typeof record.before === 'number' && typeof record.after === 'number') {
    return `${record.before} days before to ${record.after} days after${assumed}`;
  }
  const inner = record.value;
  if (typeof inner === 'object' && inner !== null && !Array.isArray(inner))
    return `${quantityText(inner)}${assumed}`;
  const unit = typeof record.unit === 'string' ? ` ${record.unit}` : '';
  if (typeof inner === 'number' || typeof inner === 'string') return `${inner}${unit}${assumed}`;
  if (Array.isArray(inner)) return `${inner.map(quantityText).join(', ')}${unit}${assumed}`;
  return '';
}

/**
 * A dosing schedule as text ("every 8 h, day 1 to 15"; "days 1, 2, 3").
 * @example scheduleText({ every: { value: 8, unit: 'h' }, first_day: 1, last_day: 15 }) // => 'every 8 h, day 1 to 15'
 */
export function scheduleText(schedule: unknown): string {
  if (typeof schedule !== 'object' || schedule === null) return '';
  const s: Record<string, unknown> = { ...schedule };
  const parts: string[] = [];
  if (Array.isArray(s.days)) parts.push(`days ${s.days.map(String).join(', ')}`);
  if (s.every !== undefined) parts.push(`every ${quantityText(s.every)}`);
  if (typeof s.first_day === 'number' && typeof s.last_day === 'number')
    parts.push(`day ${s.first_day} to ${s.last_day}`);
  if (typeof s.max_doses === 'number') parts.push(`at most ${s.max_doses} doses`);
  return parts.join(', ');
}
