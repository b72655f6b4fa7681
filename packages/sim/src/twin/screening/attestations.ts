import type { AttestationRecord, CompiledEligibility } from '@immunotrial/core';
import type { Gaussian } from '../kernel/gaussian.js';
import type { RecordMaker } from '../render/records.js';
import type { AttestationFact, ScreeningPlan } from './screening-plan.js';

/** The criteria a person must answer: attestation with no rule, or a rule that needs the answer too. */
export function attestedCriteria(eligibility: CompiledEligibility): CompiledEligibility['criteria'] {
  return eligibility.criteria.filter((c) => c.attestation && (c.rule === undefined || c.combine === 'and'));
}

/** What the simulation knows that an investigator would attest from. */
export type FactLookup = (fact: AttestationFact) => boolean;

/**
 * One investigator's answers to a protocol's screening questionnaire for one patient, drawn once (the
 * same at every screening of that patient): each criterion holds its favourable answer with the plan's
 * probability (an inclusion true, an exclusion false), or follows a fact of the simulation. Criteria the
 * data decide (A*) are not answered: the engine reads the data.
 * @param plan - The protocol's screening plan.
 * @param eligibility - The compiled protocol.
 * @param g - A stream of this patient and protocol.
 * @returns Per criterion id, the answer (true = the criterion as written holds), facts aside.
 */
export function drawAnswers(
  plan: ScreeningPlan,
  eligibility: CompiledEligibility,
  g: Gaussian,
): ReadonlyMap<string, boolean> {
  const answers = new Map<string, boolean>();
  for (const c of attestedCriteria(eligibility)) {
    const favourable =
      g.uniform() < (plan.attestations.favourable[c.id] ?? plan.attestations.default_favourable);
    answers.set(c.id, c.kind === 'inclusion' ? favourable : !favourable);
  }
  return answers;
}

/**
 * The questionnaire responses at a screening: the drawn answers, with facts replacing theirs, authored
 * an hour before the screening instant.
 * @param make - The patient's record maker.
 * @param plan - The protocol's plan.
 * @param protocolId - Questionnaire's protocol.
 * @param answers - From drawAnswers.
 * @param fact - The facts at this screening.
 * @param at - Screening instant.
 */
export function answersAt(
  make: RecordMaker,
  plan: ScreeningPlan,
  protocolId: string,
  answers: ReadonlyMap<string, boolean>,
  fact: FactLookup,
  at: number,
): AttestationRecord[] {
  const out: AttestationRecord[] = [];
  for (const [id, drawn] of answers) {
    const named = plan.attestations.facts[id];
    out.push(make.attestation(protocolId, id, named === undefined ? drawn : fact(named), at - 3_600_000));
  }
  return out;
}
