import { displayIcd10 } from '../../codesets/icd10-sets.js';
import type { ObservationRecord } from '../../timeline/types.js';
import { boolOutcome, formatNumber, observationEvidence } from '../outcome.js';
import type { BoolOutcome, EvalContext, Evidence, FunctionSpec } from '../types.js';
import { ageAtScreening } from './patient.js';
import { activeConditionsIn, conditionEvidence } from './score-helpers.js';

/** Quantitative beta-hCG without a reference range is positive at >= 25 IU/L (FHIR-PROFILE.md §3). */
export const BETA_HCG_POSITIVE_IU_L = 25;
/** Women aged >= 55 are taken as not of childbearing potential (FHIR-PROFILE.md §8). */
export const NON_CHILDBEARING_AGE = 55;

type HcgResult = 'positive' | 'negative' | 'indeterminate';

/** Reads one hCG result: qualitative coded, or quantitative against its own upper limit (else 25 IU/L). */
export function hcgResult(o: ObservationRecord): HcgResult {
  if (o.variable === 'hcg_qualitative')
    return o.coded === 'positive' ? 'positive' : o.coded === 'negative' ? 'negative' : 'indeterminate';
  if (o.value === undefined) return 'indeterminate';
  const positive =
    o.referenceHigh !== undefined ? o.value > o.referenceHigh : o.value >= BETA_HCG_POSITIVE_IU_L;
  return positive ? 'positive' : 'negative';
}

function hcgText(o: ObservationRecord, result: HcgResult): string {
  const value =
    o.variable === 'beta_hcg' && o.value !== undefined
      ? `beta-hCG ${formatNumber(o.value)} IU/L${o.referenceHigh !== undefined ? ` (ULN ${formatNumber(o.referenceHigh)})` : ''}`
      : 'hCG';
  return `${value} ${result} (${o.ref})`;
}

/** The latest hCG (qualitative or quantitative) since T_hosp; none without a hospital stay. */
function latestHcg(ctx: EvalContext): ObservationRecord | undefined {
  const hosp = ctx.hospitalStay;
  if (!hosp) return undefined;
  const all = [
    ...ctx.observations('hcg_qualitative', hosp.start, ctx.at),
    ...ctx.observations('beta_hcg', hosp.start, ctx.at),
  ];
  let latest: ObservationRecord | undefined;
  for (const o of all) if (!latest || o.time > latest.time) latest = o;
  return latest;
}

function pregnancy(ctx: EvalContext): BoolOutcome {
  const conditions = activeConditionsIn(ctx, ['pregnancy', 'lactation']);
  if (conditions.length > 0)
    return boolOutcome(
      'met',
      conditions.map(conditionEvidence),
      () =>
        `active pregnancy or lactation condition ${conditions.map((c) => `${displayIcd10(c.code)} (${c.ref})`).join(', ')}`,
    );
  const hcg = latestHcg(ctx);
  const result = hcg ? hcgResult(hcg) : undefined;
  const hcgEvidence: Evidence[] = hcg ? [observationEvidence(hcg)] : [];
  if (hcg && result === 'positive')
    return boolOutcome('met', hcgEvidence, () => `latest hCG since admission: ${hcgText(hcg, result)}`);
  const patient = ctx.patient;
  if (patient.sex === 'male')
    return boolOutcome('not_met', [{ reference: patient.ref, value: 'male' }], () => 'male');
  const puerperal = activeConditionsIn(ctx, ['puerperal']);
  if (puerperal.length > 0)
    return boolOutcome(
      'unknown',
      puerperal.map(conditionEvidence),
      () =>
        `active puerperal condition ${puerperal.map((c) => `${displayIcd10(c.code)} (${c.ref})`).join(', ')}: breastfeeding possible`,
    );
  if (hcg && result === 'negative')
    return boolOutcome('not_met', hcgEvidence, () => `latest hCG since admission: ${hcgText(hcg, result)}`);
  const birth = patient.birthDate;
  const age = ageAtScreening(ctx);
  if (patient.sex === 'female' && age !== undefined && age >= NON_CHILDBEARING_AGE)
    return boolOutcome(
      'not_met',
      [{ reference: patient.ref, value: birth ?? '' }],
      () => `female aged ${age}: not of childbearing potential (default at ${NON_CHILDBEARING_AGE} or more)`,
    );
  return boolOutcome('unknown', hcgEvidence, () =>
    hcg && result
      ? `latest hCG since admission ${hcgText(hcg, result)}; ${patient.sex}, age ${age ?? 'unknown'}`
      : `no hCG since admission; ${patient.sex}, age ${age ?? 'unknown'}`,
  );
}

/**
 * `pregnancy` → condition (FHIR-PROFILE.md §8), in order: met with an active pregnancy or lactation
 * condition, or when the latest hCG since T_hosp is positive; not_met if male; unknown with an active
 * puerperal condition (breastfeeding possible); not_met if that hCG is negative or a woman is aged 55 or
 * more; else unknown.
 * @example `pregnancy` (INFINITY E4, PLATINIUM E8, ImmunoSep E8)
 */
export const pregnancyFunction: FunctionSpec = {
  name: 'pregnancy',
  summary: 'pregnant or breastfeeding: conditions, the latest hCG since admission, sex and age',
  params: [],
  returns: () => ({ t: 'bool' }),
  compile: () => (ctx) => ctx.memo('pregnancy', () => pregnancy(ctx)),
};
