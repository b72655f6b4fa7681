import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundle, obs, stay } from '../test-support/fhir-builders.js';
import { parseJsonText, readFhirInputs, streamFhirInputs } from './read-fhir.js';

const examples = join(import.meta.dirname, '../../../../examples/fhir');
function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const line = (x: unknown) => JSON.stringify(x);
const forPatient = (pid: string, x: Record<string, unknown>) => ({
  ...x,
  id: `${pid}-${String(x.id)}`,
  subject: { reference: `Patient/${pid}` },
});

describe('reading files, folders and NDJSON', () => {
  it('reads every example bundle of a folder', async () => {
    const r = await readFhirInputs([examples]);
    expect(r.patients.map((p) => p.patientId).sort()).toEqual(['ex-inf', 'ex-isep', 'ex-plat']);
    expect(r.warnings).toEqual([]);
  });

  it('reads NDJSON of single resources and of bundles, and gathers a patient spread over files', async () => {
    const dir = tmp({
      'a.ndjson': [
        line({ resourceType: 'Patient', id: 'p2' }),
        '',
        line(forPatient('p2', obs('o', '2160-0', 1, 'mg/dL'))),
      ].join('\n'),
      'b.ndjson': `${line(bundle(...stay(), obs('x', '777-3', 50, '10*9/L')))}\r\n`,
      'c.json': line(forPatient('p2', obs('late', '777-3', 80, '10*9/L'))),
      'ignored.txt': 'not json',
    });
    const r = await readFhirInputs([dir]);
    expect(r.patients.map((p) => [p.patientId, p.observations.map((o) => o.ref)])).toEqual([
      ['p2', ['Observation/p2-o', 'Observation/p2-late']],
      ['p1', ['Observation/x']],
    ]);
  });

  it('names the file, line and column of malformed JSON', async () => {
    const dir = tmp({
      'bad.json': '{\n  "resourceType": "Bundle",\n  "type": "collection",\n  "entry": [ , ]\n}',
    });
    await expect(readFhirInputs([join(dir, 'bad.json')])).rejects.toThrow(
      `${join(dir, 'bad.json')}: line 4, column 14: invalid JSON: expected a value, found ","`,
    );
    const nd = tmp({
      'x.ndjson': `${line({ resourceType: 'Patient', id: 'a' })}\n{"resourceType": "Patient", "id": }\n`,
    });
    await expect(readFhirInputs([join(nd, 'x.ndjson')])).rejects.toThrow(
      `${join(nd, 'x.ndjson')}: line 2, column 35: invalid JSON: expected a value, found "}"`,
    );
  });

  it('names the line of a malformed resource in NDJSON', async () => {
    const bad = forPatient('p3', obs('o', '2160-0', 1, 'mg/dL', { status: 7 }));
    const dir = tmp({ 'x.ndjson': `${line({ resourceType: 'Patient', id: 'p3' })}\n${line(bad)}\n` });
    await expect(readFhirInputs([join(dir, 'x.ndjson')])).rejects.toThrow(
      `${join(dir, 'x.ndjson')}: line 2 (Observation/p3-o): status: expected a string, received 7`,
    );
  });

  it('reports a missing input path', async () => {
    await expect(readFhirInputs(['/nonexistent/input.json'])).rejects.toThrow(
      '/nonexistent/input.json: no such file or folder',
    );
  });

  it('streams patients as their groups complete, and refuses a patient that comes back', async () => {
    const lines = ['p4', 'p5'].flatMap((pid) => [
      line({ resourceType: 'Patient', id: pid }),
      line(forPatient(pid, obs('o', '2160-0', 1, 'mg/dL'))),
    ]);
    const dir = tmp({ 'x.ndjson': lines.join('\n') });
    const seen: string[] = [];
    for await (const p of streamFhirInputs([dir]).patients)
      seen.push(`${p.patientId}:${p.observations.length}`);
    expect(seen).toEqual(['p4:1', 'p5:1']);
    const back = tmp({
      'x.ndjson': [...lines, line(forPatient('p4', obs('z', '2160-0', 1, 'mg/dL')))].join('\n'),
    });
    const stream = streamFhirInputs([back]).patients;
    await expect(
      (async () => {
        for await (const _ of stream) {
          /* drain */
        }
      })(),
    ).rejects.toThrow(`${join(back, 'x.ndjson')}: line 5: Patient/p4 was already complete`);
  });

  it('parses JSON text or names the position', () => {
    expect(parseJsonText('{"a":1}', 'f')).toEqual({ a: 1 });
    expect(() => parseJsonText('{"a" 1}', 'f')).toThrow(
      'f: line 1, column 6: invalid JSON: expected ":" after a property name, found "1"',
    );
    expect(() => parseJsonText('{"a":"x', 'f')).toThrow(
      'f: line 1, column 8: invalid JSON: expected a closing quote, found the end of the input',
    );
  });
});
