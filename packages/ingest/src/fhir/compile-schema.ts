import { z } from 'zod';
import { describeReceived, FieldIssue } from '../issues.js';

/** Checks a value, throwing a FieldIssue (relative path) on the first problem. */
type Check = (value: unknown) => void;

/** A validator compiled from a zod schema: same rules, stops at the first problem, returns the input. */
export interface CompiledValidator<T> {
  /**
   * @throws FieldIssue naming the first invalid field, in the order zod reports it.
   */
  check(value: unknown): value is T;
}

const KIND_ARTICLE: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
};

/**
 * The "expected …, received …" text shared by the zod path and the compiled path.
 * @param expected - A JSON kind (`number`) or the allowed literal values.
 * @example expectedReceived('number', 'abc') // => 'expected a number, received "abc"'
 * @example expectedReceived(['collection', 'transaction'], 'batch') // => 'expected "collection" or "transaction", received "batch"'
 */
export function expectedReceived(expected: string | readonly unknown[], received: unknown): string {
  let what: string;
  if (typeof expected === 'string') {
    what = KIND_ARTICLE[expected] ?? expected;
  } else {
    const quoted = expected.map((v) => JSON.stringify(v));
    what =
      quoted.length <= 1
        ? (quoted[0] ?? 'nothing')
        : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
  }
  return `expected ${what}, received ${describeReceived(received)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function prefixed(issue: unknown, segment: string | number): unknown {
  return issue instanceof FieldIssue ? issue.prefix(segment) : issue;
}

function objectCheck(schema: z.ZodObject, build: (s: z.core.$ZodType) => Check): Check {
  // Built on first use, so that recursive schemas (questionnaire items) compile.
  let keys: string[] | undefined;
  let checks: Check[] = [];
  return (value) => {
    if (!isRecord(value)) throw new FieldIssue([], expectedReceived('object', value));
    if (keys === undefined) {
      const shape: Record<string, z.core.$ZodType> = schema.shape;
      keys = Object.keys(shape);
      checks = keys.map((k) => {
        const child = shape[k];
        if (child === undefined) throw new Error(`schema key ${k} has no schema`);
        return build(child);
      });
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] ?? '';
      const check = checks[i];
      if (check === undefined) continue;
      try {
        check(value[key]);
      } catch (issue) {
        throw prefixed(issue, key);
      }
    }
  };
}

function arrayCheck(element: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) throw new FieldIssue([], expectedReceived('array', value));
    for (let i = 0; i < value.length; i++) {
      try {
        element(value[i]);
      } catch (issue) {
        throw prefixed(issue, i);
      }
    }
  };
}

function valuesCheck(values: readonly unknown[]): Check {
  const allowed = new Set(values);
  return (value) => {
    if (!allowed.has(value)) throw new FieldIssue([], expectedReceived(values, value));
  };
}

function kindCheck(kind: 'string' | 'number' | 'boolean'): Check {
  return (value) => {
    // zod's number rejects NaN and infinities; JSON cannot carry them, but a caller's object can.
    const ok =
      kind === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === kind;
    if (!ok) throw new FieldIssue([], expectedReceived(kind, value));
  };
}

/**
 * Compiles a zod schema (objects, arrays, optional, string, number, boolean, literal, enum) into a fast
 * validator that stops at the first problem and returns the input unchanged. zod collects every issue and
 * copies each object, which costs several times a `JSON.parse` on bulk data; this keeps the schema the
 * single definition while the hot path stays cheap. Tests check both report the same first issue.
 * @throws Error for a zod construct the compiler does not support (a programming error, at first use).
 * @example compileSchema(z.object({ a: z.number() })).check({ a: 'x' }) // throws FieldIssue 'a: expected a number, received "x"'
 */
export function compileSchema<S extends z.ZodType>(schema: S): CompiledValidator<z.output<S>> {
  const cache = new Map<z.core.$ZodType, Check>();
  const build = (s: z.core.$ZodType): Check => {
    const hit = cache.get(s);
    if (hit) return hit;
    let check: Check;
    if (s instanceof z.ZodObject) {
      check = objectCheck(s, build);
    } else if (s instanceof z.ZodOptional) {
      const inner = build(s.unwrap());
      check = (value) => {
        if (value !== undefined) inner(value);
      };
    } else if (s instanceof z.ZodArray) {
      check = arrayCheck(build(s.element));
    } else if (s instanceof z.ZodString) {
      check = kindCheck('string');
    } else if (s instanceof z.ZodNumber) {
      check = kindCheck('number');
    } else if (s instanceof z.ZodBoolean) {
      check = kindCheck('boolean');
    } else if (s instanceof z.ZodLiteral) {
      check = valuesCheck([...s.values]);
    } else if (s instanceof z.ZodEnum) {
      check = valuesCheck(s.options);
    } else {
      throw new Error(`compileSchema: unsupported zod type ${s._zod.def.type}`);
    }
    cache.set(s, check);
    return check;
  };
  const root = build(schema);
  return {
    check: (value: unknown): value is z.output<S> => {
      root(value);
      return true;
    },
  };
}

/**
 * The first issue of a zod parse, as the FieldIssue the compiled validator would throw.
 * @example zodFirstIssue(z.object({ a: z.number() }), { a: 'x' })?.message // => 'a: expected a number, received "x"'
 */
export function zodFirstIssue(schema: z.ZodType, value: unknown): FieldIssue | undefined {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return undefined;
  const issue = r.error.issues[0];
  if (issue === undefined) return undefined;
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'invalid_type')
    return new FieldIssue(path, expectedReceived(issue.expected, issue.input));
  if (issue.code === 'invalid_value')
    return new FieldIssue(path, expectedReceived(issue.values, issue.input));
  return new FieldIssue(path, issue.message);
}
