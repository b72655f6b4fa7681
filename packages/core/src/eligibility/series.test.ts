import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compileNode } from '../rules/checker.js';
import { obs, T_ICU, TEST_ENV, timeline, withoutSeries } from '../rules/functions/test-timeline.js';
import { parseRule } from '../rules/parser.js';
import type { Outcome } from '../rules/types.js';
import { HOUR_MS } from '../time/duration.js';
import type { ObservationRecord } from '../timeline/types.js';
import type { VariableId } from '../variables/registry.js';
import { buildPatientView, buildScreeningContext } from './context.js';
import { fullBounds, indexTimeline, minUntilAt, seriesOf } from './timeline-index.js';

/**
 * The screening view reads each variable through a series built once per patient and instant (typed times,
 * binary searches per window, a prefix of the timeline's index when every record is in force). These
 * properties check it against the definition (FHIR-PROFILE.md §1) written plainly, on random timelines with
 * late results, new versions, uncounted versions, ties and sedated GCS.
 */

const VARIABLES: readonly VariableId[] = ['map', 'gcs', 'platelets'];

const record = fc
  .record({
    variable: fc.constantFrom(...VARIABLES),
    hour: fc.integer({ min: 0, max: 60 }),
    value: fc.option(fc.integer({ min: 3, max: 200 }), { nil: undefined }),
    issuedAfter: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    updatedHour: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
    id: fc.integer({ min: 0, max: 30 }),
    version: fc.integer({ min: 1, max: 3 }),
    counted: fc.boolean(),
    sedated: fc.boolean(),
  })
  .map((r) =>
    obs(r.variable, r.value ?? 0, T_ICU + r.hour * HOUR_MS, {
      id: `o${r.id}`,
      value: r.value,
      issued: r.issuedAfter === undefined ? undefined : T_ICU + (r.hour + r.issuedAfter) * HOUR_MS,
      lastUpdated: r.updatedHour === undefined ? undefined : T_ICU + r.updatedHour * HOUR_MS,
      versionId: r.version,
      counted: r.counted || r.id % 5 !== 0,
      sedated: r.variable === 'gcs' && r.sedated,
    }),
  );

const hour = fc.oneof(
  fc.integer({ min: -5, max: 75 }).map((h) => T_ICU + h * HOUR_MS),
  fc.constant(-Infinity),
  fc.constant(Infinity),
);

/** The results of a variable in force at `at` in [from, to] (or [from, to)), cut at `at`, by definition. */
function byDefinition(
  records: readonly ObservationRecord[],
  variable: VariableId,
  from: number,
  to: number,
  closedEnd: boolean,
  at: number,
): ObservationRecord[] {
  const inForce = (o: ObservationRecord): boolean => {
    if (!o.counted || (o.lastUpdated !== undefined && o.lastUpdated > at)) return false;
    if (o.issued !== undefined && o.issued > at) return false;
    // Superseded by a newer version of the same resource updated by then (FHIR-PROFILE.md §1).
    return !records.some(
      (n) => n.ref === o.ref && n.versionId > o.versionId && (n.lastUpdated ?? -Infinity) <= at,
    );
  };
  const end = Math.min(to, at);
  const endClosed = to > at || closedEnd;
  return records
    .filter((o) => o.variable === variable)
    .sort((a, b) => a.time - b.time)
    .filter((o) => o.time >= from && (endClosed ? o.time <= end : o.time < end) && inForce(o));
}

describe('observations through per-variable series', () => {
  test.prop([fc.array(record, { maxLength: 60 }), hour, hour, hour, fc.boolean()], { numRuns: 300 })(
    'every window gives the results in force at T_scr, in time order',
    (records, atRaw, from, to, closedEnd) => {
      const at = Number.isFinite(atRaw) ? atRaw : T_ICU + 30 * HOUR_MS;
      const view = buildPatientView(timeline({ observations: records }), at);
      for (const variable of VARIABLES) {
        const expected = byDefinition(records, variable, from, to, closedEnd, at);
        expect(view.observations(variable, from, to, closedEnd)).toEqual(expected);
        const all = view.series(variable, false);
        expect(all.records.slice(0, all.length)).toEqual(
          byDefinition(records, variable, -Infinity, at, true, at),
        );
        const numeric = view.series(variable, true);
        expect(numeric.records.slice(0, numeric.length)).toEqual(
          byDefinition(records, variable, -Infinity, at, true, at).filter(
            (o) => o.value !== undefined && !o.sedated,
          ),
        );
        expect(Array.from(numeric.times).slice(0, numeric.length)).toEqual(
          numeric.records.slice(0, numeric.length).map((o) => o.time),
        );
        // The values beside the times: NaN for a record without one (none in a numeric series).
        expect(Array.from(all.values ?? []).slice(0, all.length)).toEqual(
          all.records.slice(0, all.length).map((o) => o.value ?? NaN),
        );
      }
    },
  );
});

/** Records in force from their own time, one version each: the common case the compact bounds serve. */
const plainRecord = fc
  .record({
    variable: fc.constantFrom(...VARIABLES),
    hour: fc.integer({ min: 0, max: 60 }),
    id: fc.nat(1000),
  })
  .map((r) => obs(r.variable, 50, T_ICU + r.hour * HOUR_MS, { id: `p${r.id}` }));

describe('series bounds', () => {
  test.prop([fc.array(fc.oneof(plainRecord, plainRecord, record), { maxLength: 40 })], { numRuns: 300 })(
    'the compact bounds answer the bounds written out for every record',
    (records) => {
      const index = indexTimeline(timeline({ observations: records }));
      let compact = 0;
      for (const variable of VARIABLES) {
        for (const s of Object.values(seriesOf(index, variable))) {
          const full = fullBounds(s.records, index);
          expect(Array.from(s.maxSince)).toEqual(full.maxSince);
          expect(s.records.map((_, i) => minUntilAt(s, i))).toEqual(full.minUntil);
          if (s.minUntil === undefined) {
            compact++;
            expect(s.maxSince).toBe(s.times);
          }
        }
      }
      // Plain inputs must take the compact form (an empty series counts as plain).
      if (records.every((o) => o.ref.startsWith('Observation/p'))) expect(compact).toBe(2 * VARIABLES.length);
    },
  );
});

function settled(o: Outcome): unknown {
  return { ...o, reason: o.reason() };
}

const EXPRESSIONS = [
  'sofa(during: [T_icu, T_scr])',
  'sofa(during: [T_icu + 6 h, T_icu + 30 h))',
  'apache2_at_screening',
  'min(map, during: [T_icu, T_icu + 24 h))',
  'max(platelets)',
  'latest(gcs, during: [T_icu, T_scr])',
  'current(platelets)',
].map((e) => ({ text: e, run: compileNode(parseRule(e), TEST_ENV).run }));

describe('score functions with and without the series', () => {
  test.prop([fc.array(record, { maxLength: 60 }), fc.integer({ min: 1, max: 70 })], { numRuns: 150 })(
    'give the same points, evidence and reasons',
    (records, h) => {
      const tl = timeline({ observations: records });
      const at = T_ICU + h * HOUR_MS;
      for (const e of EXPRESSIONS) {
        // Separate contexts: the memo of one must not serve the other.
        const fast = buildScreeningContext(tl, at, { protocolId: 'test' });
        const plain = withoutSeries(buildScreeningContext(tl, at, { protocolId: 'test' }));
        expect(fast.series).toBeDefined();
        expect(settled(e.run(plain)), e.text).toEqual(settled(e.run(fast)));
      }
    },
  );
});
