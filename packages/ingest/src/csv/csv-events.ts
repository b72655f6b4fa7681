import {
  allergySubstanceForCode,
  classifyProcedure,
  isMedicationRead,
  RXNORM_TO_ATC,
  SNOMED,
  SUBSTANCE_SYSTEM,
  type AllergyRecord,
  type AttestationRecord,
  type ConditionRecord,
  type EncounterRecord,
  type MedicationRecord,
  type ProcedureRecord,
} from '@immunotrial/core';
import type { MapContext, Mutable } from '../fhir/map-context.js';
import { normalizeIcd10 } from '../fhir/map-condition.js';
import { massMg, rateFromQuantity } from '../fhir/map-medication.js';
import type { PatientGroup } from '../fhir/patient-group.js';
import { CellIssue, type CsvRow } from './csv-row.js';

/** Columns of the events file (docs/csv-format.md). */
export const EVENT_COLUMNS = [
  'patient_id',
  'kind',
  'code',
  'system',
  'start',
  'end',
  'value',
  'unit',
  'extra',
] as const;
export const EVENT_OPTIONAL_COLUMNS = ['id'] as const;
export const EVENT_KINDS = [
  'patient',
  'encounter',
  'procedure',
  'medication',
  'medication_statement',
  'diagnosis',
  'allergy',
  'attestation',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const EXTRA_KEYS: Readonly<Record<EventKind, readonly string[]>> = {
  patient: [],
  encounter: ['ed', 'part_of'],
  procedure: ['used'],
  medication: ['route'],
  medication_statement: ['route'],
  diagnosis: ['status', 'verification', 'recorded'],
  allergy: [],
  attestation: [],
};
const ROUTES: Readonly<Record<string, boolean>> = { oral: true, iv: true, im: true, sc: true, other: false };
const ACTIVE = new Set(['active', 'recurrence', 'relapse']);
const ATC = 'http://www.whocc.no/atc';

/** Parses the `extra` cell: `key=value;key=value`, keys allowed per kind. @throws CellIssue */
export function parseExtra(text: string, kind: EventKind): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (text === '') return out;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq === -1 ? part : part.slice(0, eq)).trim();
    const allowed = EXTRA_KEYS[kind];
    if (eq === -1 || !allowed.includes(key)) {
      const expected =
        allowed.length === 0 ? 'nothing for this kind' : allowed.map((k) => `${k}=…`).join(', ');
      throw new CellIssue('extra', `expected ${expected}, received ${JSON.stringify(part)}`);
    }
    out.set(key, part.slice(eq + 1).trim());
  }
  return out;
}

function oneOf<T extends string>(row: CsvRow, column: string, values: readonly T[], fallback?: T): T {
  const v = row.get(column);
  if (v === '' && fallback !== undefined) return fallback;
  const hit = values.find((x) => x === v);
  if (hit === undefined)
    throw new CellIssue(column, `expected ${values.join(', ')}, received ${JSON.stringify(v)}`);
  return hit;
}

/**
 * Maps one row of the events file into the patient's group (docs/csv-format.md lists the kinds and cells).
 * @param refId - The `id` column, else `csv-<line>`.
 * @throws CellIssue naming the column of a malformed cell.
 */
export function addEventRow(row: CsvRow, refId: string, group: PatientGroup, ctx: MapContext): void {
  const kind = oneOf(row, 'kind', EVENT_KINDS);
  const extra = parseExtra(row.get('extra'), kind);
  const code = (): string => row.required('code', 'a code');
  const start = (set: (t: number) => void): void =>
    void ctx.time(row.required('start', 'a time'), ['start'], set);
  const end = (set: (t: number) => void, endOfDay = false): void => {
    if (row.get('end') !== '') ctx.time(row.get('end'), ['end'], set, endOfDay);
  };
  switch (kind) {
    case 'patient': {
      const birth = row.get('start');
      if (birth !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(birth)) {
        throw new CellIssue('start', `expected a birth date YYYY-MM-DD, received ${JSON.stringify(birth)}`);
      }
      const sex = oneOf(row, 'value', ['male', 'female', 'other', 'unknown'], 'unknown');
      group.setPatientRecord({
        ref: `Patient/${group.patientId}`,
        birthDate: birth === '' ? undefined : birth,
        sex,
      });
      return;
    }
    case 'encounter': {
      const stated = oneOf(row, 'code', ['hospital', 'icu', 'other']);
      const partOf = extra.get('part_of');
      const record: Mutable<EncounterRecord> = {
        ref: `Encounter/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        status: undefined,
        counted: true,
        kind: stated,
        start: 0,
        startOffsetMinutes: undefined,
        end: undefined,
        partOf: partOf === undefined ? undefined : `Encounter/${partOf}`,
        admittedViaEd: extra.get('ed') === 'true',
      };
      const t = ctx.time(row.required('start', 'a time'), ['start'], (v) => (record.start = v));
      if (t.kind === 'instant') record.startOffsetMinutes = t.offsetMinutes;
      end((v) => (record.end = v));
      group.encounters.push({
        record,
        icuByType: false,
        locations: [],
        hospitalClass: false,
        statedKind: stated,
      });
      return;
    }
    case 'procedure': {
      const c = code();
      const used = (extra.get('used') ?? '').split('|').filter((u) => u !== '');
      const pkind = classifyProcedure([c], used);
      if (pkind === 'other') {
        ctx.skip('Procedures with codes no criterion reads', `SNOMED ${c}`);
        return;
      }
      const rec: Mutable<ProcedureRecord> = {
        ref: `Procedure/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        status: undefined,
        counted: true,
        kind: pkind,
        code: c,
        start: 0,
        end: undefined,
        inProgress: row.get('end') === '',
      };
      start((t) => (rec.start = t));
      end((t) => (rec.end = t));
      group.procedures.push(rec);
      return;
    }
    case 'medication':
    case 'medication_statement': {
      const system = oneOf(row, 'system', ['atc', 'rxnorm'], 'atc');
      const c = code();
      const atc = system === 'atc' ? c : RXNORM_TO_ATC[c];
      if (atc === undefined || !isMedicationRead(atc)) {
        ctx.skip('medications with codes no criterion reads', `${system === 'atc' ? 'ATC' : 'RxNorm'} ${c}`);
        return;
      }
      const route = extra.get('route');
      if (route !== undefined && !(route in ROUTES))
        throw new CellIssue(
          'extra',
          `expected route=oral, iv, im, sc or other, received ${JSON.stringify(route)}`,
        );
      const rec: Mutable<MedicationRecord> = {
        ref: `${kind === 'medication' ? 'MedicationAdministration' : 'MedicationStatement'}/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        status: undefined,
        counted: true,
        resourceType: kind === 'medication' ? 'MedicationAdministration' : 'MedicationStatement',
        atc,
        rxnorm: system === 'rxnorm' ? c : undefined,
        start: 0,
        end: undefined,
        isInstant: false,
        rate: undefined,
        doseMg: undefined,
        systemicRoute: route === undefined ? undefined : ROUTES[route],
      };
      start((t) => (rec.start = t));
      end((t) => (rec.end = t), true);
      if (row.get('value') !== '') {
        const q = { value: row.number('value'), code: row.required('unit', 'a rate or dose unit') };
        const rate = rateFromQuantity(q);
        const dose = rate === undefined ? massMg(q) : undefined;
        if (rate === undefined && dose === undefined) {
          throw new CellIssue(
            'unit',
            `expected ug/kg/min, U/min, mg/d, mg/h or a mass (mg), received ${JSON.stringify(q.code)}`,
          );
        }
        rec.rate = rate;
        if (dose !== undefined) {
          if (row.get('end') !== '')
            throw new CellIssue('end', 'expected nothing: a dose in mg is a bolus at start');
          rec.doseMg = dose;
          rec.isInstant = true;
        }
      }
      group.medications.push(rec);
      return;
    }
    case 'diagnosis': {
      const system = oneOf(row, 'system', ['icd10', 'icd10cm']);
      const status = extra.get('status');
      const verification = extra.get('verification');
      const rec: Mutable<ConditionRecord> = {
        ref: `Condition/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        counted: verification !== 'refuted' && verification !== 'entered-in-error',
        status,
        system,
        code: normalizeIcd10(code()),
        active: status === undefined || ACTIVE.has(status),
        onset: undefined,
        recorded: undefined,
        abatement: undefined,
      };
      if (row.get('start') !== '') start((t) => (rec.onset = t));
      end((t) => (rec.abatement = t));
      const recorded = extra.get('recorded');
      if (recorded !== undefined) ctx.time(recorded, ['extra'], (t) => (rec.recorded = t));
      group.conditions.push(rec);
      return;
    }
    case 'allergy': {
      const system = oneOf(row, 'system', ['snomed', 'atc', 'substance']);
      const url = system === 'snomed' ? SNOMED : system === 'atc' ? ATC : SUBSTANCE_SYSTEM;
      const substance = allergySubstanceForCode(url, code());
      if (substance === undefined) {
        ctx.skip('AllergyIntolerances with substances no criterion reads', `${system} ${code()}`);
        return;
      }
      const rec: Mutable<AllergyRecord> = {
        ref: `AllergyIntolerance/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        status: undefined,
        counted: true,
        substance,
        recorded: undefined,
      };
      if (row.get('start') !== '') start((t) => (rec.recorded = t));
      group.allergies.push(rec);
      return;
    }
    case 'attestation': {
      const m = /^(infinity|platinium|immunosep|iris7):([A-Za-z0-9_.-]+)$/.exec(code());
      if (!m)
        throw new CellIssue(
          'code',
          `expected <protocol>:<criterion> such as iris7:E1, received ${JSON.stringify(code())}`,
        );
      const value = oneOf(row, 'value', ['true', 'false']) === 'true';
      const rec: Mutable<AttestationRecord> = {
        ref: `QuestionnaireResponse/${refId}`,
        versionId: 1,
        lastUpdated: undefined,
        status: undefined,
        counted: true,
        protocol: m[1] ?? '',
        criterionId: m[2] ?? '',
        value,
        authored: 0,
      };
      start((t) => (rec.authored = t));
      group.attestations.push(rec);
      return;
    }
  }
}
