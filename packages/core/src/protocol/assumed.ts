import { z } from 'zod';

/**
 * A value that no public source gives (DOMAIN.md marks it UNVERIFIED), written so that it can never pass
 * for a fact: `{ value, unit?, assumed: true, provenance: "one line" }`. The provenance says where the
 * number comes from (a precedent trial, a label default, a back-calculation) so that a sponsor's ruling
 * changes data, not code.
 * @example { value: 100, unit: 'ug', assumed: true, provenance: 'PREV-HAP dose [S11]; not in the registry' }
 */
export interface Assumed<T> {
  readonly value: T;
  readonly unit?: string | undefined;
  readonly assumed: true;
  readonly provenance: string;
}

const PROVENANCE = z
  .string()
  .min(1)
  .regex(/^[^\n]*$/, 'provenance is one line')
  .describe('one line: where the assumed value comes from');

/** A UCUM unit on an assumed value. */
export const UcumUnitSchema = z.string().min(1).describe('UCUM unit');

/** The zod schema of an `Assumed<T>` around `value`, without a unit. */
export function assumedSchema<S extends z.ZodType>(value: S) {
  return z
    .object({
      value,
      assumed: z.literal(true).describe('no public source gives this value'),
      provenance: PROVENANCE,
    })
    .strict();
}

/**
 * The zod schema of an `Assumed<T>` with a `unit` field.
 * @param value - Schema of the value.
 * @param unit - Schema of the unit (e.g. `UcumUnitSchema`, `UcumUnitSchema.optional()`, an enum of time units).
 */
export function assumedWithUnitSchema<S extends z.ZodType, U extends z.ZodType>(value: S, unit: U) {
  return z
    .object({
      value,
      unit,
      assumed: z.literal(true).describe('no public source gives this value'),
      provenance: PROVENANCE,
    })
    .strict();
}

/**
 * A field that is either a sourced value written plainly or an `Assumed` one. Use it wherever DOMAIN.md
 * marks a value UNVERIFIED or a registry leaves it out.
 */
export function orAssumed<S extends z.ZodType>(value: S) {
  return z.union([value, assumedSchema(value)]);
}

/** Any assumed scalar: for free-form assumption tables (sample size, endpoint derivation). */
export const AssumedScalarSchema = assumedWithUnitSchema(
  z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]),
  UcumUnitSchema.optional(),
);

/** True when a field holds an `Assumed` value rather than a sourced one. */
export function isAssumed(v: unknown): v is Assumed<unknown> {
  return hasAssumedMark(v);
}

function isAssumedOf<T>(v: T | Assumed<T>): v is Assumed<T> {
  return hasAssumedMark(v);
}

function hasAssumedMark(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  return Reflect.get(v, 'assumed') === true && typeof Reflect.get(v, 'provenance') === 'string';
}

/**
 * The value of a field that may be assumed.
 * @example valueOf({ value: 3, assumed: true, provenance: 'x' }) // => 3
 * @example valueOf(3) // => 3
 */
export function valueOf<T>(v: T | Assumed<T>): T {
  return isAssumedOf(v) ? v.value : v;
}

const SCALAR = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())]);

/** A scalar that a public source gives: `{ value, unit?, source }`. */
export const SourcedScalarSchema = z
  .object({
    value: SCALAR,
    unit: UcumUnitSchema.optional(),
    source: z.string().min(1).describe('where the value is published (source id, seed)'),
  })
  .strict();

/** An entry of an assumption table: sourced (`source:`) or assumed (`assumed: true` + `provenance:`). */
export const ScalarEntrySchema = z.union([SourcedScalarSchema, AssumedScalarSchema]);
