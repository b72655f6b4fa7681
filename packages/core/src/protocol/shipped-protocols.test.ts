import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isAssumed } from './assumed.js';
import { protocolJsonSchema, protocolJsonSchemaText } from './json-schema.js';
import { parseProtocol } from './parse-protocol.js';

const DIR = join(import.meta.dirname, '..', '..', '..', '..', 'protocols');
const IDS = ['infinity', 'platinium', 'immunosep', 'iris7'] as const;
const text = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const load = (id: string) => parseProtocol(text(`${id}.yaml`), `protocols/${id}.yaml`);
// Formats (date, uri) are checked by ProtocolSchema; editors differ in whether they check them.
const { $schema: _draft, ...schema } = protocolJsonSchema();
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

// How each criterion is decided, from DOMAIN.md column A: A = attestation only, A* = rule and attestation.
const DECIDED_BY: Record<(typeof IDS)[number], string> = {
  infinity:
    'I1 rule, I2 rule, I3 rule, I4 rule, I5 att, E1 att, E2 both, E3 both, E4 both, E5 both, E6 both, E7 att, E8 att',
  platinium:
    'I0 rule, I1 att, I2 both, I3 rule, I4 att, E0 att, E1 att, E2 rule, E3 rule, E4 both, E5 rule, E6 rule, E7 rule, E8 both, E9 both, E10 rule, E11 both, E12 both, E13 att',
  immunosep:
    'I1 both, I2 both, I3 rule, I4 rule, I5 rule, E1 both, E2 att, E3 rule, E4 both, E5 rule, E6 rule, E7 rule, E8 both',
  iris7: 'I1 rule, I2 both, I3 rule, I4 both, I5 rule, I6 att, E1 att',
};

describe('the shipped protocols', () => {
  it.each(IDS)('%s loads, with every rule compiled', (id) => {
    const loaded = load(id);
    expect(loaded.protocol.id).toBe(id);
    const decided = loaded.eligibility.criteria
      .map((c) => `${c.id} ${c.rule && c.attestation ? 'both' : c.rule ? 'rule' : 'att'}`)
      .join(', ');
    expect(decided).toBe(DECIDED_BY[id]);
  });

  it.each(IDS)('%s starts with the yaml-language-server schema line', (id) => {
    expect(text(`${id}.yaml`).split('\n')[0]).toBe('# yaml-language-server: $schema=./protocol.schema.json');
  });

  it('ImmunoSep requires both the attestation and age >= 18 for I1, ranks MALS before SIP and has a deadline', () => {
    const { protocol, eligibility } = load('immunosep');
    expect(eligibility.criteria.find((c) => c.id === 'I1')?.combine).toBe('and');
    expect(eligibility.strata?.map((s) => s.id)).toEqual(['MALS', 'SIP']);
    expect(protocol.eligibility.deadline?.rule).toBe('T_sep + 72 h');
    expect(protocol.blinding.double_dummy?.mapping).toHaveLength(4);
  });

  it('keeps every reading of the profile as a named parameter with its provenance', () => {
    expect(load('platinium').protocol.eligibility.parameters['pair_window']).toMatchObject({
      value: 96,
      unit: 'h',
    });
    expect(load('iris7').protocol.eligibility.parameters['dopamine_threshold']).toMatchObject({
      value: 5,
      unit: 'ug/kg/min',
    });
    expect(load('immunosep').eligibility.parameters['count_in_episode_steroids']).toBe(0);
    for (const id of IDS) {
      const p = load(id).protocol.eligibility.parameters['icu_merge_gap'];
      expect(p).toMatchObject({ value: 24, unit: 'h' });
      expect(p?.provenance).toMatch(/FHIR-PROFILE/);
    }
  });

  it('marks the values DOMAIN.md calls UNVERIFIED as assumed', () => {
    const infinity = load('infinity').protocol;
    expect(isAssumed(infinity.allocation.ratio)).toBe(true);
    const platinium = load('platinium').protocol;
    expect(isAssumed(platinium.regimens[0]?.dose)).toBe(true);
    expect(isAssumed(platinium.regimens[0]?.schedule.days)).toBe(true);
    const immunosep = load('immunosep').protocol;
    expect(isAssumed(immunosep.endpoints[0]?.parameters['aggregate'])).toBe(true);
    expect(immunosep.endpoints[0]?.parameters['decrease_points']).toEqual({
      value: 1.4,
      source: 'S4 and S5',
    });
    const iris7 = load('iris7').protocol;
    expect(iris7.regimens.map((r) => isAssumed(r.schedule.days))).toEqual([true, true, true, true]);
    expect(isAssumed(iris7.allocation.ratio)).toBe(true);
  });

  it('protocol.schema.json is the schema generated from ProtocolSchema (run npm run generate:schema)', () => {
    expect(text('protocol.schema.json')).toBe(protocolJsonSchemaText());
  });

  it.each(IDS)('the JSON Schema accepts %s, as an editor would check it', (id) => {
    expect(validate(parse(text(`${id}.yaml`)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the JSON Schema rejects what ProtocolSchema rejects: an unknown field and an assumption without provenance', () => {
    const infinity: unknown = parse(text('infinity.yaml'));
    expect(validate({ ...(infinity as object), unexpected: 1 })).toBe(false);
    expect(validate({ ...(infinity as object), enrolment: { planned: { value: 1, assumed: true } } })).toBe(
      false,
    );
  });
});
