import { z } from 'zod';

/** A schema problem before it is placed in the file: its path, message and which part of the node to point at. */
export interface StructuralIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** Point at the key of the last segment (an unknown field) rather than the value. */
  readonly atKey?: boolean;
}

/**
 * Describes a value as found in the file, briefly.
 * @example describeFound('abc') // => '"abc"'
 * @example describeFound([1, 2]) // => 'a list'
 */
export function describeFound(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'an empty value';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

const EXPECTED_TYPES: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  record: 'a mapping',
  literal: 'a fixed value',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A bound of a too_small / too_big issue in words. */
function bound(origin: string, limit: number | bigint, inclusive: boolean, small: boolean): string {
  const n = Number(limit);
  if (origin === 'array' || origin === 'set') return `${small ? 'at least' : 'at most'} ${plural(n, 'item')}`;
  if (origin === 'string') {
    return small && n === 1
      ? 'a non-empty text'
      : `${small ? 'at least' : 'at most'} ${plural(n, 'character')}`;
  }
  return `a number ${small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<'} ${String(limit)}`;
}

function foundCount(input: unknown): string {
  if (Array.isArray(input)) return plural(input.length, 'item');
  return describeFound(input);
}

/** Keys an object schema accepts at a path, for "expected one of" in unknown-field messages. */
export function acceptedKeys(schema: z.ZodType, path: readonly PropertyKey[]): readonly string[] {
  const keys = new Set<string>();
  const visit = (s: z.ZodType, rest: readonly PropertyKey[]): void => {
    if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) {
      visit(s.unwrap() as z.ZodType, rest);
    } else if (s instanceof z.ZodUnion) {
      for (const o of s.options as readonly z.ZodType[]) visit(o, rest);
    } else if (s instanceof z.ZodArray) {
      if (rest.length > 0 && typeof rest[0] === 'number') visit(s.element as z.ZodType, rest.slice(1));
    } else if (s instanceof z.ZodRecord) {
      if (rest.length > 0) visit(s.valueType as z.ZodType, rest.slice(1));
    } else if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, z.ZodType>;
      if (rest.length === 0) for (const k of Object.keys(shape)) keys.add(k);
      else {
        const next = shape[String(rest[0])];
        if (next) visit(next, rest.slice(1));
      }
    }
  };
  visit(schema, path);
  return [...keys];
}

function depth(issues: readonly z.core.$ZodIssue[]): number {
  return Math.min(
    ...issues.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? -1 : i.path.length)),
  );
}

/**
 * Turns zod issues into messages that say what was found and what was expected. A union (a value or its
 * `Assumed` form) reports the branch that got furthest; an unknown field lists the accepted ones.
 * @param schema - The schema that was parsed (for accepted keys).
 * @param issues - `safeParse(data, { reportInput: true }).error.issues`.
 */
export function describeZodIssues(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): StructuralIssue[] {
  const out: StructuralIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const found = describeFound(issue.input);
    switch (issue.code) {
      case 'invalid_type': {
        const expected = EXPECTED_TYPES[issue.expected] ?? issue.expected;
        out.push({
          path,
          message:
            issue.input === undefined
              ? `missing (expected ${expected})`
              : `expected ${expected}, found ${found}`,
        });
        break;
      }
      case 'invalid_value': {
        const values = issue.values.map((v) => (typeof v === 'string' ? v : String(v)));
        const expected = values.length === 1 ? (values[0] ?? '') : `one of ${values.join(', ')}`;
        // YAML reads `phase: 3` as a number; the enum wants the text '3'.
        const unquoted =
          (typeof issue.input === 'number' || typeof issue.input === 'boolean') &&
          values.includes(String(issue.input)) &&
          issue.values.every((v) => typeof v === 'string');
        out.push({
          path,
          message: unquoted
            ? `expected the text '${String(issue.input)}' (quoted), found the ${typeof issue.input} ${found}`
            : `expected ${expected}, found ${found}`,
        });
        break;
      }
      case 'invalid_format': {
        const expected =
          issue.format === 'date'
            ? 'a date YYYY-MM-DD'
            : issue.format === 'url'
              ? 'a URL'
              : issue.format === 'regex'
                ? issue.message.replace(/^expected /, '')
                : `a ${issue.format}`;
        out.push({ path, message: `expected ${expected}, found ${found}` });
        break;
      }
      case 'too_small':
        out.push({
          path,
          message: `expected ${bound(issue.origin, issue.minimum, issue.inclusive !== false, true)}, found ${foundCount(issue.input)}`,
        });
        break;
      case 'too_big':
        out.push({
          path,
          message: `expected ${bound(issue.origin, issue.maximum, issue.inclusive !== false, false)}, found ${foundCount(issue.input)}`,
        });
        break;
      case 'unrecognized_keys': {
        const accepted = acceptedKeys(schema, path);
        for (const key of issue.keys) {
          out.push({
            path: [...path, key],
            atKey: true,
            message: `unknown field "${key}"${accepted.length > 0 ? ` (expected one of: ${accepted.join(', ')})` : ''}`,
          });
        }
        break;
      }
      case 'invalid_union': {
        const branches = issue.errors.filter((b) => b.length > 0);
        const best = branches.reduce<readonly z.core.$ZodIssue[] | undefined>((acc, b) => {
          if (acc === undefined) return b;
          const d = depth(b) - depth(acc);
          return d > 0 || (d === 0 && b.length < acc.length) ? b : acc;
        }, undefined);
        if (best === undefined || depth(best) < 0) {
          const expected = branches
            .flat()
            .filter((i) => i.code === 'invalid_type')
            .map((i) => EXPECTED_TYPES[i.expected] ?? i.expected);
          out.push({ path, message: `expected ${[...new Set(expected)].join(' or ')}, found ${found}` });
        } else out.push(...describeZodIssues(schema, best, path));
        break;
      }
      case 'invalid_key':
        for (const inner of describeZodIssues(schema, issue.issues, path))
          out.push({ ...inner, atKey: true, message: `key: ${inner.message}` });
        break;
      case 'invalid_element':
        out.push(...describeZodIssues(schema, issue.issues, path));
        break;
      case 'not_multiple_of':
        out.push({ path, message: `expected a multiple of ${String(issue.divisor)}, found ${found}` });
        break;
      case 'custom':
        out.push({ path, message: issue.message });
        break;
    }
  }
  return out;
}
