import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulateCohort } from '../cohort/simulate-cohort.js';
import { parseTwinModel } from '../model/load-model.js';
import { drawPatient } from './baseline.js';
import { compileTwinModel } from './compiled-model.js';
import { Gaussian } from './gaussian.js';
import { B_MALS, NB, NS, NV, S_ACUTE, V_LN_LYMPHOCYTES, V_LN_MHLA_DR } from './layout.js';
import { EXPOSED_ANAKINRA, EXPOSED_IFN, EXPOSED_IL7, NO_EFFECTS, stepDay } from './step.js';
import { STREAM_KIND, twinStream } from './streams.js';

const FILE = 'packages/sim/models/icu-immunosuppression.yaml';
const model = compileTwinModel(parseTwinModel(readFileSync(FILE, 'utf8'), FILE).model);

/** One patient's first day, with a given exposure and effect. */
function firstDay(index: number, exposed: number, effects = NO_EFFECTS) {
  const baseline = new Float64Array(NB);
  const state = new Float64Array(NS);
  const record = new Float32Array(NV);
  const g = new Gaussian(twinStream(3, STREAM_KIND.patient, index, 0));
  drawPatient(model, g, baseline, 0, state, 0);
  stepDay(model, g, { baseline, b: 0, state, s: 0 }, effects, exposed, record, 0);
  return { baseline, state, record };
}

describe('the natural-history kernel', () => {
  it('gives the same cohort for the same seed, and each patient whatever the cohort it is made in', () => {
    const a = simulateCohort(model, 42, 30, { days: 20 });
    const b = simulateCohort(model, 42, 30, { days: 20 });
    expect(b.records).toEqual(a.records);
    expect(b.state).toEqual(a.state);
    const part = simulateCohort(model, 42, 10, { days: 20, first: 20 });
    expect(part.records).toEqual(a.records.subarray(20 * 20 * NV));
    const other = simulateCohort(model, 43, 30, { days: 20 });
    expect(other.records).not.toEqual(a.records);
  });

  it('raises mHLA-DR by the IFN-gamma fold times the exposure reached (onset 1.5 days)', () => {
    const fold = 4.67;
    const effects = { ...NO_EFFECTS, ifnLogFold: Math.log(fold) };
    const exposure = 1 - Math.exp(-1 / model.onsetDays);
    for (const i of [1, 2, 3]) {
      const treated = firstDay(i, EXPOSED_IFN, effects).record[V_LN_MHLA_DR] ?? 0;
      const untreated = firstDay(i, 0, effects).record[V_LN_MHLA_DR] ?? 0;
      expect(treated - untreated).toBeCloseTo(exposure * Math.log(fold), 5);
    }
  });

  it('raises lymphocytes by the IL-7 fold times the exposure, and no drug changes nothing', () => {
    const effects = { ...NO_EFFECTS, il7LogFold: Math.log(3.5) };
    const exposure = 1 - Math.exp(-1 / model.onsetDays);
    const treated = firstDay(5, EXPOSED_IL7, effects).record[V_LN_LYMPHOCYTES] ?? 0;
    const untreated = firstDay(5, 0, effects).record[V_LN_LYMPHOCYTES] ?? 0;
    expect(treated - untreated).toBeCloseTo(exposure * Math.log(3.5), 5);
    // A placebo (no exposure) under any effect is the natural history.
    expect(firstDay(5, 0, effects).record).toEqual(firstDay(5, 0).record);
  });

  it('lowers the organ failure of MALS patients on anakinra, and of no one else', () => {
    const effects = { ...NO_EFFECTS, anakinraSofaPerDay: 1 };
    let mals = 0;
    for (let i = 0; i < 400 && mals < 3; i++) {
      const on = firstDay(i, EXPOSED_ANAKINRA, effects);
      const off = firstDay(i, 0, effects);
      const load = (s: Float64Array): number => s.subarray(S_ACUTE, S_ACUTE + 6).reduce((a, b) => a + b, 0);
      if (on.baseline[B_MALS] === 1) {
        mals++;
        expect(load(off.state) - load(on.state)).toBeCloseTo(1 - Math.exp(-1 / model.onsetDays), 6);
      } else expect(load(on.state)).toBe(load(off.state));
    }
    expect(mals).toBe(3);
  });
});
