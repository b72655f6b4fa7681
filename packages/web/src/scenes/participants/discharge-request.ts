// The admission and discharge form's draft and the request it becomes (kept apart from the component so
// that the rules are tested without rendering). The server checks the same and more (admissions not after
// randomization, discharges not before it nor after a death); here the form only refuses what it can see.
import type { DischargeInput } from '../../api/participants.js';
import { localToUtc, utcToLocal } from '../../lib/format-time.js';

/** What the form holds: site-local `YYYY-MM-DDTHH:mm` times ('' = none) and the reason for a correction. */
export interface DischargeDraft {
  readonly hospitalAdmission: string;
  readonly icuAdmission: string;
  /** ICU discharge. */
  readonly icu: string;
  /** Hospital discharge. */
  readonly hospital: string;
  readonly reason: string;
}

/** The recorded values (ISO-8601 UTC or null). */
export interface RecordedDischarges {
  readonly hospitalAdmittedAt: string | null;
  readonly icuAdmittedAt: string | null;
  readonly icuDischargedAt: string | null;
  readonly hospitalDischargedAt: string | null;
}

type StayKey = keyof RecordedDischarges;

/** The form's fields in the order of a stay, each with its draft key and its name in messages. */
export const STAY_FIELDS = [
  { key: 'hospitalAdmittedAt', draft: 'hospitalAdmission', what: 'hospital admission' },
  { key: 'icuAdmittedAt', draft: 'icuAdmission', what: 'ICU admission' },
  { key: 'icuDischargedAt', draft: 'icu', what: 'ICU discharge' },
  { key: 'hospitalDischargedAt', draft: 'hospital', what: 'hospital discharge' },
] as const satisfies readonly { key: StayKey; draft: keyof DischargeDraft; what: string }[];

/** Pairs that must not go backwards (earlier first), with the message when they do. */
const ORDER: readonly (readonly [StayKey, StayKey, string])[] = [
  ['hospitalAdmittedAt', 'icuAdmittedAt', 'The hospital admission cannot be after the ICU admission.'],
  ['icuAdmittedAt', 'icuDischargedAt', 'The ICU discharge cannot be before the ICU admission.'],
  [
    'hospitalAdmittedAt',
    'hospitalDischargedAt',
    'The hospital discharge cannot be before the hospital admission.',
  ],
  ['icuDischargedAt', 'hospitalDischargedAt', 'The hospital discharge cannot be before the ICU discharge.'],
];

/** The draft a form starts from: the recorded values in site time. */
export function draftOf(recorded: RecordedDischarges, timeZone: string): DischargeDraft {
  const local = (iso: string | null): string => (iso === null ? '' : utcToLocal(iso, timeZone));
  return {
    hospitalAdmission: local(recorded.hospitalAdmittedAt),
    icuAdmission: local(recorded.icuAdmittedAt),
    icu: local(recorded.icuDischargedAt),
    hospital: local(recorded.hospitalDischargedAt),
    reason: '',
  };
}

/** True when a change of the draft alters a recorded value, so the server will ask for a reason. */
export function isCorrection(request: DischargeInput, recorded: RecordedDischarges): boolean {
  return STAY_FIELDS.some((f) => request[f.key] !== undefined && recorded[f.key] !== null);
}

/**
 * The request for a draft: only the fields that differ from what is recorded (UTC), a removed value as
 * `null`, and the reason when a recorded value changes; or what is still wrong.
 * @param nowMs - The current instant, in ms since the epoch.
 * @example dischargeRequest({ hospitalAdmission: '', icuAdmission: '', icu: '2026-03-21T15:00', hospital: '', reason: '' },
 *   { hospitalAdmittedAt: null, icuAdmittedAt: null, icuDischargedAt: null, hospitalDischargedAt: null },
 *   'Europe/Paris', Date.parse('2026-03-25T09:00Z'))
 *   // => { input: { icuDischargedAt: '2026-03-21T14:00:00.000Z' } }
 */
export function dischargeRequest(
  draft: DischargeDraft,
  recorded: RecordedDischarges,
  timeZone: string,
  nowMs: number,
): { input: DischargeInput } | { problem: string } {
  const input: { -readonly [K in StayKey]?: string | null } & { reason?: string } = {};
  const utc: Partial<Record<StayKey, string>> = {};
  for (const f of STAY_FIELDS) {
    const local = draft[f.draft];
    const value = local === '' ? null : localToUtc(local, timeZone);
    if (value === undefined) return { problem: `Enter the date and time of the ${f.what}.` };
    if (value !== null && Date.parse(value) > nowMs)
      return { problem: `The ${f.what} cannot be in the future.` };
    if (value !== null) utc[f.key] = value;
    const old = recorded[f.key];
    // The field shows minutes: a value recorded with seconds (through the API) is unchanged if the minute is.
    const same =
      value === null
        ? old === null
        : old !== null && Math.floor(Date.parse(old) / 60_000) === Math.floor(Date.parse(value) / 60_000);
    if (!same) input[f.key] = value;
  }
  for (const [earlier, later, problem] of ORDER) {
    const [a, b] = [utc[earlier], utc[later]];
    if (a !== undefined && b !== undefined && Date.parse(b) < Date.parse(a)) return { problem };
  }
  if (STAY_FIELDS.every((f) => input[f.key] === undefined))
    return { problem: 'Nothing to record: enter an admission or discharge time.' };
  if (isCorrection(input, recorded)) {
    const reason = draft.reason.trim();
    if (reason === '') return { problem: 'Give the reason for changing a recorded time.' };
    input.reason = reason;
  }
  return { input };
}
