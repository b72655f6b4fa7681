import type { JsonValue } from '../schema.js';

/**
 * JSON with object keys sorted at every level and no whitespace: one text for one value, whatever the
 * key order a driver or jsonb returned (RFC 8785's key ordering; numbers as JavaScript prints them).
 * @throws TypeError for a value JSON cannot hold (undefined, a function, a non-finite number).
 * @example canonicalJson({ b: 1, a: [true, null] }) // => '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = value[k];
    if (v === undefined) throw new TypeError(`canonicalJson: key "${k}" is undefined`);
    parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
