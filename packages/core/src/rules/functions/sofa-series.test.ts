import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import { buildScreeningContext } from '../../eligibility/context.js';
import { HOUR_MS } from '../../time/duration.js';
import type { PatientTimeline } from '../../timeline/types.js';
import type { VariableId } from '../../variables/registry.js';
import { compileNode } from '../checker.js';
import { parseRule } from '../parser.js';
import type { EvalContext, Outcome } from '../types.js';
import { infusion, obs, procedure, T_ICU, TEST_ENV, timeline, withoutSeries } from './test-timeline.js';

/**
 * SOFA keeps per-record points, ratios and evidence with a timeline's series, so that every later screening
 * of the timeline reuses them. These properties screen one timeline at several instants in turn (each
 * screening reusing what the earlier ones kept) and check every result against a fresh copy of the timeline
 * (nothing kept) and against a context without series (every window read through `observations`), on random
 * timelines with late results, new versions, uncounted versions, NaN and rejected values, support that
 * starts and ends, and catecholamines with and without rates.
 */

// PaO2 and FiO2 most often: their pairing is what depends most on what is known at T_scr.
const VARIABLES: readonly VariableId[] = [
  'pao2',
  'pao2',
  'fio2',
  'fio2',
  'fio2',
  'pf_ratio',
  'platelets',
  'bilirubin',
  'gcs',
  'map',
  'creatinine',
  'urine_output_24h',
];

const oddValue = fc.constantFrom(NaN, -1, undefined);
const fraction = fc.oneof(fc.double({ min: 0.05, max: 1.2, noNaN: true }), oddValue);
const value = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constantFrom(2, 15, 70, 150), oddValue);

/** Mostly undefined: most records are plain (in force from their own time, one version), some are not. */
function rarely<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: arb, weight: 1 });
}

const record = fc
  .record({
    variable: fc.constantFrom(...VARIABLES),
    hour: fc.integer({ min: 0, max: 60 }),
    value,
    fraction,
    issuedAfter: rarely(fc.integer({ min: 0, max: 24 })),
    updatedHour: rarely(fc.integer({ min: 0, max: 70 })),
    id: fc.integer({ min: 0, max: 40 }),
    version: rarely(fc.integer({ min: 2, max: 3 })),
    uncounted: rarely(fc.constant(true)),
    sedated: fc.boolean(),
  })
  .map((r) => {
    const v = r.variable === 'fio2' ? r.fraction : r.value;
    return obs(r.variable, v ?? 0, T_ICU + r.hour * HOUR_MS, {
      id: `o${r.id}`,
      value: v,
      issued: r.issuedAfter === undefined ? undefined : T_ICU + (r.hour + r.issuedAfter) * HOUR_MS,
      lastUpdated: r.updatedHour === undefined ? undefined : T_ICU + r.updatedHour * HOUR_MS,
      versionId: r.version ?? 1,
      counted: r.uncounted === undefined,
      sedated: r.variable === 'gcs' && r.sedated,
    });
  });

const support = fc
  .record({
    kind: fc.constantFrom('imv' as const, 'niv' as const, 'ventilation_unknown' as const, 'hfno' as const),
    start: fc.integer({ min: -10, max: 60 }),
    length: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    inProgress: fc.boolean(),
    id: fc.integer({ min: 0, max: 5 }),
    version: fc.integer({ min: 1, max: 2 }),
    updatedHour: fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
  })
  .map((p) =>
    procedure(p.kind, T_ICU + p.start * HOUR_MS, {
      id: `p${p.id}`,
      end: p.length === undefined ? undefined : T_ICU + (p.start + p.length) * HOUR_MS,
      inProgress: p.inProgress,
      versionId: p.version,
      lastUpdated: p.updatedHour === undefined ? undefined : T_ICU + p.updatedHour * HOUR_MS,
    }),
  );

const catecholamine = fc
  .record({
    atc: fc.constantFrom(
      VASOPRESSOR_ATC.norepinephrine,
      VASOPRESSOR_ATC.dopamine,
      VASOPRESSOR_ATC.dobutamine,
    ),
    start: fc.integer({ min: -5, max: 60 }),
    length: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    rate: fc.option(fc.constantFrom(0, 0.05, 0.1, 0.2, 3, 5, 16), { nil: undefined }),
    id: fc.integer({ min: 0, max: 10 }),
  })
  .map((m) =>
    infusion(
      m.atc,
      T_ICU + m.start * HOUR_MS,
      m.length === undefined ? undefined : T_ICU + (m.start + m.length) * HOUR_MS,
      m.rate,
      { id: `m${m.id}` },
    ),
  );

function settled(o: Outcome): unknown {
  return JSON.parse(JSON.stringify({ ...o, reason: o.reason() })) as unknown;
}

const EXPRESSIONS = [
  'sofa(during: [T_icu, T_scr])',
  'sofa(during: icu_window(0))',
  'sofa(during: icu_window(1))',
  'sofa(during: [T_icu + 6 h, T_icu + 30 h))',
  'organ_failure(during: [T_icu, T_scr], points: 2)',
  'organ_failure(during: icu_window(1), points: 3)',
].map((e) => ({ text: e, run: compileNode(parseRule(e), TEST_ENV).run }));

function screenAt(tl: PatientTimeline, at: number): EvalContext {
  return buildScreeningContext(tl, at, { protocolId: 'test' });
}

describe('SOFA with what earlier screenings of the timeline kept', () => {
  test.prop(
    [
      fc.array(record, { minLength: 10, maxLength: 80 }),
      fc.array(support, { maxLength: 3 }),
      fc.array(catecholamine, { maxLength: 4 }),
      fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 2, maxLength: 5 }),
    ],
    { numRuns: 200 },
  )(
    'gives the points, evidence and reasons of a fresh copy and of plain windows',
    (records, procs, meds, hours) => {
      const tl = timeline({ observations: records, procedures: procs, medications: meds });
      for (const h of hours) {
        const at = T_ICU + h * HOUR_MS;
        // One context per instant, shared by the expressions as a screening shares its view.
        const kept = screenAt(tl, at);
        const fresh = screenAt(structuredClone(tl), at);
        for (const e of EXPRESSIONS) {
          const plain = withoutSeries(screenAt(tl, at));
          const expected = settled(e.run(plain));
          expect(settled(e.run(kept)), e.text).toEqual(expected);
          expect(settled(e.run(fresh)), e.text).toEqual(expected);
        }
      }
    },
  );
});
