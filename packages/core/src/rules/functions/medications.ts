import { isMedicationClassName, MEDICATION_CLASSES, recordAtc } from '../../codesets/medication-classes.js';
import type { MedicationRecord } from '../../timeline/types.js';
import { boolOutcome } from '../outcome.js';
import type { BoolOutcome, Evidence, FunctionSpec } from '../types.js';
import {
  anyOf,
  type ClinicalWindow,
  dateText,
  medicationSpan,
  medicationsOfClass,
  overlaps,
  recordEvidence,
  type Span,
  symbolsArg,
  windowArg,
  withinWindow,
} from './clinical-args.js';

function describeExposure(m: MedicationRecord, span: Span): string {
  const what = recordAtc(m) ?? m.rxnorm ?? 'medication';
  const when =
    span.start === span.end
      ? `given ${dateText(span.start)}`
      : `${dateText(span.start)} to ${m.end === undefined ? 'screening' : dateText(span.end)}`;
  return `${what} ${when} (${m.ref})`;
}

/** Evidence for a medication: its reference, ATC code and start. */
export function medicationEvidence(m: MedicationRecord): Evidence {
  return recordEvidence(m.ref, recordAtc(m) ?? m.rxnorm, undefined, m.start);
}

/**
 * `medication(class, ..., during: W)`: an exposure to a drug of one of the classes (FHIR-PROFILE.md §5)
 * overlapping W (default: any time before T_scr). Exposure = effectivePeriod (open end -> T_scr) or the
 * instant effectiveDateTime; touching the window counts. Closed world: none -> not_met.
 * Example (INFINITY E6): `medication(immunosuppressant, during: [T_scr - 30 d, T_scr])`.
 */
export const medicationFunction: FunctionSpec = {
  name: 'medication',
  summary: 'an exposure to a drug of a medication class overlapping a window',
  params: [
    { name: 'classes', kind: { symbol: 'medication_class' }, positional: true, variadic: true },
    { name: 'during', kind: 'window', optional: true },
  ],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const classes = symbolsArg(args, 'classes', isMedicationClassName, 'medication');
    const window = windowArg(args, 'during');
    const names = classes.map((c) => MEDICATION_CLASSES[c].label).join(' or ');
    return (ctx) => {
      const w = window(ctx);
      const ofClasses = classes.flatMap((c) => medicationsOfClass(ctx, c));
      const candidates = classes.length === 1 ? ofClasses : [...new Set(ofClasses)]; // a drug can be in two classes
      const hits = candidates.filter((m) => overlaps(medicationSpan(m, ctx.at), w));
      const o = anyOf(
        hits,
        () => 'met',
        medicationEvidence,
        (m) => describeExposure(m, medicationSpan(m, ctx.at)),
        () => `no ${names} ${w.inText()}`,
      );
      return withinWindow(w, o);
    };
  },
};

function clip(span: Span, w: ClinicalWindow): Span | undefined {
  const start = Math.max(span.start, w.from);
  const end = Math.min(span.end, w.to);
  return start <= end ? { start, end } : undefined;
}

function antiTb(w: ClinicalWindow, medications: readonly MedicationRecord[], at: number): BoolOutcome {
  const exposures = medications.flatMap((m) => {
    const s = clip(medicationSpan(m, at), w);
    const atc = recordAtc(m);
    return s && atc !== undefined && overlaps(s, w) ? [{ m, atc, s }] : [];
  });
  const combination = exposures.find((e) => e.atc.startsWith('J04AM'));
  if (combination) {
    const { m, s } = combination;
    return boolOutcome('met', [medicationEvidence(m)], () => `anti-TB combination ${describeExposure(m, s)}`);
  }
  for (let i = 0; i < exposures.length; i++) {
    for (let j = i + 1; j < exposures.length; j++) {
      const a = exposures[i];
      const b = exposures[j];
      if (!a || !b || a.atc === b.atc) continue;
      if (a.s.start <= b.s.end && b.s.start <= a.s.end) {
        return boolOutcome(
          'met',
          [medicationEvidence(a.m), medicationEvidence(b.m)],
          () =>
            `two anti-TB drugs overlapping: ${describeExposure(a.m, a.s)} and ${describeExposure(b.m, b.s)}`,
        );
      }
    }
  }
  const drugs = [...new Set(exposures.map((e) => e.atc))];
  return boolOutcome(
    'not_met',
    exposures.map((e) => medicationEvidence(e.m)),
    () =>
      drugs.length === 0
        ? `no anti-TB drug ${w.inText()}`
        : `anti-TB drugs ${drugs.join(', ')} ${w.inText()} without two different ones overlapping`,
  );
}

/**
 * `anti_tb_therapy(during: W)`: active TB treatment (ImmunoSep E5): two different J04A drugs with
 * overlapping exposures, or one J04AM combination, inside W. Different drugs = different ATC codes.
 * Example: `anti_tb_therapy(during: [T_scr - 30 d, T_scr])`.
 */
export const antiTbTherapyFunction: FunctionSpec = {
  name: 'anti_tb_therapy',
  summary:
    'two different anti-TB drugs (J04A) with overlapping exposures, or one combination (J04AM), in a window',
  params: [{ name: 'during', kind: 'window', optional: true }],
  returns: () => ({ t: 'bool' }),
  compile: (args) => {
    const window = windowArg(args, 'during');
    return (ctx) => {
      const w = window(ctx);
      return withinWindow(w, antiTb(w, medicationsOfClass(ctx, 'anti_tb'), ctx.at));
    };
  },
};
