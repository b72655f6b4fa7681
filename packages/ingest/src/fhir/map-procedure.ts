import { classifyProcedure, SNOMED, type ProcedureRecord } from '@immunotrial/core';
import {
  bindLastUpdated,
  codeLabel,
  codesIn,
  versionIdOf,
  type MapContext,
  type Mutable,
} from './map-context.js';
import type { ProcedureResource } from './schemas.js';

const COUNTED = new Set(['in-progress', 'completed']);

/**
 * Maps a Procedure (FHIR-PROFILE.md §4): ventilation kinds and radiotherapy by SNOMED CT code and
 * `usedCode`; start = `performedPeriod.start` or `performedDateTime`.
 * @returns undefined for a code no criterion reads (counted) or a procedure without a start (warning).
 * @throws FieldIssue for a malformed time or version.
 */
export function mapProcedure(
  r: ProcedureResource,
  ref: string,
  ctx: MapContext,
): ProcedureRecord | undefined {
  const codes = codesIn(r.code, SNOMED);
  const used = (r.usedCode ?? []).flatMap((cc) => codesIn(cc, SNOMED));
  const kind = classifyProcedure(codes, used);
  if (kind === 'other') {
    ctx.skip('Procedures with codes no criterion reads', codeLabel(r.code));
    return undefined;
  }
  const rec: Mutable<ProcedureRecord> = {
    ref,
    versionId: versionIdOf(r.meta),
    lastUpdated: undefined,
    status: r.status,
    counted: COUNTED.has(r.status),
    kind,
    code: codes[0] ?? '',
    start: 0,
    end: undefined,
    inProgress: r.status === 'in-progress',
  };
  const start = r.performedPeriod?.start ?? r.performedDateTime;
  if (start === undefined) {
    ctx.warn(`${ref}: no performedPeriod.start or performedDateTime: procedure ignored`);
    return undefined;
  }
  const startPath =
    r.performedPeriod?.start === undefined ? ['performedDateTime'] : ['performedPeriod', 'start'];
  ctx.time(start, startPath, (t) => (rec.start = t));
  const end = r.performedPeriod?.end;
  if (end !== undefined) ctx.time(end, ['performedPeriod', 'end'], (t) => (rec.end = t));
  bindLastUpdated(rec, r.meta, ctx);
  return rec;
}
