import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFhirInputs } from '../read/read-fhir.js';
import { readCsvLongFormat } from './read-csv.js';

const root = join(import.meta.dirname, '../../../..');
function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'csv-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const OBS = 'patient_id,time,variable,value,unit\n';
const EV = 'patient_id,kind,code,system,start,end,value,unit,extra\n';

describe('CSV long format', () => {
  it('gives the same records as the FHIR example for the INFINITY patient', async () => {
    const csv = await readCsvLongFormat(
      join(root, 'examples/csv/observations.csv'),
      join(root, 'examples/csv/events.csv'),
    );
    const fhir = await readFhirInputs([join(root, 'examples/fhir/infinity-eligible.json')]);
    expect(csv.warnings).toEqual([]);
    const [c, f] = [csv.patients[0]!, fhir.patients[0]!];
    expect(c.zone).toEqual(f.zone);
    expect(c.patient).toEqual(f.patient);
    const obs = (p: typeof c) => p.observations.map((o) => [o.ref, o.variable, o.time, o.value]);
    expect(obs(c)).toEqual(obs(f));
    const pick = <T extends { ref: string }>(xs: readonly T[], keys: (keyof T)[]) =>
      xs.map((x) => keys.map((k) => x[k]));
    expect(
      pick(c.encounters, ['ref', 'kind', 'start', 'startOffsetMinutes', 'partOf', 'admittedViaEd']),
    ).toEqual(pick(f.encounters, ['ref', 'kind', 'start', 'startOffsetMinutes', 'partOf', 'admittedViaEd']));
    expect(pick(c.conditions, ['ref', 'code', 'system', 'active', 'onset'])).toEqual(
      pick(f.conditions, ['ref', 'code', 'system', 'active', 'onset']),
    );
    expect(pick(c.procedures, ['ref', 'kind', 'start', 'inProgress'])).toEqual(
      pick(f.procedures, ['ref', 'kind', 'start', 'inProgress']),
    );
    expect(pick(c.medications, ['ref', 'atc', 'start', 'end', 'rate', 'systemicRoute'])).toEqual(
      pick(f.medications, ['ref', 'atc', 'start', 'end', 'rate', 'systemicRoute']),
    );
    expect(pick(c.attestations, ['ref', 'protocol', 'criterionId', 'value', 'authored'])).toEqual(
      pick(f.attestations, ['ref', 'protocol', 'criterionId', 'value', 'authored']),
    );
  });

  it('converts units, reads coded results, quoted cells and a reference limit', async () => {
    const dir = tmp({
      'o.csv': `${OBS.trim()},reference_high\np,2026-03-01T08:00:00Z,lymphocytes,0.64,10*9/L,\np,2026-03-01T08:00:00Z,blood_culture,positive,,\n"p",2026-03-01T08:00:00Z,"alt",300,"U/L",41\n`,
    });
    const r = await readCsvLongFormat(join(dir, 'o.csv'));
    expect(
      r.patients[0]!.observations.map((o) => [o.ref, o.variable, o.value, o.coded, o.referenceHigh]),
    ).toEqual([
      ['Observation/csv-2', 'lymphocytes', 640, undefined, undefined],
      ['Observation/csv-3', 'blood_culture', undefined, 'positive', undefined],
      ['Observation/csv-4', 'alt', 300, undefined, 41],
    ]);
  });

  it('ignores a row in an unaccepted unit with a warning naming file and line', async () => {
    const dir = tmp({ 'o.csv': `${OBS}p,2026-03-01,creatinine,2.3,mmol/L\n` });
    const r = await readCsvLongFormat(join(dir, 'o.csv'));
    expect(r.patients[0]!.observations).toEqual([]);
    expect(r.warnings[0]).toBe(
      'o.csv: line 2: unit "mmol/L" is not accepted for creatinine; expected one of "mg/dL", "umol/L": result ignored',
    );
  });

  it('names the file, line and column of a malformed cell', async () => {
    const cases: [string, string][] = [
      [
        `${OBS}p,2026-03-01,creatinine,abc,mg/dL\n`,
        'line 2, column 4 (value): expected a number, received "abc"',
      ],
      [
        `${OBS}p,2026-03-01,creat,1,mg/dL\n`,
        'line 2, column 3 (variable): expected a variable id of the registry',
      ],
      [`${OBS}p,2026-03-01T08:00,creatinine,1,mg/dL\n`, 'line 2, column 2 (time): expected a FHIR dateTime'],
      [`${OBS}p,2026-03-01,creatinine,1\n`, 'line 2: expected 5 columns, received 4'],
      ['patient_id,time,value,unit\n', 'line 1: missing column "variable"'],
    ];
    for (const [text, message] of cases) {
      const dir = tmp({ 'o.csv': text });
      await expect(readCsvLongFormat(join(dir, 'o.csv'))).rejects.toThrow(
        `${join(dir, 'o.csv')}: ${message}`,
      );
    }
  });

  it('validates event rows: kind, extra keys, codes', async () => {
    const cases: [string, string][] = [
      ['p,drug,x,,2026-03-01,,,,', 'line 2, column 2 (kind): expected patient, encounter'],
      [
        'p,encounter,icu,,2026-03-01,,,,ward=1',
        'line 2, column 9 (extra): expected ed=…, part_of=…, received "ward=1"',
      ],
      ['p,attestation,E1,,2026-03-01,,true,,', 'line 2, column 3 (code): expected <protocol>:<criterion>'],
      [
        'p,medication,C01CA03,atc,2026-03-01,,5,ug/min,',
        'line 2, column 8 (unit): expected ug/kg/min, U/min, mg/d, mg/h or a mass (mg), received "ug/min"',
      ],
    ];
    for (const [row, message] of cases) {
      const dir = tmp({ 'o.csv': OBS, 'e.csv': `${EV}${row}\n` });
      await expect(readCsvLongFormat(join(dir, 'o.csv'), join(dir, 'e.csv'))).rejects.toThrow(
        `${join(dir, 'e.csv')}: ${message}`,
      );
    }
  });

  it('reads procedures with devices, boluses, statements, diagnoses and allergies', async () => {
    const dir = tmp({
      'o.csv': OBS,
      'e.csv': `${EV}p,procedure,40617009,snomed,2026-03-01T00:00:00Z,,,,used=129121000\np,medication,H02AB02,atc,2026-03-02T08:00:00Z,,6,mg,route=iv\np,medication_statement,8640,rxnorm,2025-01-01,2025-12-31,10,mg/d,route=oral\np,medication,J01CR05,atc,2026-03-01,,,,\np,diagnosis,b20,icd10cm,,,,,verification=refuted\np,allergy,L03AB11,atc,,,,,\n`,
    });
    const p = (await readCsvLongFormat(join(dir, 'o.csv'), join(dir, 'e.csv'))).patients[0]!;
    expect(p.procedures.map((x) => [x.kind, x.inProgress])).toEqual([['imv', true]]);
    expect(p.medications.map((m) => [m.resourceType, m.atc, m.doseMg, m.isInstant, m.rate, m.end])).toEqual([
      [
        'MedicationStatement',
        'H02AB07',
        undefined,
        false,
        { value: 10, unit: 'mg/d' },
        Date.parse('2026-01-01T00:00:00Z'),
      ],
      ['MedicationAdministration', 'H02AB02', 6, true, undefined, undefined],
    ]);
    expect(p.conditions.map((c) => [c.system, c.code, c.counted])).toEqual([['icd10cm', 'B20', false]]);
    expect(p.allergies.map((a) => a.substance)).toEqual(['interferon']);
  });
});
