import { HOUR_MS, ianaZone, UTC, type EncounterRecord, type Instant, type Zone } from '@immunotrial/core';

/** ICU encounters at most this far apart form one stay (FHIR-PROFILE.md §2, parameter `icu_merge_gap`). */
export const ICU_MERGE_GAP_MS = 24 * HOUR_MS;

/** The current version of each encounter at `at` (highest versionId with lastUpdated ≤ at), counted ones only. */
function currentEncounters(
  encounters: readonly EncounterRecord[],
  at: Instant | undefined,
): EncounterRecord[] {
  const best = new Map<string, EncounterRecord>();
  for (const e of encounters) {
    if (at !== undefined && e.lastUpdated !== undefined && e.lastUpdated > at) continue;
    const prev = best.get(e.ref);
    if (prev === undefined || e.versionId > prev.versionId) best.set(e.ref, e);
  }
  return [...best.values()].filter((e) => e.counted);
}

function latestStartingBy(
  list: readonly EncounterRecord[],
  at: Instant | undefined,
): EncounterRecord | undefined {
  const eligible = at === undefined ? list : list.filter((e) => e.start <= at);
  let latest: EncounterRecord | undefined;
  for (const e of eligible) if (latest === undefined || e.start > latest.start) latest = e;
  return latest;
}

/**
 * The first encounter of the merged ICU stay that contains the latest ICU encounter starting ≤ `at`
 * (else the latest one): earlier ICU encounters with no end, or ending at most 24 h before the next one
 * starts, merge (FHIR-PROFILE.md §2).
 */
export function icuStayStart(
  encounters: readonly EncounterRecord[],
  at: Instant | undefined,
): EncounterRecord | undefined {
  const icu = currentEncounters(encounters, at)
    .filter((e) => e.kind === 'icu')
    .sort((a, b) => a.start - b.start);
  const last = latestStartingBy(icu, at);
  if (last === undefined) return undefined;
  let first = last;
  for (let i = icu.indexOf(last) - 1; i >= 0; i--) {
    const prev = icu[i];
    if (prev === undefined) break;
    if (prev.end !== undefined && first.start - prev.end > ICU_MERGE_GAP_MS) break;
    first = prev;
  }
  return first;
}

/**
 * The zone of a patient's local dates (FHIR-PROFILE.md §1): the caller's IANA zone, else the UTC offset
 * written at the start of the ICU stay (the stay of the latest ICU encounter starting ≤ `at`, else the
 * latest), else at the start of the latest hospital stay, else UTC.
 * @param tz - IANA zone name given by the caller (`--tz`).
 * @param at - Screening instant, if known.
 * @throws TrialError `zone.unknown` for an unknown IANA name.
 * @example chooseZone([icuEncounterAt(+60)], undefined, undefined) // => { kind: 'offset', minutes: 60 }
 */
export function chooseZone(
  encounters: readonly EncounterRecord[],
  tz: string | undefined,
  at: Instant | undefined,
): Zone {
  if (tz !== undefined) return ianaZone(tz);
  const icu = icuStayStart(encounters, at);
  if (icu?.startOffsetMinutes !== undefined) return { kind: 'offset', minutes: icu.startOffsetMinutes };
  const hospital = latestStartingBy(
    currentEncounters(encounters, at).filter(
      (e) => e.kind === 'hospital' && e.startOffsetMinutes !== undefined,
    ),
    at,
  );
  if (hospital?.startOffsetMinutes !== undefined)
    return { kind: 'offset', minutes: hospital.startOffsetMinutes };
  return UTC;
}
