// The discharge form's draft and the request it becomes (kept apart from the component so that the rules are
// tested without rendering). The server checks the same and more (not before randomization, not after a
// death); here the form only refuses what it can see.
import type { DischargeInput } from '../../api/participants.js';
import { localToUtc, utcToLocal } from '../../lib/format-time.js';

/** What the form holds: site-local `YYYY-MM-DDTHH:mm` times ('' = none) and the reason for a correction. */
export interface DischargeDraft {
  readonly icu: string;
  readonly hospital: string;
  readonly reason: string;
}

/** The recorded values (ISO-8601 UTC or null). */
export interface RecordedDischarges {
  readonly icuDischargedAt: string | null;
  readonly hospitalDischargedAt: string | null;
}

/** The draft a form starts from: the recorded values in site time. */
export function draftOf(recorded: RecordedDischarges, timeZone: string): DischargeDraft {
  const local = (iso: string | null): string => (iso === null ? '' : utcToLocal(iso, timeZone));
  return { icu: local(recorded.icuDischargedAt), hospital: local(recorded.hospitalDischargedAt), reason: '' };
}

/** True when a change of the draft alters a recorded value, so the server will ask for a reason. */
export function isCorrection(request: DischargeInput, recorded: RecordedDischarges): boolean {
  return (
    (request.icuDischargedAt !== undefined && recorded.icuDischargedAt !== null) ||
    (request.hospitalDischargedAt !== undefined && recorded.hospitalDischargedAt !== null)
  );
}

/**
 * The request for a draft: only the fields that differ from what is recorded (UTC), a removed value as
 * `null`, and the reason when a recorded value changes; or what is still wrong.
 * @param nowMs - The current instant, in ms since the epoch.
 * @example dischargeRequest({ icu: '2026-03-21T15:00', hospital: '', reason: '' },
 *   { icuDischargedAt: null, hospitalDischargedAt: null }, 'Europe/Paris', Date.parse('2026-03-25T09:00Z'))
 *   // => { input: { icuDischargedAt: '2026-03-21T14:00:00.000Z' } }
 */
export function dischargeRequest(
  draft: DischargeDraft,
  recorded: RecordedDischarges,
  timeZone: string,
  nowMs: number,
): { input: DischargeInput } | { problem: string } {
  const fields = [
    { key: 'icuDischargedAt', local: draft.icu, what: 'ICU discharge' },
    { key: 'hospitalDischargedAt', local: draft.hospital, what: 'hospital discharge' },
  ] as const;
  const input: { icuDischargedAt?: string | null; hospitalDischargedAt?: string | null; reason?: string } =
    {};
  const utc: Partial<Record<(typeof fields)[number]['key'], string>> = {};
  for (const f of fields) {
    const value = f.local === '' ? null : localToUtc(f.local, timeZone);
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
  if (utc.icuDischargedAt !== undefined && utc.hospitalDischargedAt !== undefined)
    if (Date.parse(utc.hospitalDischargedAt) < Date.parse(utc.icuDischargedAt))
      return { problem: 'The hospital discharge cannot be before the ICU discharge.' };
  if (input.icuDischargedAt === undefined && input.hospitalDischargedAt === undefined)
    return { problem: 'Nothing to record: enter a discharge time.' };
  if (isCorrection(input, recorded)) {
    const reason = draft.reason.trim();
    if (reason === '') return { problem: 'Give the reason for changing a recorded discharge.' };
    input.reason = reason;
  }
  return { input };
}
