import { describe, expect, it } from 'vitest';
import { bundle, obs, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

const ROLE = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const icu = (id: string, start: string, end?: string) => ({
  resourceType: 'Encounter',
  id,
  subject: { reference: 'Patient/p1' },
  period: end === undefined ? { start } : { start, end },
  partOf: { reference: 'Encounter/hosp' },
  type: [{ coding: [{ system: ROLE, code: 'ICU' }] }],
});
const dated = obs('d', '777-3', 100, '10*9/L', { effectiveDateTime: '2026-03-12' });

describe('the zone of local dates (FHIR-PROFILE.md §1)', () => {
  it('reads a bare date as local midnight at the ICU stay offset', () => {
    const p = fhirBundleToTimelines(
      bundle(...stay('2026-03-10T22:10:00+00:00', '2026-03-11T01:40:00+03:00'), dated),
    ).patients[0]!;
    expect(p.zone).toEqual({ kind: 'offset', minutes: 180 });
    expect(p.observations[0]!.time).toBe(Date.parse('2026-03-12T00:00:00+03:00'));
  });

  it('uses the IANA zone given by the caller for every bare date', () => {
    const p = fhirBundleToTimelines(bundle(...stay(), dated), { tz: 'America/New_York' }).patients[0]!;
    expect(p.zone).toEqual({ kind: 'iana', name: 'America/New_York' });
    expect(p.observations[0]!.time).toBe(Date.parse('2026-03-12T00:00:00-04:00'));
  });

  it('falls back to the hospital stay offset, then UTC', () => {
    const [hosp] = stay('2026-03-10T22:10:00-03:00');
    expect(fhirBundleToTimelines(bundle(hosp!, dated)).patients[0]!.zone).toEqual({
      kind: 'offset',
      minutes: -180,
    });
    const p = fhirBundleToTimelines(bundle(dated)).patients[0]!;
    expect(p.zone).toEqual({ kind: 'offset', minutes: 0 });
    expect(p.observations[0]!.time).toBe(Date.parse('2026-03-12T00:00:00Z'));
  });

  it('takes the merged ICU stay of the latest ICU encounter starting at or before `at`', () => {
    const [hosp] = stay();
    const first = icu('i1', '2026-03-01T10:00:00+01:00', '2026-03-03T10:00:00+01:00');
    const merged = icu('i2', '2026-03-04T09:00:00+02:00', '2026-03-06T10:00:00+02:00'); // 23 h later: same stay
    const later = icu('i3', '2026-03-20T10:00:00+03:00');
    const at = Date.parse('2026-03-10T00:00:00Z');
    expect(fhirBundleToTimelines(bundle(hosp!, first, merged, later), { at }).patients[0]!.zone).toEqual({
      kind: 'offset',
      minutes: 60,
    });
    expect(fhirBundleToTimelines(bundle(hosp!, first, merged, later)).patients[0]!.zone).toEqual({
      kind: 'offset',
      minutes: 180,
    });
  });

  it('rejects an unknown IANA zone', () => {
    expect(() => fhirBundleToTimelines(bundle(dated), { tz: 'Mars/Olympus' })).toThrow(
      /unknown time zone "Mars\/Olympus"/,
    );
  });
});
