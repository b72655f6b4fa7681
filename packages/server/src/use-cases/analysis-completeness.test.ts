import { type OpenDatabase, testBackends } from '@immunotrial/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolReady, protocolText, setUpUnit, type TestUnit } from '../test-support.js';
import { setUpAllocation } from './allocation-setup.js';
import { type CompletenessView, formCompleteness } from './analysis-completeness.js';
import { recordDischarge } from './discharges.js';
import { saveForm } from './forms.js';
import { changeStatus } from './participants.js';
import { randomizeParticipant } from './randomization.js';
import { loadProtocol } from './trials.js';

// INFINITY amended with a `once` form, site A (Europe/Paris). Visits d1, d2, d3 and d28 (window +2); labs at
// d1, d3, d28; vital signs daily (no repeated visit: days 1 to 28). Completeness read on 20 March 2026:
//   c0 D1 03-17 -> study day 4: labs d1, d3 due; vital signs days 1-4; baseline once
//   c1 D1 03-19 -> study day 2: labs d1 due (d3 on 03-21 not yet); vital signs days 1-2; baseline once
//   c2 D1 03-17, dead 03-18 -> calendar stops at study day 2: labs d1; vital signs days 1-2; baseline once
const BASELINE_FORM = `  - id: baseline
    label: Baseline characteristics
    repeat: once
    source: test fixture
    fields:
      - { id: weight, label: Weight, type: number, unit: kg, min: 20, max: 300 }
`;

function amendedInfinity(): string {
  return protocolText('infinity')
    .replace("version: '1.0'", "version: '1.1'")
    .replace('\nforms:\n', `\nforms:\n${BASELINE_FORM}`);
}

function row(rows: readonly CompletenessView[], formId: string): CompletenessView | undefined {
  return rows.find((r) => r.formId === formId);
}

describe.each(testBackends())('form completeness on $name', ({ open }) => {
  let opened: OpenDatabase;
  let u: TestUnit;
  beforeAll(async () => {
    opened = await open();
    u = await setUpUnit(opened);
    await loadProtocol(u.deps, 'system', amendedInfinity(), 'infinity-1.1.yaml');
    await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
      seed: 'completeness-seed-0123456789',
    });
    const randomize = async (ref: string, at: string): Promise<string> => {
      u.now.ms = Date.parse(at);
      const id = await enrolReady(u, u.siteA, ref);
      await randomizeParticipant(u.deps, u.as.investigator, id, { firstDoseAt: u.now.ms });
      return id;
    };
    const c0 = await randomize('c0', '2026-03-17T09:00:00Z');
    const c2 = await randomize('c2', '2026-03-17T09:30:00Z');
    u.now.ms = Date.parse('2026-03-18T10:00:00Z');
    await changeStatus(u.deps, u.as.investigator, c2, { status: 'dead', deathDate: '2026-03-18' });
    const c1 = await randomize('c1', '2026-03-19T09:00:00Z');
    u.now.ms = Date.parse('2026-03-20T09:00:00Z');
    const save = (pid: string, formId: string, instance: string, values: Record<string, number>) =>
      saveForm(u.deps, u.as.coordinator, pid, formId, instance, { values });
    const labs = { mhla_dr: 15000, lymphocytes: 700 };
    const vitals = { heart_rate: 90, map: 70 };
    await save(c0, 'labs', 'd1', labs);
    await save(c1, 'labs', 'd1', labs);
    await save(c1, 'labs', 'd3', labs); // saved early: not due yet, so not counted
    await save(c0, 'baseline', 'once', { weight: 70 });
    await save(c0, 'vital-signs', 'day-1', vitals);
    await save(c1, 'vital-signs', 'day-2', vitals);
    await save(c0, 'vital-signs', 'day-5', vitals); // a day not yet reached
  }, 180_000);
  afterAll(async () => {
    await opened.close();
  });

  it('counts a once form once per randomized participant', async () => {
    const rows = await formCompleteness(u.deps, u.as.statistician, u.trialId);
    expect(row(rows, 'baseline')).toEqual({
      formId: 'baseline',
      label: 'Baseline characteristics',
      expected: 3,
      completed: 1,
    });
  });

  it('expects a per-visit form once its visit window has opened, and not after death', async () => {
    const rows = await formCompleteness(u.deps, u.as.statistician, u.trialId);
    expect(row(rows, 'labs')).toMatchObject({ expected: 4, completed: 2 });
  });

  it('expects a daily form once per elapsed study day up to death', async () => {
    const rows = await formCompleteness(u.deps, u.as.data_manager, u.trialId);
    expect(row(rows, 'vital-signs')).toMatchObject({ expected: 8, completed: 2 });
    expect(row(rows, 'sofa')).toMatchObject({ expected: 8, completed: 0 });
  });

  it('leaves log forms out and moves with the clock', async () => {
    u.now.ms = Date.parse('2026-04-20T09:00:00Z');
    const rows = await formCompleteness(u.deps, u.as.dsmb, u.trialId);
    expect(rows.map((r) => r.formId)).toEqual(['baseline', 'vital-signs', 'sofa', 'labs']);
    // Every labs visit is now open for c0 and c1 (d28 on 04-13 / 04-15), c2 stays at d1; vital signs stop
    // at the last visit, day 28.
    expect(row(rows, 'labs')).toMatchObject({ expected: 7, completed: 3 });
    expect(row(rows, 'vital-signs')).toMatchObject({ expected: 28 + 28 + 2, completed: 3 });
    u.now.ms = Date.parse('2026-03-20T09:00:00Z');
  });

  it('lets statistics roles, data managers and monitors read it, and refuses site staff and admins', async () => {
    for (const actor of [u.as.unblinded_statistician, u.as.monitor]) {
      expect(await formCompleteness(u.deps, actor, u.trialId)).toHaveLength(4);
    }
    for (const actor of [
      u.as.investigator,
      u.as.coordinator,
      u.as.pharmacist,
      u.admin,
      u.siteBInvestigator,
    ]) {
      await expect(formCompleteness(u.deps, actor, u.trialId)).rejects.toMatchObject({
        code: 'auth.forbidden',
      });
    }
  });
});

// PLATINIUM's daily forms follow the `daily` visit, repeated until ICU discharge: D1 17 March (Paris), read
// on 25 March = study day 9. Before a discharge is recorded the 9 elapsed days are due; once the ICU
// discharge on 21 March (study day 5) is recorded, only days 1-5 are.
describe.each(testBackends())('daily form completeness bounded by ICU discharge on $name', ({ open }) => {
  it('stops expecting daily forms after the recorded ICU discharge', async () => {
    const opened = await open();
    try {
      const u = await setUpUnit(opened, ['platinium']);
      await setUpAllocation(u.deps, u.as.unblinded_statistician, u.trialId, {
        seed: 'completeness-icu-seed-0123456789',
      });
      u.now.ms = Date.parse('2026-03-17T09:00:00Z');
      const pid = await enrolReady(u, u.siteA, 'icu-1');
      await randomizeParticipant(u.deps, u.as.investigator, pid, { firstDoseAt: u.now.ms });
      u.now.ms = Date.parse('2026-03-25T09:00:00Z');
      const daily = async (): Promise<CompletenessView | undefined> =>
        row(await formCompleteness(u.deps, u.as.statistician, u.trialId), 'vital-signs');
      expect(await daily()).toMatchObject({ expected: 9, completed: 0 });
      await recordDischarge(u.deps, u.as.coordinator, pid, {
        icuDischargedAt: Date.parse('2026-03-21T15:00:00+01:00'),
      });
      expect(await daily()).toMatchObject({ expected: 5, completed: 0 });
    } finally {
      await opened.close();
    }
  }, 180_000);
});
