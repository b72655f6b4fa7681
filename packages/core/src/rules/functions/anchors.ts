import type { AnchorProvider } from '../../eligibility/context.js';
import type { Instant } from '../../time/duration.js';
import { conditionInSet, displayIcd10 } from '../../codesets/icd10-sets.js';
import { isoTime } from '../outcome.js';
import type { EvalContext, Evidence, InstantOutcome } from '../types.js';
import { medicationSpan, medicationsOfClass, procedureSpan, recordEvidence } from './clinical-args.js';
import { conditionActiveAt, conditionTime } from './conditions.js';

/** An anchor placed by clinical data: its instant (undefined when the data cannot place it) and evidence. */
export interface ClinicalAnchor {
  readonly t: Instant | undefined;
  readonly evidence: readonly Evidence[];
}

/**
 * T_first_support (INFINITY E3): the first start of invasive mechanical ventilation (Procedure, kind `imv`)
 * or of a sedative (MedicationAdministration of propofol, midazolam, dexmedetomidine or ketamine). Only
 * support still running at or after the start of the current hospital stay counts (an IMV begun before
 * admission does; one from an earlier stay does not); without a hospital stay, all counts.
 * @returns The earliest such start, or t undefined when there is none.
 * @example firstSupportStart(ctx) // => { t: <start of the first sedative or IMV>, evidence: [{ reference: 'Procedure/v1', ... }] }
 */
export function firstSupportStart(ctx: EvalContext): ClinicalAnchor {
  const from = ctx.hospitalStay?.start ?? -Infinity;
  const candidates = [
    ...ctx.procedures
      .filter((p) => p.kind === 'imv' && procedureSpan(p, ctx.at).end >= from)
      .map((p) => ({ t: p.start, evidence: recordEvidence(p.ref, 'imv', undefined, p.start) })),
    ...medicationsOfClass(ctx, 'sedative')
      .filter((m) => medicationSpan(m, ctx.at).end >= from)
      .map((m) => ({ t: m.start, evidence: recordEvidence(m.ref, m.atc, undefined, m.start) })),
  ];
  let best = candidates[0];
  for (const c of candidates) if (best === undefined || c.t < best.t) best = c;
  return best ? { t: best.t, evidence: [best.evidence] } : { t: undefined, evidence: [] };
}

/**
 * T_sep (FHIR-PROFILE.md §8): the earliest time (onset, else recorded date) of a sepsis condition active at
 * T_scr. None -> t undefined.
 * @example sepsisOnset(ctx) // => { t: <onset of Condition/s1>, evidence: [{ reference: 'Condition/s1', value: 'A41.9', ... }] }
 */
export function sepsisOnset(ctx: EvalContext): ClinicalAnchor {
  let best: { t: Instant; evidence: Evidence } | undefined;
  for (const c of ctx.conditions) {
    const t = conditionTime(c);
    if (t === undefined || !conditionActiveAt(c, ctx.at) || !conditionInSet('sepsis', c.system, c.code))
      continue;
    if (!best || t < best.t)
      best = { t, evidence: recordEvidence(c.ref, displayIcd10(c.code), undefined, t) };
  }
  return best ? { t: best.t, evidence: [best.evidence] } : { t: undefined, evidence: [] };
}

function provider(name: string, compute: (ctx: EvalContext) => ClinicalAnchor, none: string): AnchorProvider {
  return (ctx): InstantOutcome => {
    const { t, evidence } = compute(ctx);
    return {
      kind: 'instant',
      t,
      evidence,
      reason() {
        return t === undefined
          ? `${name} unknown: ${none}`
          : `${name} = ${isoTime(t)} (${evidence.map((e) => e.reference).join(', ')})`;
      },
    };
  };
}

/**
 * Anchor providers for `buildScreeningContext(..., { anchors })`: `T_sep` and `T_first_support`.
 * @example buildScreeningContext(timeline, at, { protocolId: 'immunosep', anchors: CLINICAL_ANCHORS })
 */
export const CLINICAL_ANCHORS: Readonly<Record<'T_sep' | 'T_first_support', AnchorProvider>> = {
  T_sep: provider('T_sep', sepsisOnset, 'no active sepsis condition'),
  T_first_support: provider('T_first_support', firstSupportStart, 'no invasive ventilation or sedative'),
};
