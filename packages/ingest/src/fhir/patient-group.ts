import {
  addDays,
  startOfLocalDate,
  UTC,
  type AllergyRecord,
  type AttestationRecord,
  type ConditionRecord,
  type Instant,
  type MedicationRecord,
  type ObservationRecord,
  type PatientRecord,
  type PatientTimeline,
  type ProcedureRecord,
  type Sex,
  type Zone,
} from '@immunotrial/core';
import type { PathSegment } from '../issues.js';
import type { WarningLog } from '../warnings.js';
import type { FhirTime } from './datetime.js';
import { parseTimeField, type MapContext, type SkipCategory } from './map-context.js';
import { resolveEncounterKind, type PendingEncounter } from './map-encounter.js';
import { normalizeReference } from './references.js';
import type { PatientResource } from './schemas.js';
import { chooseZone } from './zone-choice.js';

const SEXES: ReadonlySet<string> = new Set(['male', 'female', 'other', 'unknown']);

function sexOf(gender: string | undefined): Sex {
  return gender === 'male' || gender === 'female' || gender === 'other' ? gender : 'unknown';
}

/**
 * Everything read so far for one patient: records whose bare dates wait for the patient's zone, and
 * encounters whose kind waits for the Locations. `finish` resolves both and returns the timeline.
 */
export class PatientGroup {
  readonly patientId: string;
  private patient: { record: PatientRecord; version: number } | undefined;
  readonly encounters: PendingEncounter[] = [];
  readonly observations: ObservationRecord[] = [];
  readonly conditions: ConditionRecord[] = [];
  readonly procedures: ProcedureRecord[] = [];
  readonly medications: MedicationRecord[] = [];
  readonly allergies: AllergyRecord[] = [];
  readonly attestations: AttestationRecord[] = [];
  /** Setters of bare-date fields, run again once the zone is known. */
  private readonly fixups: { date: string; endOfDay: boolean; set: (t: Instant) => void }[] = [];
  /** Latest version seen of each resource, with the reason it removes the resource if it does. */
  private readonly latest = new Map<string, { version: number; removal: string | undefined }>();

  constructor(patientId: string) {
    this.patientId = patientId;
  }

  private cached: { warnings: WarningLog; fullUrls: unknown; ctx: MapContext } | undefined;

  /** A mapping context whose times register their bare-date fixups in this group (reused while its inputs are the same). */
  context(warnings: WarningLog, fullUrls: ReadonlyMap<string, string> | undefined): MapContext {
    if (this.cached?.warnings === warnings && this.cached.fullUrls === fullUrls) return this.cached.ctx;
    const ctx = this.makeContext(warnings, fullUrls);
    this.cached = { warnings, fullUrls, ctx };
    return ctx;
  }

  private makeContext(warnings: WarningLog, fullUrls: ReadonlyMap<string, string> | undefined): MapContext {
    return {
      time: (
        text: string,
        path: readonly PathSegment[],
        set: (t: Instant) => void,
        endOfDay = false,
      ): FhirTime => {
        const t = parseTimeField(text, path);
        if (t.kind === 'instant') {
          set(t.instant);
        } else {
          set(startOfLocalDate(endOfDay ? addDays(t.date, 1) : t.date, UTC));
          this.fixups.push({ date: t.date, endOfDay, set });
        }
        return t;
      },
      reference: (text) => (text === undefined ? undefined : normalizeReference(text, fullUrls)),
      warn: (m) => {
        warnings.warn(m);
      },
      skip: (category: SkipCategory, key) => {
        warnings.skip(category, key);
      },
    };
  }

  /** Records the Patient resource (the highest version wins). */
  setPatient(r: PatientResource, ref: string, version: number, warnings: WarningLog): void {
    if (this.patient !== undefined && this.patient.version > version) return;
    let birthDate = r.birthDate;
    if (birthDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
      warnings.warn(`${ref}: birthDate "${birthDate}" is not a full date: age unknown`);
      birthDate = undefined;
    }
    if (r.gender !== undefined && !SEXES.has(r.gender)) {
      warnings.warn(`${ref}: gender "${r.gender}" is not a FHIR AdministrativeGender: sex unknown`);
    }
    this.patient = { record: { ref, birthDate, sex: sexOf(r.gender) }, version };
  }

  /** Sets the patient record directly (CSV events). */
  setPatientRecord(record: PatientRecord): void {
    this.patient = { record, version: Number.MAX_SAFE_INTEGER };
  }

  /** Notes a version of a resource and whether it removes the resource (entered-in-error, cancelled, refuted). */
  noteVersion(ref: string, version: number, removal: string | undefined): void {
    // Only versioned or removing resources can end up removed: most resources skip the map.
    if (removal === undefined && version === 1 && !this.latest.has(ref)) return;
    const prev = this.latest.get(ref);
    if (prev === undefined || version >= prev.version) this.latest.set(ref, { version, removal });
  }

  /**
   * Resolves encounter kinds and bare dates, and returns the timeline.
   * @param isIcuLocation - Whether `Location/id` is an ICU (undefined: not in the input).
   * @param options.tz - IANA zone given by the caller; options.at - screening instant for the zone choice.
   */
  finish(
    isIcuLocation: (ref: string) => boolean | undefined,
    options: { tz?: string | undefined; at?: Instant | undefined },
    warnings: WarningLog,
  ): PatientTimeline {
    for (const e of this.encounters) e.record.kind = resolveEncounterKind(e, isIcuLocation);
    const encounters = this.encounters.map((e) => e.record);
    const zone: Zone = chooseZone(encounters, options.tz, options.at);
    for (const f of this.fixups) f.set(startOfLocalDate(f.endOfDay ? addDays(f.date, 1) : f.date, zone));
    for (const [ref, { version, removal }] of this.latest) {
      if (removal !== undefined)
        warnings.warn(`${ref}: version ${version} is ${removal}: the resource is removed`);
    }
    if (this.patient === undefined) {
      warnings.warn(`Patient/${this.patientId}: no Patient resource in the input: age and sex unknown`);
    }
    return {
      patientId: this.patientId,
      patient: this.patient?.record ?? {
        ref: `Patient/${this.patientId}`,
        birthDate: undefined,
        sex: 'unknown',
      },
      encounters: encounters.sort((a, b) => a.start - b.start),
      observations: this.observations.sort((a, b) => a.time - b.time),
      conditions: this.conditions,
      procedures: this.procedures.sort((a, b) => a.start - b.start),
      medications: this.medications.sort((a, b) => a.start - b.start),
      allergies: this.allergies,
      attestations: this.attestations,
      zone,
    };
  }
}
