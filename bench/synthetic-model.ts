import type { RandomSource } from '@immunotrial/stats';

/**
 * A synthetic ICU patient, independent of the output format: rendered to FHIR resources
 * (`render-fhir.ts`) and to the CSV long format (`render-csv.ts`).
 */
export interface SynthObservation {
  readonly id: string;
  readonly t: number;
  readonly system: 'loinc' | 'local';
  readonly code: string;
  /** Canonical variable id (CSV). */
  readonly variable: string;
  readonly value: number;
  readonly unit: string;
  readonly end?: number;
}

export interface SynthEvent {
  readonly id: string;
  readonly kind: 'procedure' | 'medication' | 'diagnosis' | 'attestation';
  readonly code: string;
  readonly system: string;
  readonly start: number;
  readonly end?: number | undefined;
  readonly rate?: { readonly value: number; readonly unit: string };
  readonly value?: boolean;
}

export interface SynthPatient {
  readonly id: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
  readonly offsetMinutes: number;
  readonly hospitalStart: number;
  readonly icuStart: number;
  readonly admittedViaEd: boolean;
  readonly observations: SynthObservation[];
  readonly events: SynthEvent[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Normal deviate by Box-Muller. */
function normal(rng: RandomSource, mean: number, sd: number): number {
  const u = 1 - rng.nextDouble();
  const v = rng.nextDouble();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/**
 * Generates one synthetic ICU patient of 14 days: hourly HR, MAP, RR, temperature; blood gases (FiO2,
 * PaO2, PaCO2, pH) four times a day; GCS three times a day; daily labs (lymphocytes, neutrophils, WBC,
 * platelets, creatinine, bilirubin, ferritin, AST, ALT, lipase, glucose - a code no criterion reads),
 * daily urine output; mHLA-DR twice a week; ventilation; norepinephrine rate changes; hydrocortisone;
 * sedatives; an antibiotic (not read); diagnoses; a screening attestation. About 1,900 resources.
 * Severity, immune suppression and hyperferritinaemia vary between patients so that some meet each
 * protocol. Pure: the same rng state gives the same patient.
 * @param index - Patient number (its id is `syn-<index>`).
 * @param start - ICU admission instant (epoch ms).
 */
export function generatePatient(index: number, rng: RandomSource, start: number): SynthPatient {
  const id = `syn-${index}`;
  const offsetMinutes = 60;
  const severity = rng.nextDouble(); // 0 mild … 1 severe
  const immunoparalysis = rng.nextDouble() < 0.5;
  const mals = rng.nextDouble() < 0.15;
  const ventilated = severity > 0.35;
  const age = Math.floor(clamp(normal(rng, 64, 14), 19, 92));
  const birthYear = new Date(start).getUTCFullYear() - age - 1;
  const birthDate = `${birthYear}-${String(1 + Math.floor(rng.nextDouble() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rng.nextDouble() * 28)).padStart(2, '0')}`;
  const hospitalStart = start - Math.floor(2 + rng.nextDouble() * 20) * HOUR;
  const obs: SynthObservation[] = [];
  const ev: SynthEvent[] = [];
  let n = 0;
  const o = (
    t: number,
    system: 'loinc' | 'local',
    code: string,
    variable: string,
    value: number,
    unit: string,
    end?: number,
  ): void => {
    obs.push({
      id: `${id}-o${n++}`,
      t,
      system,
      code,
      variable,
      value,
      unit,
      ...(end === undefined ? {} : { end }),
    });
  };
  // Recovery: values drift from the admission severity toward normal over the stay.
  const sick = (day: number): number => severity * Math.max(0.2, 1 - day / 20);
  for (let h = 0; h < 14 * 24; h++) {
    const t = start + h * HOUR + 5 * 60_000;
    const s = sick(h / 24);
    o(t, 'loinc', '8867-4', 'heart_rate', Math.round(normal(rng, 80 + 40 * s, 8)), '/min');
    o(t, 'loinc', '8478-0', 'map', Math.round(normal(rng, 85 - 25 * s, 6)), 'mm[Hg]');
    o(t, 'loinc', '9279-1', 'respiratory_rate', Math.round(normal(rng, 16 + 10 * s, 3)), '/min');
    o(t, 'loinc', '8310-5', 'temperature', round(normal(rng, 37 + 1.4 * s, 0.4), 1), 'Cel');
  }
  for (let d = 0; d < 14; d++) {
    const s = sick(d);
    for (const hh of [2, 8, 14, 20]) {
      const t = start + d * DAY + hh * HOUR;
      const fio2 = Math.round(clamp(21 + 60 * s + normal(rng, 0, 5), 21, 100));
      o(t - 5 * 60_000, 'loinc', '3150-0', 'fio2', fio2, '%');
      o(t, 'loinc', '2703-7', 'pao2', Math.round(clamp(normal(rng, 95 - 30 * s, 10), 45, 200)), 'mm[Hg]');
      o(t, 'loinc', '2019-8', 'paco2', Math.round(normal(rng, 40 + 8 * s, 4)), 'mm[Hg]');
      o(t, 'loinc', '2744-1', 'ph', round(normal(rng, 7.4 - 0.12 * s, 0.03), 2), '[pH]');
    }
    for (const hh of [6, 14, 22]) {
      const gcs = Math.round(clamp(15 - 9 * s + normal(rng, 0, 1), 3, 15));
      o(start + d * DAY + hh * HOUR, 'loinc', '9269-2', 'gcs', gcs, '{score}');
    }
    const t = start + d * DAY + 6 * HOUR;
    const lymph = immunoparalysis ? normal(rng, 0.6, 0.15) : normal(rng, 1.4, 0.3);
    o(t, 'loinc', '731-0', 'lymphocytes', round(clamp(lymph, 0.1, 4), 2), '10*9/L');
    o(t, 'loinc', '751-8', 'neutrophils', round(clamp(normal(rng, 9 + 6 * s, 3), 0.5, 40), 1), '10*9/L');
    o(t, 'loinc', '6690-2', 'wbc', round(clamp(normal(rng, 11 + 7 * s, 3), 1, 50), 1), '10*9/L');
    o(t, 'loinc', '777-3', 'platelets', Math.round(clamp(normal(rng, 220 - 170 * s, 30), 8, 600)), '10*9/L');
    // Creatinine in µmol/L on odd days, mg/dL on even days: both units go through conversion.
    const creat = clamp(normal(rng, 0.9 + 3 * s, 0.3), 0.4, 9);
    if (d % 2 === 1) o(t, 'loinc', '2160-0', 'creatinine', Math.round(creat * 88.4), 'umol/L');
    else o(t, 'loinc', '2160-0', 'creatinine', round(creat, 2), 'mg/dL');
    o(
      t,
      'loinc',
      '1975-2',
      'bilirubin',
      round(clamp(normal(rng, 0.8 + 4 * s * s, 0.3), 0.2, 20), 1),
      'mg/dL',
    );
    o(
      t,
      'loinc',
      '2276-4',
      'ferritin',
      Math.round(clamp(normal(rng, mals ? 6000 : 900, mals ? 1500 : 400), 30, 30000)),
      'ng/mL',
    );
    o(t, 'loinc', '1920-8', 'ast', Math.round(clamp(normal(rng, 35 + 120 * s, 15), 10, 3000)), 'U/L');
    o(t, 'loinc', '1742-6', 'alt', Math.round(clamp(normal(rng, 30 + 90 * s, 12), 8, 3000)), 'U/L');
    o(t, 'loinc', '3040-3', 'lipase', Math.round(clamp(normal(rng, 40, 15), 5, 900)), 'U/L');
    o(t, 'loinc', '2345-7', 'glucose', round(clamp(normal(rng, 7, 1.5), 3, 25), 1), 'mmol/L');
    const uo = Math.round(clamp(normal(rng, 1800 - 1500 * s, 300), 50, 4000));
    o(start + (d + 1) * DAY, 'loinc', '9192-6', 'urine_output_24h', uo, 'mL', start + d * DAY);
    if (d % 7 === 1 || d % 7 === 5) {
      const hladr = immunoparalysis ? normal(rng, 5200, 1500) : normal(rng, 16000, 3000);
      o(
        start + d * DAY + 8 * HOUR,
        'local',
        'mhla-dr',
        'mhla_dr',
        Math.round(clamp(hladr, 800, 40000)),
        '{AB}/{cell}',
      );
    }
  }
  o(start + HOUR, 'loinc', '29463-7', 'weight', Math.round(normal(rng, 78, 14)), 'kg');

  let e = 0;
  const add = (x: Omit<SynthEvent, 'id'>): void => {
    ev.push({ id: `${id}-e${e++}`, ...x });
  };
  const ventEnd = start + Math.floor((3 + rng.nextDouble() * 9) * DAY);
  if (ventilated)
    add({
      kind: 'procedure',
      code: '1258985005',
      system: 'snomed',
      start: start + HOUR,
      end: ventEnd > start + 13 * DAY ? undefined : ventEnd,
    });
  else
    add({
      kind: 'procedure',
      code: '428311008',
      system: 'snomed',
      start: start + 2 * HOUR,
      end: start + 3 * DAY,
    });
  // Norepinephrine: rate changes every 6 h while in shock.
  const shockHours = Math.floor(severity * 96);
  for (let h = 0; h < shockHours; h += 6) {
    const rate = round(clamp(0.05 + 0.5 * severity * (1 - h / 120) + normal(rng, 0, 0.03), 0.02, 2), 2);
    add({
      kind: 'medication',
      code: 'C01CA03',
      system: 'atc',
      start: start + h * HOUR,
      end: start + (h + 6) * HOUR,
      rate: { value: rate, unit: 'ug/kg/min' },
    });
  }
  if (severity > 0.6) {
    for (let d = 0; d < 7; d++)
      add({
        kind: 'medication',
        code: 'H02AB09',
        system: 'atc',
        start: start + d * DAY,
        end: start + (d + 1) * DAY,
        rate: { value: 200, unit: 'mg/d' },
      });
  }
  if (ventilated) {
    for (let d = 0; d < 5; d++)
      add({
        kind: 'medication',
        code: 'N01AX10',
        system: 'atc',
        start: start + d * DAY + HOUR,
        end: start + (d + 1) * DAY + HOUR,
      });
  }
  for (let d = 0; d < 10; d++) {
    for (const hh of [0, 8, 16])
      add({ kind: 'medication', code: 'J01CR05', system: 'atc', start: start + d * DAY + hh * HOUR });
  }
  const infection = rng.nextDouble() < 0.6 ? 'J18.9' : 'K65.0';
  add({ kind: 'diagnosis', code: infection, system: 'icd10', start: hospitalStart });
  add({ kind: 'diagnosis', code: 'A41.9', system: 'icd10', start: hospitalStart + HOUR });
  if (rng.nextDouble() < 0.08)
    add({ kind: 'diagnosis', code: 'C34.1', system: 'icd10', start: start - 400 * DAY });
  if (rng.nextDouble() < 0.3)
    add({ kind: 'diagnosis', code: 'I10', system: 'icd10', start: start - 2000 * DAY });
  add({ kind: 'attestation', code: 'infinity:I5', system: '', start: start + 5 * DAY, value: true });
  add({ kind: 'attestation', code: 'infinity:E1', system: '', start: start + 5 * DAY, value: false });
  return {
    id,
    sex: rng.nextDouble() < 0.6 ? 'male' : 'female',
    birthDate,
    offsetMinutes,
    hospitalStart,
    icuStart: start,
    admittedViaEd: rng.nextDouble() < 0.7,
    observations: obs,
    events: ev,
  };
}
