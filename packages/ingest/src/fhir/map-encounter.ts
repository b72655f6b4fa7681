import type { EncounterRecord, EncounterKind } from '@immunotrial/core';
import { bindLastUpdated, hasCode, versionIdOf, type MapContext, type Mutable } from './map-context.js';
import type { CodeableConcept, EncounterResource, LocationResource } from './schemas.js';

export const ROLE_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
export const ADMIT_SOURCE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/admit-source';
const HOSPITAL_CLASSES = new Set(['IMP', 'ACUTE']);
const NOT_COUNTED = new Set(['entered-in-error', 'cancelled']);

/** An encounter whose kind waits for the Location resources it points to (they may come later). */
export interface PendingEncounter {
  readonly record: Mutable<EncounterRecord>;
  /** `type` has ICU (v3-RoleCode). */
  readonly icuByType: boolean;
  /** `Location/id` of each `location.location`. */
  readonly locations: readonly string[];
  /** `class` is IMP or ACUTE. */
  readonly hospitalClass: boolean;
  /** A kind stated by the input (CSV events), not derived. */
  readonly statedKind?: EncounterKind;
}

/** True when a CodeableConcept list has ICU in v3-RoleCode. */
export function hasIcuType(types: readonly CodeableConcept[] | undefined): boolean {
  return types?.some((t) => hasCode(t, ROLE_CODE_SYSTEM, 'ICU')) === true;
}

/** True when a Location's type is ICU (FHIR-PROFILE.md §2). */
export function isIcuLocation(location: LocationResource): boolean {
  return hasIcuType(location.type);
}

/**
 * Maps an Encounter (FHIR-PROFILE.md §2). The kind is decided later by `resolveEncounterKind`, once the
 * Locations are known.
 * @returns undefined (with a warning) when `period.start` is missing.
 * @throws FieldIssue for a malformed time or version.
 */
export function mapEncounter(
  r: EncounterResource,
  ref: string,
  ctx: MapContext,
): PendingEncounter | undefined {
  const start = r.period?.start;
  if (start === undefined) {
    ctx.warn(`${ref}: no period.start: encounter ignored`);
    return undefined;
  }
  const record: Mutable<EncounterRecord> = {
    ref,
    versionId: versionIdOf(r.meta),
    lastUpdated: undefined,
    status: r.status,
    counted: r.status === undefined || !NOT_COUNTED.has(r.status),
    kind: 'other',
    start: 0,
    startOffsetMinutes: undefined,
    end: undefined,
    partOf: ctx.reference(r.partOf?.reference),
    admittedViaEd: hasCode(r.hospitalization?.admitSource, ADMIT_SOURCE_SYSTEM, 'emd'),
  };
  const t = ctx.time(start, ['period', 'start'], (v) => (record.start = v));
  if (t.kind === 'instant') record.startOffsetMinutes = t.offsetMinutes;
  const end = r.period?.end;
  if (end !== undefined) ctx.time(end, ['period', 'end'], (v) => (record.end = v));
  bindLastUpdated(record, r.meta, ctx);
  const locations: string[] = [];
  for (const l of r.location ?? []) {
    const lref = ctx.reference(l.location.reference);
    if (lref?.startsWith('Location/') === true) locations.push(lref);
  }
  return {
    record,
    icuByType: hasIcuType(r.type),
    locations,
    hospitalClass: r.class?.code !== undefined && HOSPITAL_CLASSES.has(r.class.code),
  };
}

/**
 * The kind of an encounter (FHIR-PROFILE.md §2): ICU when `partOf` a stay and its `type`, or a
 * `location.location` whose Location.type, has ICU; hospital when class IMP or ACUTE without `partOf`.
 * @param isIcuLocationRef - Whether `Location/id` is an ICU (undefined: Location not in the input).
 * @example resolveEncounterKind({ ...pending, icuByType: true }, () => undefined) // => 'icu' when partOf is set
 */
export function resolveEncounterKind(
  e: PendingEncounter,
  isIcuLocationRef: (ref: string) => boolean | undefined,
): EncounterKind {
  if (e.statedKind !== undefined) return e.statedKind;
  const icu = e.icuByType || e.locations.some((l) => isIcuLocationRef(l) === true);
  if (e.record.partOf !== undefined) return icu ? 'icu' : 'other';
  return e.hospitalClass ? 'hospital' : 'other';
}
