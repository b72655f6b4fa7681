import { describe, expect, it } from 'vitest';
import { VASOPRESSOR_ATC } from '../../codesets/medication-codes.js';
import type { PatientTimeline } from '../../timeline/types.js';
import { sofaOverWindow } from './sofa-window.js';
import {
  evaluateNumber,
  evaluateRule,
  infusion,
  obs,
  plusHours,
  procedure,
  screen,
  T_HOSP,
  T_ICU,
  timeline,
  type TimelineParts,
} from './test-timeline.js';

const W0 = 'sofa(during: icu_window(0))';
const SCR = plusHours(T_ICU, 30);
const h = (n: number): number => plusHours(T_ICU, n);

function sofa(parts: TimelineParts, expr = W0, atInstant = SCR): { lo: number; hi: number; reason: string } {
  const o = evaluateNumber(expr, timeline(parts), atInstant);
  return { lo: o.lo, hi: o.hi, reason: o.reason() };
}

/** The organs other than `but`, all with data scoring 0, so that one organ can be tested exactly. */
function normalExcept(but: string): TimelineParts {
  const all: Record<string, TimelineParts> = {
    respiration: { observations: [obs('pf_ratio', 450, h(1))] },
    coagulation: { observations: [obs('platelets', 200, h(1))] },
    liver: { observations: [obs('bilirubin', 0.5, h(1))] },
    cardiovascular: { observations: [obs('map', 80, h(1))] },
    cns: { observations: [obs('gcs', 15, h(1))] },
    renal: { observations: [obs('creatinine', 0.8, h(1)), obs('urine_output_24h', 1500, h(1))] },
  };
  return {
    observations: Object.entries(all)
      .filter(([k]) => k !== but)
      .flatMap(([, p]) => p.observations ?? []),
  };
}

/** Points of one organ: the other five score exactly 0. */
function organ(name: string, parts: TimelineParts): [number, number] {
  const base = normalExcept(name);
  const o = sofa({
    ...parts,
    observations: [...(base.observations ?? []), ...(parts.observations ?? [])],
  });
  return [o.lo, o.hi];
}

describe('sofa(during:) totals and bounds', () => {
  it('is 0–24 when the window holds no data', () => {
    expect(sofa({})).toMatchObject({ lo: 0, hi: 24 });
  });

  it('is exact when all six organs have data, renal with both creatinine and urine output', () => {
    expect(sofa(normalExcept('none'))).toMatchObject({ lo: 0, hi: 0 });
  });

  it('reproduces the INFINITY example: at least 15, renal bounded [2, 4] without urine output', () => {
    const o = sofa({
      procedures: [procedure('imv', h(0.4))],
      medications: [infusion(VASOPRESSOR_ATC.norepinephrine, h(0.25), h(39), 0.25, { id: 'ne' })],
      observations: [
        obs('fio2', 0.7, h(1.25), { id: 'fio2' }),
        obs('pao2', 81, h(1.33), { id: 'pao2' }),
        obs('platelets', 96, h(1.5)),
        obs('bilirubin', 1.6, h(1.5)),
        obs('creatinine', 2.3, h(1.5), { id: 'creat' }),
        obs('map', 57, h(1.33)),
        obs('gcs', 8, h(7.33)),
      ],
    });
    expect(o.lo).toBe(15);
    expect(o.hi).toBe(17);
    expect(o.reason).toContain('resp 3 P/F 116 on IMV');
    expect(o.reason).toContain('coag 2 platelets 96');
    expect(o.reason).toContain('liver 1 bilirubin 1.6');
    expect(o.reason).toContain('cv 4 NE 0.25');
    expect(o.reason).toContain('cns 3 GCS 8');
    expect(o.reason).toContain('renal 2–4 creatinine 2.3 without urine output');
  });

  it('uses the highest recorded SOFA total only when the window holds no component data', () => {
    const recorded = obs('sofa_total', 9, h(5));
    expect(sofa({ observations: [recorded, obs('sofa_total', 7, h(6))] })).toMatchObject({ lo: 9, hi: 9 });
    expect(sofa({ observations: [recorded, obs('platelets', 120, h(3))] })).toMatchObject({ lo: 1, hi: 21 });
  });

  it('is unknown when the window cannot be placed (no ICU stay)', () => {
    expect(sofa({ icu: null })).toMatchObject({ lo: -Infinity, hi: Infinity });
  });

  it('memoises one result per window and patient', () => {
    const ctx = screen(timeline({ observations: [obs('platelets', 90, h(2))] }), SCR);
    const w = { from: T_ICU, to: h(24), closedEnd: false, text: 'W0' };
    expect(sofaOverWindow(ctx, w)).toBe(sofaOverWindow(ctx, w));
  });
});

describe('sofa window edges', () => {
  it('includes the start of a half-open window and excludes its end', () => {
    expect(sofa({ observations: [obs('platelets', 10, h(0))] }).lo).toBe(4);
    expect(sofa({ observations: [obs('platelets', 10, h(24))] }).lo).toBe(0);
    expect(sofa({ observations: [obs('platelets', 10, h(-0.01))] }).lo).toBe(0);
  });

  it('includes the end of a closed window', () => {
    const parts = { observations: [obs('platelets', 10, h(24))] };
    expect(sofa(parts, 'sofa(during: [T_icu, T_icu + 24 h])').lo).toBe(4);
  });

  it('ignores data after the screening instant', () => {
    const parts = { observations: [obs('platelets', 10, h(12))] };
    expect(sofa(parts, W0, h(11)).lo).toBe(0);
    expect(sofa(parts, W0, h(12)).lo).toBe(4);
  });
});

describe('sofa respiration', () => {
  const imv = procedure('imv', h(0));
  it('scores P/F < 200 as 3 and < 100 as 4 only with respiratory support', () => {
    expect(organ('respiration', { procedures: [imv], observations: [obs('pf_ratio', 200, h(3))] })).toEqual([
      2, 2,
    ]);
    expect(organ('respiration', { procedures: [imv], observations: [obs('pf_ratio', 199, h(3))] })).toEqual([
      3, 3,
    ]);
    expect(organ('respiration', { procedures: [imv], observations: [obs('pf_ratio', 100, h(3))] })).toEqual([
      3, 3,
    ]);
    expect(organ('respiration', { procedures: [imv], observations: [obs('pf_ratio', 99, h(3))] })).toEqual([
      4, 4,
    ]);
    expect(organ('respiration', { observations: [obs('pf_ratio', 99, h(3))] })).toEqual([2, 2]);
  });

  it('counts NIV and ventilation of unknown type as support, not high-flow oxygen', () => {
    const low = [obs('pf_ratio', 150, h(3))];
    expect(organ('respiration', { procedures: [procedure('niv', h(1))], observations: low })).toEqual([3, 3]);
    expect(
      organ('respiration', { procedures: [procedure('ventilation_unknown', h(1))], observations: low }),
    ).toEqual([3, 3]);
    expect(organ('respiration', { procedures: [procedure('hfno', h(1))], observations: low })).toEqual([
      2, 2,
    ]);
  });

  it('needs the support running at the time of the value', () => {
    const low = [obs('pf_ratio', 150, h(3))];
    const later = procedure('imv', h(3.1));
    const ended = procedure('imv', h(1), { end: h(3), inProgress: false });
    const completedWithoutEnd = procedure('imv', h(1), { inProgress: false });
    expect(organ('respiration', { procedures: [later], observations: low })).toEqual([2, 2]);
    expect(organ('respiration', { procedures: [ended], observations: low })).toEqual([2, 2]);
    expect(organ('respiration', { procedures: [completedWithoutEnd], observations: low })).toEqual([2, 2]);
    const running = procedure('imv', h(1), { end: h(3.01), inProgress: false });
    expect(organ('respiration', { procedures: [running], observations: low })).toEqual([3, 3]);
  });

  it('pairs a PaO2 with the latest FiO2 at most 2 h earlier', () => {
    const pao2 = obs('pao2', 90, h(5));
    const pair = (fio2Time: number): [number, number] =>
      organ('respiration', { procedures: [imv], observations: [obs('fio2', 0.6, fio2Time), pao2] });
    expect(pair(h(3))).toEqual([3, 3]); // 90 / 0.6 = 150
    expect(pair(h(5))).toEqual([3, 3]);
    expect(pair(h(2.99))).toEqual([0, 4]);
    expect(pair(h(5.01))).toEqual([0, 4]);
    const latest = organ('respiration', {
      procedures: [imv],
      observations: [obs('fio2', 0.2, h(3.5)), obs('fio2', 1.0, h(4.5)), pao2],
    });
    expect(latest).toEqual([4, 4]); // 90 / 1.0; the earlier FiO2 would give 450 → 0
  });

  it('reads a FiO2 drawn before the window for a PaO2 inside it', () => {
    const o = organ('respiration', {
      procedures: [procedure('imv', h(-3))],
      observations: [obs('fio2', 1.0, h(-1)), obs('pao2', 95, h(0.5))],
    });
    expect(o).toEqual([4, 4]);
  });

  it('pairs with the FiO2 known at each screening when one timeline is screened again, in either order', () => {
    // The FiO2 of 4 h is reported at 20 h: at 12 h the PaO2 of 5 h pairs with the FiO2 of 3 h (90 / 0.9 = 100
    // -> 3), at 22 h with the FiO2 of 4 h (90 / 0.3 = 300 -> 1). The timeline keeps the pairings it computed.
    const observations = [
      ...(normalExcept('respiration').observations ?? []),
      obs('fio2', 0.9, h(3)),
      obs('fio2', 0.3, h(4), { issued: h(20) }),
      obs('pao2', 90, h(5)),
    ];
    const resp = (tl: PatientTimeline, atInstant: number): [number, number] => {
      const o = evaluateNumber(W0, tl, atInstant);
      return [o.lo, o.hi];
    };
    const earlyFirst = timeline({ procedures: [imv], observations });
    expect(resp(earlyFirst, h(12))).toEqual([3, 3]);
    expect(resp(earlyFirst, h(22))).toEqual([1, 1]);
    const lateFirst = timeline({ procedures: [imv], observations });
    expect(resp(lateFirst, h(22))).toEqual([1, 1]);
    expect(resp(lateFirst, h(12))).toEqual([3, 3]);
  });

  it('keeps the highest-scoring value of the window', () => {
    const o = organ('respiration', {
      observations: [obs('pf_ratio', 420, h(1)), obs('pf_ratio', 310, h(2)), obs('pf_ratio', 390, h(3))],
    });
    expect(o).toEqual([1, 1]);
  });
});

describe('sofa coagulation, liver and CNS', () => {
  it('scores platelets on both sides of 150, 100, 50 and 20', () => {
    const at = (v: number): number => organ('coagulation', { observations: [obs('platelets', v, h(2))] })[0];
    expect([at(150), at(149.9), at(100), at(99.9), at(50), at(49.9), at(20), at(19.9)]).toEqual([
      0, 1, 1, 2, 2, 3, 3, 4,
    ]);
  });

  it('scores bilirubin 12.0 as 3 and above 12 as 4, and takes the highest', () => {
    const liver = (...v: number[]): number =>
      organ('liver', { observations: v.map((x, i) => obs('bilirubin', x, h(i + 1))) })[0];
    expect(liver(12)).toBe(3);
    expect(liver(12.1)).toBe(4);
    expect(liver(1.19, 1.2)).toBe(1);
  });

  it('scores the lowest GCS and never one taken under sedation', () => {
    const cns = (...o: ReturnType<typeof obs>[]): [number, number] => organ('cns', { observations: o });
    expect(cns(obs('gcs', 6, h(2)))).toEqual([3, 3]);
    expect(cns(obs('gcs', 5, h(2)))).toEqual([4, 4]);
    expect(cns(obs('gcs', 14, h(1)), obs('gcs', 3, h(2), { sedated: true }))).toEqual([1, 1]);
    expect(cns(obs('gcs', 3, h(2), { sedated: true }))).toEqual([0, 4]);
  });
});

describe('sofa cardiovascular', () => {
  const ne = VASOPRESSOR_ATC.norepinephrine;
  const cv = (parts: TimelineParts): [number, number] => organ('cardiovascular', parts);

  it('scores MAP < 70 as 1', () => {
    expect(cv({ observations: [obs('map', 70, h(2))] })).toEqual([0, 0]);
    expect(cv({ observations: [obs('map', 69.9, h(2))] })).toEqual([1, 1]);
  });

  it('scores norepinephrine 0.1 as 3 and above 0.1 as 4 when given for at least 1 h', () => {
    expect(cv({ medications: [infusion(ne, h(2), h(3), 0.1)] })).toEqual([3, 3]);
    expect(cv({ medications: [infusion(ne, h(2), h(3), 0.11)] })).toEqual([4, 4]);
    expect(cv({ medications: [infusion(ne, h(2), h(2.98), 0.5)] })).toEqual([0, 4]);
  });

  it('scores dopamine 5 as 2, above 5 as 3, 15 as 3, above 15 as 4, and dobutamine as 2', () => {
    const dopa = (r: number): number =>
      cv({ medications: [infusion(VASOPRESSOR_ATC.dopamine, h(2), h(4), r)] })[0];
    expect([dopa(5), dopa(5.1), dopa(15), dopa(15.1)]).toEqual([2, 3, 3, 4]);
    expect(cv({ medications: [infusion(VASOPRESSOR_ATC.dobutamine, h(2), h(4), 20)] })).toEqual([2, 2]);
    expect(cv({ medications: [infusion(VASOPRESSOR_ATC.epinephrine, h(2), h(4), 0.05)] })).toEqual([3, 3]);
  });

  it('does not score vasopressin', () => {
    expect(cv({ medications: [infusion(VASOPRESSOR_ATC.vasopressin, h(2), h(6), 0.04)] })).toEqual([0, 4]);
  });

  it('joins rate changes: the highest rate sustained for 1 h scores', () => {
    const high = infusion(ne, h(2), h(2.5), 0.2);
    expect(cv({ medications: [high, infusion(ne, h(2.5), h(3), 0.15)] })).toEqual([4, 4]);
    expect(cv({ medications: [high, infusion(ne, h(2.5), h(3.2), 0.05)] })).toEqual([3, 3]);
    expect(cv({ medications: [high, infusion(ne, h(2.6), h(3.2), 0.15)] })).toEqual([0, 4]);
  });

  it('scores the rate of a stretch that overlaps the window, a lower lead-in included', () => {
    const leadIn = infusion(ne, h(-2), h(0.2), 0.05);
    const burst = infusion(ne, h(0.2), h(0.5), 0.3);
    expect(cv({ medications: [leadIn, burst] })).toEqual([3, 3]);
    const highBefore = infusion(ne, h(-2), h(0), 0.3);
    const lowAfter = infusion(ne, h(0), h(2), 0.05);
    expect(cv({ medications: [highBefore, lowAfter] })).toEqual([3, 3]);
  });

  it('cites the administrations at the deciding rate', () => {
    const meds = [
      infusion(ne, h(1), h(2), 0.2, { id: 'ne1' }),
      infusion(ne, h(2), h(3), 0.05, { id: 'ne2' }),
      infusion(ne, h(3), h(3.5), 0.3, { id: 'ne3' }),
    ];
    const o = evaluateNumber(W0, timeline({ medications: meds }), SCR);
    expect(o.evidence.map((e) => e.reference)).toContain('MedicationAdministration/ne1');
    expect(o.evidence.map((e) => e.reference)).not.toContain('MedicationAdministration/ne3');
    expect(o.reason()).toContain('cv 4 NE 0.2');
  });

  it('counts a run that overlaps the window even if most of it lies outside', () => {
    expect(cv({ medications: [infusion(ne, h(-5), h(0.1), 0.3)] })).toEqual([4, 4]);
    expect(cv({ medications: [infusion(ne, h(-5), h(0), 0.3)] })).toEqual([0, 4]);
    expect(cv({ medications: [infusion(ne, h(23.9), h(30), 0.3)] })).toEqual([4, 4]);
    expect(cv({ medications: [infusion(ne, h(24), h(30), 0.3)] })).toEqual([0, 4]);
  });

  it('cuts a running infusion at the screening instant', () => {
    const open = infusion(ne, h(10), undefined, 0.3);
    expect(sofa({ ...normalExcept('cardiovascular'), medications: [open] }, W0, h(10.9))).toMatchObject({
      lo: 0,
      hi: 4,
    });
    expect(sofa({ ...normalExcept('cardiovascular'), medications: [open] }, W0, h(11))).toMatchObject({
      lo: 4,
      hi: 4,
    });
  });

  it('bounds a catecholamine without a rate in µg/kg/min between its lowest and highest points', () => {
    expect(cv({ medications: [infusion(ne, h(2), h(4), undefined)] })).toEqual([3, 4]);
    const mgRate = infusion(ne, h(2), h(4), undefined, { rate: { value: 1, unit: 'mg/d' } });
    expect(cv({ medications: [mgRate] })).toEqual([3, 4]);
    expect(cv({ medications: [infusion(VASOPRESSOR_ATC.dobutamine, h(2), h(4), undefined)] })).toEqual([
      2, 2,
    ]);
  });

  it('keeps the higher of MAP and vasopressor points', () => {
    expect(
      cv({ observations: [obs('map', 60, h(2))], medications: [infusion(ne, h(2), h(4), 0.05)] }),
    ).toEqual([3, 3]);
  });
});

describe('sofa renal', () => {
  const renal = (...o: ReturnType<typeof obs>[]): [number, number] => organ('renal', { observations: o });

  it('is exact with both a creatinine and a urine output in the window', () => {
    expect(renal(obs('creatinine', 1.5, h(2)), obs('urine_output_24h', 499, h(20)))).toEqual([3, 3]);
    expect(renal(obs('creatinine', 1.5, h(2)), obs('urine_output_24h', 500, h(20)))).toEqual([1, 1]);
    expect(renal(obs('creatinine', 1.5, h(2)), obs('urine_output_24h', 199, h(20)))).toEqual([4, 4]);
    expect(renal(obs('creatinine', 1.5, h(2)), obs('urine_output_24h', 200, h(20)))).toEqual([3, 3]);
  });

  it('is bounded [its points, 4] with only one of them', () => {
    expect(renal(obs('creatinine', 2.3, h(2)))).toEqual([2, 4]);
    expect(renal(obs('creatinine', 5.0, h(2)))).toEqual([3, 4]);
    expect(renal(obs('creatinine', 5.1, h(2)))).toEqual([4, 4]);
    expect(renal(obs('urine_output_24h', 450, h(20)))).toEqual([3, 4]);
    expect(renal()).toEqual([0, 4]);
  });
});

describe('sofa in rules', () => {
  const parts: TimelineParts = {
    observations: [obs('platelets', 40, h(2)), obs('bilirubin', 6.5, h(2))],
  };
  it('decides a threshold only when the lowest or highest total settles it', () => {
    expect(evaluateRule(`${W0} >= 6`, timeline(parts), SCR).value).toBe('met');
    expect(evaluateRule(`${W0} >= 7`, timeline(parts), SCR).value).toBe('unknown');
    expect(evaluateRule(`${W0} >= 6`, timeline(normalExcept('none')), SCR).value).toBe('not_met');
  });

  it('subtracts a baseline window by interval rules (Sepsis-3 rise)', () => {
    // baseline window [T_hosp, T_hosp + 24 h): all six organs at 0 (data at T_icu + 1 h).
    const tl = timeline({
      observations: [
        ...(normalExcept('none').observations ?? []),
        obs('platelets', 40, h(25)),
        obs('creatinine', 2.5, h(26)),
      ],
    });
    expect(T_HOSP).toBeLessThan(h(1));
    const rise = 'sofa(during: [T_scr - 24 h, T_scr]) - sofa(during: [T_hosp, T_hosp + 24 h))';
    // last 24 h: coagulation 3, renal 2–4, other organs without data; baseline window: all six at 0.
    const o = evaluateNumber(rise, tl, SCR);
    expect([o.lo, o.hi]).toEqual([5, 3 + 4 + 16]);
    expect(evaluateRule(`${rise} >= 2`, tl, SCR).value).toBe('met');
    expect(evaluateRule(`${rise} >= 6`, tl, SCR).value).toBe('unknown');
  });

  it('cites the deciding records as evidence', () => {
    const o = evaluateRule(`${W0} >= 6`, timeline(parts), SCR);
    expect(o.evidence.map((e) => e.value)).toEqual(expect.arrayContaining([40, 6.5]));
  });
});
