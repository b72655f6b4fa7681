import { TrialError } from '@immunotrial/core';

/** One segment of a field path: an object key or an array index. */
export type PathSegment = string | number;

/**
 * Formats a field path the way messages show it.
 * @example formatPath(['valueQuantity', 'value']) // => 'valueQuantity.value'
 * @example formatPath(['code', 'coding', 0, 'system']) // => 'code.coding[0].system'
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/**
 * Describes a received value in a message: strings quoted, short values as written, containers by kind.
 * @example describeReceived('abc') // => '"abc"'
 * @example describeReceived(undefined) // => 'nothing'
 */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * A problem in one field of one resource, before the file and entry are known. The reader wraps it into a
 * TrialError `fhir.invalid` naming the file, entry and resource.
 */
export class FieldIssue extends Error {
  readonly path: PathSegment[];
  readonly detail: string;

  /**
   * @param path - Field path inside the resource (`['valueQuantity', 'value']`).
   * @param detail - What was expected and found (`expected a number, received "abc"`).
   */
  constructor(path: PathSegment[], detail: string) {
    super(path.length === 0 ? detail : `${formatPath(path)}: ${detail}`);
    this.name = 'FieldIssue';
    this.path = path;
    this.detail = detail;
  }

  /** Adds an outer path segment (the compiled validator builds paths while unwinding). */
  prefix(segment: PathSegment): this {
    this.path.unshift(segment);
    this.message = `${formatPath(this.path)}: ${this.detail}`;
    return this;
  }
}

/** Where a resource came from: the file, and the line (NDJSON) and/or entry index (Bundle). */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number | undefined;
  readonly entry?: number | undefined;
}

/**
 * The prefix that locates a resource in messages.
 * @example describeLocation({ file: 'x.json', entry: 12 }, 'Observation/abc') // => 'x.json: entry[12] (Observation/abc)'
 * @example describeLocation({ file: 'x.ndjson', line: 3 }, 'Patient/p1') // => 'x.ndjson: line 3 (Patient/p1)'
 */
export function describeLocation(loc: SourceLocation, ref?: string): string {
  const parts: string[] = [];
  if (loc.line !== undefined) parts.push(`line ${loc.line}`);
  if (loc.entry !== undefined) parts.push(`entry[${loc.entry}]`);
  const where = parts.length > 0 ? `${loc.file}: ${parts.join(', ')}` : loc.file;
  return ref === undefined ? where : `${where} (${ref})`;
}

/**
 * Turns a FieldIssue into the TrialError `fhir.invalid` that names the file, entry, resource and field.
 * @example invalidResource({ file: 'x.json', entry: 12 }, 'Observation/abc', issue).message
 * // => 'x.json: entry[12] (Observation/abc): valueQuantity.value: expected a number, received "abc"'
 */
export function invalidResource(loc: SourceLocation, ref: string | undefined, issue: FieldIssue): TrialError {
  const entryPath = loc.entry === undefined ? '' : `entry[${loc.entry}].resource`;
  const field = formatPath(issue.path);
  const path = entryPath === '' ? field : field === '' ? entryPath : `${entryPath}.${field}`;
  const message = field === '' ? issue.detail : `${field}: ${issue.detail}`;
  return new TrialError('fhir.invalid', `${describeLocation(loc, ref)}: ${message}`, path, { cause: issue });
}
