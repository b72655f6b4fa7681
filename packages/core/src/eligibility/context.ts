import { TrialError } from '../errors.js';
import { HOUR_MS, type Instant } from '../time/duration.js';
import { UTC, type Zone } from '../time/zone.js';
import type {
  AttestationRecord,
  EncounterRecord,
  MedicationRecord,
  ObservationRecord,
  PatientTimeline,
} from '../timeline/types.js';
import type { EvalContext, InstantOutcome } from '../rules/types.js';
import { isoTime, timedEvidence } from '../rules/outcome.js';
import type { VariableId } from '../variables/registry.js';
import { findHospitalStay, findIcuStay } from './stays.js';
import { type ObservationSeries, timesOf, windowRange } from '../timeline/sorted-times.js';
import { indexTimeline, isCurrentAt, medicationsByClassOf } from './timeline-index.js';
import { scanObservations, type SeriesCaches, seriesAt } from './view-series.js';

/** Anchors computed from clinical data by the rule library (T_sep, T_first_support). */
export type AnchorProvider = (ctx: EvalContext) => InstantOutcome;

export interface ScreeningOptions {
  readonly protocolId: string;
  /** Protocol parameters in canonical units (durations in ms). */
  readonly parameters?: Readonly<Record<string, number>>;
  /** An IANA zone (`--tz`) for every local date; default: the UTC offset of T_icu. */
  readonly zone?: Zone;
  readonly anchors?: Readonly<Record<string, AnchorProvider>>;
}

function latestAttestations(records: readonly AttestationRecord[]): Map<string, AttestationRecord> {
  const byId = new Map<string, AttestationRecord>();
  for (const r of records) {
    const prev = byId.get(r.criterionId);
    if (!prev || r.authored > prev.authored) byId.set(r.criterionId, r);
  }
  return byId;
}

function knownAnchor(
  name: string,
  t: Instant | undefined,
  refs: readonly string[],
  what: string,
): InstantOutcome {
  return {
    kind: 'instant',
    t,
    evidence:
      t === undefined ? [] : refs.map((reference) => timedEvidence(reference, undefined, undefined, t)),
    reason() {
      return t === undefined ? `${name} unknown: no ${what}` : `${name} = ${isoTime(t)}`;
    },
  };
}

function zoneOf(first: EncounterRecord | undefined, fallback: EncounterRecord | undefined): Zone {
  const minutes = first?.startOffsetMinutes ?? fallback?.startOffsetMinutes;
  return minutes === undefined ? UTC : { kind: 'offset', minutes };
}

const NO_MEDICATIONS: readonly MedicationRecord[] = [];

/** What one patient looked like at a screening instant, shared by every protocol screened then. */
export type PatientView = Omit<
  EvalContext,
  'protocolId' | 'parameter' | 'attestation' | 'series' | 'medicationsInClass'
> & {
  readonly series: (variable: VariableId, numeric: boolean) => ObservationSeries<ObservationRecord>;
  readonly medicationsInClass: NonNullable<EvalContext['medicationsInClass']>;
  /** Latest answers at `at`, per protocol id and criterion id. */
  readonly answers: (protocolId: string) => ReadonlyMap<string, AttestationRecord>;
};

export interface PatientViewOptions {
  /** An IANA zone (`--tz`) for every local date; default: the zone ingestion used, else the offset of T_icu. */
  readonly zone?: Zone;
  /** ICU encounters at most this far apart merge into one stay (FHIR-PROFILE.md §2; default 24 h). */
  readonly icuMergeGapMs?: number;
  readonly anchors?: Readonly<Record<string, AnchorProvider>>;
  /** Status screening: compound rules stop at their first deciding operand (EvalContext.shortCircuit). */
  readonly shortCircuit?: boolean;
}

/**
 * What one patient looked like at the screening instant `at` (FHIR-PROFILE.md §1–2): the current version
 * of each resource, nothing timed, recorded or updated later. Built once per patient and instant and
 * shared by every protocol screened then, so derived values (a SOFA over a window, T_sep) are computed once.
 */
export function buildPatientView(
  timeline: PatientTimeline,
  at: Instant,
  options: PatientViewOptions = {},
): PatientView {
  const index = indexTimeline(timeline);
  const encounters = timeline.encounters.filter((r) => isCurrentAt(index, r, at));
  const icu = findIcuStay(encounters, at, options.icuMergeGapMs ?? 24 * HOUR_MS);
  const hospital = findHospitalStay(encounters, at, icu?.first.partOf);
  const zone =
    options.zone ??
    timeline.zone ??
    zoneOf(
      icu?.first,
      encounters.find((e) => e.kind === 'hospital'),
    );
  const memo = new Map<string, unknown>();
  const anchors = new Map<string, InstantOutcome>();
  const answersByProtocol = new Map<string, ReadonlyMap<string, AttestationRecord>>();
  const providers = options.anchors ?? {};
  // Per variable, the observations in force at `at` (all, and numeric), so that each window is two binary
  // searches. Usually a prefix of the timeline's series (nothing copied); else filtered.
  const series: SeriesCaches = { all: new Map(), numeric: new Map() };
  const view: PatientView = {
    at,
    zone,
    shortCircuit: options.shortCircuit === true,
    patient: timeline.patient,
    icuStay: icu ? { start: icu.start, end: icu.end, refs: icu.refs } : undefined,
    hospitalStay: hospital,
    anchor(name) {
      // Built-in anchors are asked for by many criteria: computed once per view, kept by name (the names
      // come from compiled rules, so the lookups hash no new string).
      const known = anchors.get(name);
      if (known !== undefined) return known;
      const computed = ((): InstantOutcome => {
        switch (name) {
          case 'T_scr':
          case 'D1':
            return knownAnchor(name, at, [], 'screening instant');
          case 'T_icu':
            return knownAnchor(
              name,
              icu?.start,
              icu ? [icu.first.ref] : [],
              'ICU encounter starting before screening',
            );
          case 'T_hosp':
            return knownAnchor(name, hospital?.start, hospital ? [hospital.ref] : [], 'hospital encounter');
          default: {
            const provider = providers[name];
            if (!provider) throw new TrialError('rule.anchor', `unknown anchor "${name}"`);
            // Anchors read only the patient's data, never protocol settings: one value for every protocol.
            return provider(contextFor(view, { protocolId: '', parameters: {} }));
          }
        }
      })();
      anchors.set(name, computed);
      return computed;
    },
    observations(
      variable: VariableId,
      from: Instant,
      to: Instant,
      closedEnd = true,
    ): readonly ObservationRecord[] {
      // NaN bounds keep the plain scan's semantics (no binary search is defined on them).
      if (Number.isNaN(from) || Number.isNaN(to) || Number.isNaN(at))
        return scanObservations(index, at, variable, from, to, closedEnd);
      const s = seriesAt(index, at, series, variable, false);
      if (s.length === 0) return [];
      const { lo, hi } = windowRange(s.times, from, to, closedEnd, at, s.length);
      return lo < hi ? s.records.slice(lo, hi) : [];
    },
    series(variable: VariableId, numeric: boolean): ObservationSeries<ObservationRecord> {
      if (Number.isNaN(at)) {
        const records = scanObservations(index, at, variable, -Infinity, at, true).filter(
          (o) => !numeric || (o.value !== undefined && !o.sedated),
        );
        return { records, times: timesOf(records), length: records.length };
      }
      return seriesAt(index, at, series, variable, numeric);
    },
    conditions: timeline.conditions.filter(
      (c) =>
        isCurrentAt(index, c, at) &&
        (c.onset ?? c.recorded ?? -Infinity) <= at &&
        (c.recorded ?? -Infinity) <= at,
    ),
    procedures: timeline.procedures.filter((p) => isCurrentAt(index, p, at) && p.start <= at),
    medications: timeline.medications.filter((m) => isCurrentAt(index, m, at) && m.start <= at),
    medicationsInClass(cls) {
      const ofClass = medicationsByClassOf(index, timeline.medications).get(cls);
      if (ofClass === undefined) return NO_MEDICATIONS;
      return ofClass.filter((m) => isCurrentAt(index, m, at) && m.start <= at);
    },
    allergies: timeline.allergies.filter((a) => isCurrentAt(index, a, at) && (a.recorded ?? -Infinity) <= at),
    answers(protocolId) {
      let answers = answersByProtocol.get(protocolId);
      if (!answers) {
        answers = latestAttestations(
          timeline.attestations.filter(
            (a) => a.protocol === protocolId && a.authored <= at && isCurrentAt(index, a, at),
          ),
        );
        answersByProtocol.set(protocolId, answers);
      }
      return answers;
    },
    memo<T>(key: string, compute: () => T): T {
      // The key determines the type: each key has one producer. One lookup when a value is stored.
      const hit = memo.get(key);
      if (hit !== undefined || memo.has(key)) return hit as T;
      const value = compute();
      memo.set(key, value);
      return value;
    },
  };
  return view;
}

/** The context one protocol's rules read: the shared view plus that protocol's parameters and answers. */
export function contextFor(
  view: PatientView,
  protocol: { readonly protocolId: string; readonly parameters: Readonly<Record<string, number>> },
): EvalContext {
  const answers = view.answers(protocol.protocolId);
  return {
    at: view.at,
    zone: view.zone,
    patient: view.patient,
    protocolId: protocol.protocolId,
    icuStay: view.icuStay,
    hospitalStay: view.hospitalStay,
    anchor: view.anchor,
    observations: view.observations,
    series: view.series,
    conditions: view.conditions,
    procedures: view.procedures,
    medications: view.medications,
    allergies: view.allergies,
    medicationsInClass: view.medicationsInClass,
    memo: view.memo,
    shortCircuit: view.shortCircuit === true,
    attestation(criterionId) {
      return answers.get(criterionId);
    },
    parameter(name) {
      const value = protocol.parameters[name];
      if (value === undefined)
        throw new TrialError('rule.parameter', `protocol parameter "${name}" is not defined`);
      return value;
    },
  };
}

/** A screening context for one protocol (a view used by that protocol alone). */
export function buildScreeningContext(
  timeline: PatientTimeline,
  at: Instant,
  options: ScreeningOptions,
): EvalContext {
  const parameters = options.parameters ?? {};
  const gap = parameters['icu_merge_gap'];
  const view = buildPatientView(timeline, at, {
    ...(options.zone ? { zone: options.zone } : {}),
    ...(gap !== undefined ? { icuMergeGapMs: gap } : {}),
    ...(options.anchors ? { anchors: options.anchors } : {}),
  });
  return contextFor(view, { protocolId: options.protocolId, parameters });
}
