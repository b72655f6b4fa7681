import { z } from 'zod';
import { assumedWithUnitSchema, UcumUnitSchema } from './assumed.js';

/** Identifier of an arm, regimen, visit, endpoint: starts with a letter; letters, digits, `-`, `_`. */
export const IdSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9]*([-_][A-Za-z0-9]+)*$/,
    'expected an id of letters, digits, - and _ (e.g. anakinra-iv)',
  );

/** An ISO-8601 calendar date (`2026-01-22`). */
export const DateSchema = z.iso.date().describe('ISO-8601 date, e.g. 2026-01-22');

/** A measured amount with its UCUM unit: `{ value: 200, unit: mg }`, `{ value: 2000000, unit: '[iU]' }`. */
export const QuantitySchema = z
  .object({
    value: z.number().positive(),
    unit: z.string().min(1).describe('UCUM unit, e.g. mg, ug, ug/kg, [iU], mL'),
  })
  .strict();

/** A quantity, or one no public source gives (`assumed: true` + provenance). */
export const MaybeAssumedQuantitySchema = z.union([
  QuantitySchema,
  assumedWithUnitSchema(z.number().positive(), UcumUnitSchema),
]);

/** Time units accepted for durations (UCUM). */
export const TIME_UNITS = ['min', 'h', 'd', 'wk'] as const;

/** A duration: `{ value: 8, unit: h }`. */
export const DurationSchema = z
  .object({
    value: z.number().nonnegative(),
    unit: z.enum(TIME_UNITS).describe('UCUM time unit'),
  })
  .strict();

/** A duration, or one no public source gives. */
export const MaybeAssumedDurationSchema = z.union([
  DurationSchema,
  assumedWithUnitSchema(z.number().nonnegative(), z.enum(TIME_UNITS)),
]);

/**
 * A tolerance around a scheduled day, in days: `{ before: 1, after: 2 }` (day 9 may happen on day 8 to 11).
 */
export const DayWindowSchema = z
  .object({
    before: z.number().int().nonnegative().describe('days earlier than scheduled still accepted'),
    after: z.number().int().nonnegative().describe('days later than scheduled still accepted'),
  })
  .strict();

export type Quantity = z.infer<typeof QuantitySchema>;
export type Duration = z.infer<typeof DurationSchema>;
export type DayWindow = z.infer<typeof DayWindowSchema>;
