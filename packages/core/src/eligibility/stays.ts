import { HOUR_MS, type Instant } from '../time/duration.js';
import type { EncounterRecord } from '../timeline/types.js';
import type { HospitalStay, IcuStay } from '../rules/types.js';

/**
 * The ICU stay at `at` (FHIR-PROFILE.md §2): the latest ICU encounter starting at or before `at`, merged
 * with each earlier ICU encounter that has no end or ends at most `mergeGapMs` (default 24 h) before the
 * next one starts. Its end is cut at `at` (a stay ending later is running).
 */
export function findIcuStay(
  encounters: readonly EncounterRecord[],
  at: Instant,
  mergeGapMs = 24 * HOUR_MS,
): (IcuStay & { readonly first: EncounterRecord }) | undefined {
  const icu = encounters.filter((e) => e.kind === 'icu' && e.start <= at).sort((a, b) => b.start - a.start);
  const latest = icu[0];
  if (!latest) return undefined;
  let first = latest;
  const refs = [latest.ref];
  for (let i = 1; i < icu.length; i++) {
    const prev = icu[i];
    if (!prev) break;
    if (prev.end === undefined || first.start - prev.end <= mergeGapMs) {
      first = prev;
      refs.push(prev.ref);
    } else break;
  }
  const end = latest.end !== undefined && latest.end <= at ? latest.end : undefined;
  return { start: first.start, end, refs, first };
}

/**
 * The hospital stay at `at`: the one the ICU stay is part of, else the latest hospital encounter starting
 * at or before `at`.
 */
export function findHospitalStay(
  encounters: readonly EncounterRecord[],
  at: Instant,
  icuPartOf: string | undefined,
): HospitalStay | undefined {
  const hospitals = encounters.filter((e) => e.kind === 'hospital' && e.start <= at);
  const chosen =
    (icuPartOf !== undefined ? hospitals.find((h) => h.ref === icuPartOf) : undefined) ??
    hospitals.sort((a, b) => b.start - a.start)[0];
  if (!chosen) return undefined;
  return {
    start: chosen.start,
    end: chosen.end !== undefined && chosen.end <= at ? chosen.end : undefined,
    ref: chosen.ref,
    admittedViaEd: chosen.admittedViaEd,
  };
}
