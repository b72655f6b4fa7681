import { computeEgfrCkdEpi2021 } from '../../scores/egfr.js';
import { DAY_MS } from '../../time/duration.js';
import { localDateOf } from '../../time/zone.js';
import { exactNumber, formatNumber, isoTime, observationEvidence, unknownNumber } from '../outcome.js';
import type { EvalContext, FunctionSpec, NumberOutcome } from '../types.js';
import { completedYears } from './patient.js';
import { highestScoring, pointsOrUndefined } from './score-helpers.js';

/** The baseline creatinine window `[T_hosp − 365 d, T_hosp − 7 d]` (FHIR-PROFILE.md §8). */
export const BASELINE_FROM_DAYS = 365;
export const BASELINE_TO_DAYS = 7;

function egfrBaseline(ctx: EvalContext): NumberOutcome {
  const hosp = ctx.hospitalStay;
  if (!hosp) return unknownNumber(() => 'baseline eGFR unknown: no hospital stay');
  const from = hosp.start - BASELINE_FROM_DAYS * DAY_MS;
  const to = hosp.start - BASELINE_TO_DAYS * DAY_MS;
  const lowest = highestScoring(
    ctx.observations('creatinine', from, to, true).filter((o) => o.value !== undefined),
    (o) => (o.value === undefined ? undefined : -o.value),
    () => 0,
  )?.item;
  if (lowest?.value === undefined)
    return unknownNumber(
      () =>
        `baseline eGFR unknown: no creatinine from ${isoTime(from)} to ${isoTime(to)} (T_hosp − 365 d to T_hosp − 7 d)`,
    );
  const sex = ctx.patient.sex;
  const birth = ctx.patient.birthDate;
  if (sex !== 'male' && sex !== 'female')
    return unknownNumber(() => `baseline eGFR unknown: sex ${sex}`, [observationEvidence(lowest)]);
  if (birth === undefined)
    return unknownNumber(() => 'baseline eGFR unknown: no birth date', [observationEvidence(lowest)]);
  const ageYears = completedYears(birth, localDateOf(lowest.time, ctx.zone));
  const creatinine = lowest.value;
  const egfr = pointsOrUndefined(() =>
    computeEgfrCkdEpi2021({ creatinineMgPerDl: creatinine, ageYears, sex }),
  );
  if (egfr === undefined)
    return unknownNumber(
      () => `baseline eGFR unknown: CKD-EPI not valid at age ${ageYears} or creatinine ${creatinine}`,
      [observationEvidence(lowest)],
    );
  return exactNumber(
    egfr,
    [observationEvidence(lowest), { reference: ctx.patient.ref, value: birth }],
    () =>
      `baseline eGFR ${formatNumber(egfr)} mL/min/1.73 m² (CKD-EPI 2021: creatinine ${formatNumber(creatinine)} mg/dL on ${isoTime(lowest.time)}, ${ageYears} y, ${sex}; ${lowest.ref})`,
  );
}

/**
 * `egfr_baseline` → mL/min/{1.73_m2} (FHIR-PROFILE.md §8): CKD-EPI 2021 (Inker et al., 2021) on the lowest
 * creatinine in `[T_hosp − 365 d, T_hosp − 7 d]`, with the age at that sample. Unknown without such a
 * creatinine, without a birth date, or when sex is neither male nor female.
 * @example `egfr_baseline < 10 mL/min/{1.73_m2}` (PLATINIUM E11)
 */
export const egfrBaselineFunction: FunctionSpec = {
  name: 'egfr_baseline',
  summary: 'baseline eGFR: CKD-EPI 2021 on the lowest creatinine 365 to 7 days before hospital admission',
  params: [],
  returns: () => ({ t: 'number', unit: 'mL/min/{1.73_m2}', variable: 'egfr' }),
  compile: () => (ctx) => ctx.memo('egfr_baseline', () => egfrBaseline(ctx)),
};
