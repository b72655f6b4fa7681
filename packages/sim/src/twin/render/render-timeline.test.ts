import { readFileSync } from 'node:fs';
import { buildPatientView, contextFor, sofaOverWindow } from '@immunotrial/core';
import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../cohort/simulate-cohort.js';
import { compileTwinModel } from '../kernel/compiled-model.js';
import { AT_ICU, NB, NS, NV, organPoints, V_IMV, V_LOCATION, V_X } from '../kernel/layout.js';
import { parseTwinModel } from '../model/load-model.js';
import { renderTimeline } from './render-timeline.js';

const MODEL = 'packages/sim/models/icu-immunosuppression.yaml';
const model = compileTwinModel(parseTwinModel(readFileSync(MODEL, 'utf8'), MODEL).model);
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 7, 30);
const cohort = simulateCohort(model, 11, 60, { days: 15 });

function source(i: number) {
  return {
    patientId: `tw-${i}`,
    index: i,
    seed: 11,
    baseline: cohort.baseline,
    b: i * NB,
    records: cohort.records,
    r0: i * cohort.days * NV,
    days: cohort.days,
    state: cohort.state,
    s: i * NS,
    icuStart: T0 + i * 5 * HOUR,
  };
}

describe('renderTimeline', () => {
  it('gives the engine the model SOFA of every whole ICU day, organ by organ', () => {
    let checked = 0;
    for (let i = 0; i < cohort.size; i++) {
      const p = source(i);
      const tl = renderTimeline(model, p);
      for (let d = 0; d + 1 < cohort.days; d++) {
        const r = p.r0 + d * NV;
        // Whole days in the ICU only: a window cut by death or discharge holds the same values anyway.
        if (cohort.records[r + V_LOCATION] !== AT_ICU || cohort.records[r + NV + V_LOCATION] !== AT_ICU)
          continue;
        const imv = cohort.records[r + V_IMV] === 1;
        let expected = 0;
        for (let o = 0; o < 6; o++) expected += organPoints(cohort.records[r + V_X + o] ?? 0, o, imv);
        const from = p.icuStart + d * 24 * HOUR;
        const at = from + 24 * HOUR - 1;
        const ctx = contextFor(buildPatientView(tl, at), { protocolId: 'twin', parameters: {} });
        const score = sofaOverWindow(ctx, { from, to: from + 24 * HOUR, closedEnd: false, text: `W${d}` });
        expect({ patient: i, day: d, lo: score.lo, hi: score.hi }).toEqual({
          patient: i,
          day: d,
          lo: expected,
          hi: expected,
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('renders the start of a longer timeline when it stops earlier', () => {
    const short = renderTimeline(model, source(3), { lastDay: 6 });
    const long = renderTimeline(model, source(3));
    const cut = short.observations.length;
    expect(cut).toBeGreaterThan(50);
    expect(long.observations.slice(0, cut).map((o) => [o.variable, o.time, o.value])).toEqual(
      short.observations.map((o) => [o.variable, o.time, o.value]),
    );
  });
});
