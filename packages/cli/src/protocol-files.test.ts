import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEligibility } from '@immunotrial/core';
import { fhirBundleToTimelines } from '@immunotrial/ingest';
import { describe, expect, it } from 'vitest';
import { loadAllProtocols, loadProtocolById, REPOSITORY_ROOT } from './protocol-files.js';

describe('protocol files', () => {
  it('loads a shipped protocol by id from the repository, whatever the cwd', () => {
    const loaded = loadProtocolById('platinium');
    expect(loaded.fileName).toBe('protocols/platinium.yaml');
    expect(loaded.protocol.acronym).toBe('PLATINIUM');
  });

  it('loads a protocol by file path', () => {
    const loaded = loadProtocolById(join(REPOSITORY_ROOT, 'protocols', 'iris7.yaml'));
    expect(loaded.protocol.id).toBe('iris7');
  });

  it('loads all shipped protocols, the four trials first', () => {
    expect(loadAllProtocols().map((p) => p.protocol.id)).toEqual([
      'infinity',
      'platinium',
      'immunosep',
      'iris7',
    ]);
  });

  it('rejects an unknown id with the list of known ones', () => {
    expect(() => loadProtocolById('infinty')).toThrow(
      'unknown protocol "infinty": expected one of infinity, platinium, immunosep, iris7, or a protocol file',
    );
  });
});

// The example bundles and the results their README states (examples/fhir, profile v2).
const EXAMPLES = [
  {
    file: 'infinity-eligible.json',
    at: '2026-03-17T10:00:00+01:00',
    protocol: 'infinity',
    status: 'eligible',
  },
  { file: 'immunosep-mals.json', at: '2026-03-14T11:00:00+01:00', protocol: 'immunosep', status: 'eligible' },
  {
    file: 'platinium-incomplete.json',
    at: '2026-03-28T10:00:00+01:00',
    protocol: 'platinium',
    status: 'incomplete',
  },
] as const;

describe('the shipped protocols on the example patients', () => {
  it.each(EXAMPLES)('$file is $status for $protocol', ({ file, at, protocol, status }) => {
    const bundle: unknown = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'examples', 'fhir', file), 'utf8'));
    const [timeline] = fhirBundleToTimelines(bundle).patients;
    if (!timeline) throw new Error(`no patient in ${file}`);
    const result = evaluateEligibility(loadProtocolById(protocol).eligibility, timeline, Date.parse(at));
    expect(result.status).toBe(status);
    if (protocol === 'immunosep') {
      expect(result.stratum).toBe('MALS');
      expect(result.dosingDeadline).toBe('2026-03-16T17:30:00+01:00');
    }
    if (protocol === 'platinium') {
      // Every data criterion is decided; only the unanswered attestations E0, E1, E13 stay unknown.
      expect(result.criteria.filter((c) => c.result === 'unknown').map((c) => c.id)).toEqual([
        'E0',
        'E1',
        'E13',
      ]);
    }
  });
});
