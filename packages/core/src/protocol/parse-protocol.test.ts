import { describe, expect, it } from 'vitest';
import { parseProtocol } from './parse-protocol.js';
import { ProtocolInvalidError } from './protocol-issue.js';

const FILE = 'protocols/x.yaml';

// A small valid protocol; each test breaks one thing. Line numbers below refer to this text.
const BASE = `# yaml-language-server: $schema=./protocol.schema.json
id: demo
version: '1.0'
title: A demo trial
acronym: DEMO
identifiers: { nct: NCT00000001 }
sponsor: { name: A sponsor }
phase: '3'
status: { value: recruiting, as_of: 2026-01-22, source: S1 }
enrolment: { planned: 100 }
sources:
  - { id: S1, title: Registry }
eligibility:
  parameters:
    pair_window: { value: 96, unit: h, provenance: a reading }
  inclusion:
    - id: I1
      text: Adult
      rule: age >= 18 years
    - id: I2
      text: Low mHLA-DR
      rule: 'latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell}'
    - id: I3
      text: High ferritin
      rule: current(ferritin) > 4420 ng/mL
  exclusion:
    - id: E1
      text: Consent refused
      attestation: true
arms:
  - { id: active, label: Active, kind: active }
  - { id: placebo, label: Placebo, kind: placebo }
allocation:
  ratio: { active: 1, placebo: 1 }
  method: permuted_blocks
  per_site: true
blinding: { level: double }
regimens:
  - id: drug-sc
    arm: active
    product: Drug
    role: active
    dose: { value: 100, unit: ug }
    route: sc
    schedule: { every: { value: 48, unit: h }, max_doses: 5 }
endpoints:
  - id: primary
    role: primary
    label: Primary
    kind: binary
    horizon_days: 90
    definition: Something at day 90
sample_size: { target: 100, framework: frequentist }
`;

const I2_RULE = "      rule: 'latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell}'";

function edit(...pairs: readonly (readonly [string, string])[]): string {
  let text = BASE;
  for (const [from, to] of pairs) {
    if (!text.includes(from)) throw new Error(`test setup: "${from}" not in the base protocol`);
    text = text.replace(from, to);
  }
  return text;
}

/** The located messages a broken protocol gives. */
function problems(text: string): string[] {
  try {
    parseProtocol(text, FILE);
  } catch (e) {
    if (e instanceof ProtocolInvalidError) {
      expect(e.code).toBe('protocol.invalid');
      expect(e.message).toBe(
        e.issues
          .map((i) => `${i.file}:${i.line}:${i.column}: ${i.path}: ${i.message}`.replace(': : ', ': '))
          .join('\n'),
      );
      return e.message.split('\n');
    }
    throw e;
  }
  throw new Error('expected the protocol to be rejected');
}

describe('parseProtocol', () => {
  it('returns the parsed protocol with its eligibility rules compiled', () => {
    const loaded = parseProtocol(BASE, FILE);
    expect(loaded.fileName).toBe(FILE);
    expect(loaded.protocol.id).toBe('demo');
    expect(loaded.protocol.visits).toEqual([]);
    expect(
      loaded.eligibility.criteria.map((c) => `${c.kind}:${c.id}:${c.rule ? 'rule' : 'attestation'}`),
    ).toEqual(['inclusion:I1:rule', 'inclusion:I2:rule', 'inclusion:I3:rule', 'exclusion:E1:attestation']);
    expect(loaded.eligibility.parameters['pair_window']).toBe(96 * 3_600_000);
  });

  it('names file, line and column of a YAML syntax error', () => {
    expect(problems(edit(['  - { id: S1, title: Registry }', '  - { id: S1, title: Registry']))).toEqual([
      'protocols/x.yaml:13:1: YAML syntax: Flow map in block collection must be sufficiently indented and end with a }',
    ]);
  });

  it('reports every missing field, each at the mapping that lacks it', () => {
    expect(problems(edit(['title: A demo trial\n', ''], ['      text: Low mHLA-DR\n', '']))).toEqual([
      'protocols/x.yaml:2:1: title: missing (expected a text)',
      'protocols/x.yaml:19:7: eligibility.inclusion[1].text: missing (expected a text)',
    ]);
  });

  it('says what type was found and which was expected, for every wrong value', () => {
    expect(
      problems(
        edit(
          ['enrolment: { planned: 100 }', 'enrolment: { planned: many }'],
          ["phase: '3'", 'phase: 3'],
          ['horizon_days: 90', 'horizon_days: ninety'],
        ),
      ),
    ).toEqual([
      "protocols/x.yaml:8:8: phase: expected the text '3' (quoted), found the number 3",
      'protocols/x.yaml:10:23: enrolment.planned: expected a number or a mapping, found "many"',
      'protocols/x.yaml:51:19: endpoints[0].horizon_days: expected a number or a mapping, found "ninety"',
    ]);
  });

  it('lists the accepted values of an enumeration', () => {
    expect(problems(edit(['route: sc', 'route: subcutaneous']))).toEqual([
      'protocols/x.yaml:44:12: regimens[0].route: expected one of sc, iv, im, po, inhaled, found "subcutaneous"',
    ]);
  });

  it('points at an unknown field and lists the accepted ones', () => {
    expect(problems(edit(['    - id: I1\n', '    - id: I1\n      rules: x\n']))).toEqual([
      'protocols/x.yaml:18:7: eligibility.inclusion[0].rules: unknown field "rules" (expected one of: id, text, rule, attestation, combine, label, source, note)',
    ]);
  });

  it('requires a provenance on an assumed value', () => {
    expect(
      problems(
        edit(['enrolment: { planned: 100 }', 'enrolment: { planned: { value: 100, assumed: true } }']),
      ),
    ).toEqual(['protocols/x.yaml:10:23: enrolment.planned.provenance: missing (expected a text)']);
  });

  it('rejects a rule with an unknown name at the line and column of the name', () => {
    expect(
      problems(edit(['current(ferritin) > 4420 ng/mL', 'current(ferritin) > 4420 ng/mL and mhladr'])),
    ).toEqual([
      'protocols/x.yaml:25:48: eligibility.inclusion[2].rule: unknown name "mhladr": not a variable, anchor, parameter, definition or function',
    ]);
  });

  it('rejects an unknown variable where a variable is expected', () => {
    expect(problems(edit(['latest(mhla_dr,', 'latest(mhladr,']))).toEqual([
      'protocols/x.yaml:22:21: eligibility.inclusion[1].rule: expected a variable name (e.g. mhla_dr, lymphocytes, ferritin), found "mhladr"',
    ]);
  });

  it('rejects an impossible unit when the protocol loads', () => {
    expect(problems(edit(['4420 ng/mL', '4420 mg']))).toEqual([
      'protocols/x.yaml:25:33: eligibility.inclusion[2].rule: unit "mg" is impossible here: expected a unit convertible to ng/mL',
    ]);
  });

  it('rejects an undefined anchor', () => {
    expect(problems(edit(['age >= 18 years', 'T_foo - T_scr < 72 h']))).toEqual([
      'protocols/x.yaml:19:13: eligibility.inclusion[0].rule: unknown name "T_foo": not a variable, anchor, parameter, definition or function',
    ]);
  });

  it('locates a rule that does not parse at the end of the rule', () => {
    expect(problems(edit(['age >= 18 years', 'age >= 18 years and (T_scr']))).toEqual([
      'protocols/x.yaml:19:39: eligibility.inclusion[0].rule: expected ")", found the end of the rule',
    ]);
  });

  it('reports every failing rule, not only the first', () => {
    expect(problems(edit(['age >= 18 years', 'T_foo < T_scr'], ['4420 ng/mL', '4420 mg']))).toEqual([
      'protocols/x.yaml:19:13: eligibility.inclusion[0].rule: unknown name "T_foo": not a variable, anchor, parameter, definition or function',
      'protocols/x.yaml:25:33: eligibility.inclusion[2].rule: unit "mg" is impossible here: expected a unit convertible to ng/mL',
    ]);
  });

  it('locates errors inside folded, literal and double-quoted rules', () => {
    const folded = `      rule: >-\n        latest(mhla_dr, during: icu_days(5, 10))\n        < 8000 {AB}/{cell} and T_bar < T_scr`;
    expect(problems(edit([I2_RULE, folded]))).toEqual([
      'protocols/x.yaml:24:32: eligibility.inclusion[1].rule: unknown name "T_bar": not a variable, anchor, parameter, definition or function',
    ]);
    const literal = `      rule: |\n        latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell}\n          and T_bar < T_scr`;
    expect(problems(edit([I2_RULE, literal]))).toEqual([
      'protocols/x.yaml:24:15: eligibility.inclusion[1].rule: unknown name "T_bar": not a variable, anchor, parameter, definition or function',
    ]);
    const quoted =
      '      rule: "latest(mhla_dr, during: icu_days(5, 10)) < 8000 {AB}/{cell} and \\"x\\" == T_baz"';
    expect(problems(edit([I2_RULE, quoted]))).toEqual([
      'protocols/x.yaml:22:87: eligibility.inclusion[1].rule: unknown name "T_baz": not a variable, anchor, parameter, definition or function',
    ]);
  });

  it('rejects a duplicate criterion id at its second use', () => {
    expect(
      problems(
        edit([
          '      text: Consent refused\n      attestation: true\n',
          '      text: Consent refused\n      attestation: true\n    - id: E1\n      text: Again\n      attestation: true\n',
        ]),
      ),
    ).toEqual([
      'protocols/x.yaml:30:11: eligibility.exclusion[1].id: duplicate criterion id "E1" (already used at eligibility.exclusion[0])',
    ]);
  });

  it('rejects an inclusion id that is not I-numbered', () => {
    expect(problems(edit(['    - id: I3', '    - id: E3']))).toEqual([
      'protocols/x.yaml:23:11: eligibility.inclusion[2].id: an inclusion criterion id starts with I, found "E3"',
    ]);
  });

  it('rejects units that are not UCUM, with the reference implementation hint', () => {
    expect(
      problems(edit(['unit: h, provenance', 'unit: hours, provenance'], ['unit: ug }', 'unit: microgram }'])),
    ).toEqual([
      'protocols/x.yaml:15:37: eligibility.parameters.pair_window.unit: "hours" is not a UCUM unit (e.g. mg, ug, ug/kg, [iU], mL, h)',
      'protocols/x.yaml:43:31: regimens[0].dose.unit: "microgram" is not a UCUM unit (did you mean ug?)',
    ]);
  });

  it('checks references between sections', () => {
    expect(
      problems(
        edit(
          ['    arm: active\n', '    arm: actve\n'],
          ['ratio: { active: 1, placebo: 1 }', 'ratio: { active: 1, placbo: 1 }'],
        ),
      ),
    ).toEqual([
      'protocols/x.yaml:34:10: allocation.ratio: the ratio gives no weight to arm "placebo"',
      'protocols/x.yaml:34:23: allocation.ratio.placbo: unknown arm "placbo" (arms: active, placebo)',
      'protocols/x.yaml:40:10: regimens[0].arm: unknown arm "actve" (arms: active, placebo)',
    ]);
  });
});
