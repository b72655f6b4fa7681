import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FieldIssue } from '../issues.js';
import { compileSchema, zodFirstIssue } from './compile-schema.js';
import { BundleSchema, RESOURCE_SCHEMAS } from './schemas.js';

const examples = join(import.meta.dirname, '../../../../examples/fhir');
type Json = unknown;

function compiledFirstIssue(schema: z.ZodType, value: unknown): string | undefined {
  try {
    compileSchema(schema).check(value);
    return undefined;
  } catch (err) {
    if (err instanceof FieldIssue) return err.message;
    throw err;
  }
}

/** Every path to a value inside a JSON tree. */
function paths(x: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof x === 'object' && x !== null)
    for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function replaced(x: Json, path: (string | number)[], value: unknown): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(x)) return x.map((v: unknown, i): unknown => (i === head ? replaced(v, rest, value) : v));
  if (typeof x === 'object' && x !== null) {
    const entries = Object.entries(x).map(([k, v]): [string, unknown] => [
      k,
      k === head ? replaced(v, rest, value) : v,
    ]);
    return Object.fromEntries(
      entries.filter(([k, v]) => !(k === head && rest.length === 0 && v === undefined)),
    );
  }
  return x;
}

const resources: Json[] = readdirSync(examples)
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => {
    const b: unknown = JSON.parse(readFileSync(join(examples, f), 'utf8'));
    const entries: unknown = typeof b === 'object' && b !== null ? Reflect.get(b, 'entry') : undefined;
    if (!Array.isArray(entries)) return [];
    return entries.map((e: unknown): unknown =>
      typeof e === 'object' && e !== null ? Reflect.get(e, 'resource') : undefined,
    );
  });

function schemaFor(r: Json): z.ZodType {
  const type: unknown = typeof r === 'object' && r !== null ? Reflect.get(r, 'resourceType') : undefined;
  const schema = Object.entries(RESOURCE_SCHEMAS).find(([t]) => t === type)?.[1];
  if (schema === undefined) throw new Error(`no schema for ${String(type)}`);
  return schema;
}

describe('compileSchema', () => {
  it('accepts every resource of the example bundles, as zod does', () => {
    expect(resources.length).toBeGreaterThan(60);
    for (const r of resources) {
      expect(zodFirstIssue(schemaFor(r), r)).toBeUndefined();
      expect(compiledFirstIssue(schemaFor(r), r)).toBeUndefined();
    }
  });

  it('reports the same first problem as zod for every field replaced by a wrong value or removed', () => {
    const wrongs: unknown[] = ['abc', 42, true, null, [], {}, undefined];
    let compared = 0;
    let rejected = 0;
    for (const r of resources) {
      const schema = schemaFor(r);
      for (const path of paths(r).slice(1)) {
        for (const w of wrongs) {
          const mutated = replaced(r, path, w);
          const fromZod = zodFirstIssue(schema, mutated)?.message;
          expect(compiledFirstIssue(schema, mutated)).toBe(fromZod);
          compared++;
          if (fromZod !== undefined) rejected++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(rejected).toBeGreaterThan(1000);
  });

  it('reports literal and enum values the same way', () => {
    const bad = { resourceType: 'Bundle', type: 'batch' };
    expect(compiledFirstIssue(BundleSchema, bad)).toBe(
      'type: expected "collection" or "transaction", received "batch"',
    );
    expect(zodFirstIssue(BundleSchema, bad)?.message).toBe(
      'type: expected "collection" or "transaction", received "batch"',
    );
  });

  it('checks nested questionnaire items at any depth', () => {
    const qr = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [{ linkId: 'a', item: [{ linkId: 'b', answer: [{ item: [{ linkId: 3 }] }] }] }],
    };
    const expected = 'item[0].item[0].answer[0].item[0].linkId: expected a string, received 3';
    expect(compiledFirstIssue(RESOURCE_SCHEMAS.QuestionnaireResponse, qr)).toBe(expected);
    expect(zodFirstIssue(RESOURCE_SCHEMAS.QuestionnaireResponse, qr)?.message).toBe(expected);
  });
});
