import { describe, expect, it } from 'vitest';
import { bundle, obs, stay } from '../test-support/fhir-builders.js';
import { fhirBundleToTimelines } from './bundle.js';

function errorOf(fn: () => unknown): { code: string; message: string; path: string | undefined } {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof err.code === 'string') {
      const path: unknown = Reflect.get(err, 'path');
      return { code: err.code, message: err.message, path: typeof path === 'string' ? path : undefined };
    }
    throw err;
  }
  throw new Error('expected an error');
}

describe('malformed input', () => {
  it('names the file, entry index, resource and field of a malformed resource', () => {
    const bad = obs('abc', '2160-0', 1, 'mg/dL');
    bad.valueQuantity = { value: 'abc', code: 'mg/dL' };
    const e = errorOf(() => fhirBundleToTimelines(bundle(...stay(), bad), { source: 'examples/x.json' }));
    expect(e).toEqual({
      code: 'fhir.invalid',
      message:
        'examples/x.json: entry[3] (Observation/abc): valueQuantity.value: expected a number, received "abc"',
      path: 'entry[3].resource.valueQuantity.value',
    });
  });

  it('names nested array fields and missing required fields', () => {
    const bad = obs('c1', '2160-0', 1, 'mg/dL', {
      code: { coding: [{ system: 'http://loinc.org', code: 2160 }] },
    });
    expect(errorOf(() => fhirBundleToTimelines(bundle(bad), { source: 'b.json' })).message).toBe(
      'b.json: entry[1] (Observation/c1): code.coding[0].code: expected a string, received 2160',
    );
    const noStatus = obs('c2', '2160-0', 1, 'mg/dL', { status: undefined });
    expect(errorOf(() => fhirBundleToTimelines(bundle(noStatus), { source: 'b.json' })).message).toBe(
      'b.json: entry[1] (Observation/c2): status: expected a string, received nothing',
    );
  });

  it('rejects a dateTime without offset or with an impossible date', () => {
    const noOffset = obs('t', '2160-0', 1, 'mg/dL', { effectiveDateTime: '2026-03-12T08:00:00' });
    expect(errorOf(() => fhirBundleToTimelines(bundle(noOffset), { source: 'b.json' })).message).toBe(
      'b.json: entry[1] (Observation/t): effectiveDateTime: expected a FHIR dateTime (YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss with Z or a ±hh:mm offset), received "2026-03-12T08:00:00"',
    );
    const feb30 = obs('t', '2160-0', 1, 'mg/dL', { effectiveDateTime: '2026-02-30' });
    expect(() => fhirBundleToTimelines(bundle(feb30))).toThrow(/effectiveDateTime: expected a FHIR dateTime/);
  });

  it('rejects a non-integer meta.versionId', () => {
    const v = obs('v', '2160-0', 1, 'mg/dL', { meta: { versionId: 'W/3' } });
    expect(errorOf(() => fhirBundleToTimelines(bundle(v), { source: 'b.json' })).message).toBe(
      'b.json: entry[1] (Observation/v): meta.versionId: expected an integer version (FHIR-PROFILE.md §1), received "W/3"',
    );
  });

  it('rejects a bundle of another type, and a resource without subject in a multi-patient bundle', () => {
    expect(
      errorOf(() =>
        fhirBundleToTimelines({ resourceType: 'Bundle', type: 'searchset' }, { source: 's.json' }),
      ).message,
    ).toBe('s.json: type: expected "collection" or "transaction", received "searchset"');
    const two = bundle(obs('o', '2160-0', 1, 'mg/dL', { subject: undefined }));
    (two.entry as unknown[]).push({ resource: { resourceType: 'Patient', id: 'p2' } });
    expect(errorOf(() => fhirBundleToTimelines(two, { source: 'm.json' })).message).toBe(
      'm.json: entry[1] (Observation/o): subject: expected a reference to the Patient, received nothing',
    );
  });

  it('gives a resource without subject to the only Patient of its bundle', () => {
    const r = fhirBundleToTimelines(bundle(obs('o', '2160-0', 1, 'mg/dL', { subject: undefined })));
    expect(r.patients.map((p) => [p.patientId, p.observations.length])).toEqual([['p1', 1]]);
  });

  it('requires PUT Type/id in a transaction and takes the id from request.url', () => {
    const entry = (resource: Record<string, unknown>, request: Record<string, unknown>) => ({
      resource,
      request,
    });
    const patient = { resourceType: 'Patient' };
    const ok = fhirBundleToTimelines({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry(patient, { method: 'PUT', url: 'Patient/t1' })],
    });
    expect(ok.patients.map((p) => p.patient.ref)).toEqual(['Patient/t1']);
    const post = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [entry(patient, { method: 'POST', url: 'Patient' })],
    };
    expect(errorOf(() => fhirBundleToTimelines(post, { source: 't.json' })).message).toBe(
      't.json: entry[0].request.method: expected "PUT", received "POST"',
    );
  });

  it('resolves urn:uuid references through the bundle fullUrls', () => {
    const b = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:5a1c', resource: { resourceType: 'Patient', id: 'u1' } },
        { resource: { ...obs('o', '2160-0', 1, 'mg/dL'), subject: { reference: 'urn:uuid:5a1c' } } },
      ],
    };
    expect(fhirBundleToTimelines(b).patients.map((p) => [p.patientId, p.observations.length])).toEqual([
      ['u1', 1],
    ]);
  });

  it('counts resource types no criterion reads', () => {
    const r = fhirBundleToTimelines(
      bundle({ resourceType: 'Practitioner', id: 'dr' }, { resourceType: 'Specimen', id: 's' }),
    );
    expect(r.warnings).toEqual([
      'skipped 2 resources of types no criterion reads: Practitioner (1), Specimen (1)',
    ]);
  });
});
