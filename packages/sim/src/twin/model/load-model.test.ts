import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TwinFileInvalidError } from '../yaml-file.js';
import { parseTwinModel } from './load-model.js';

const FILE = 'packages/sim/models/icu-immunosuppression.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function problems(text: string): string[] {
  try {
    parseTwinModel(text, 'm.yaml');
  } catch (error) {
    if (error instanceof TwinFileInvalidError)
      return error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('parseTwinModel', () => {
  it('loads the shipped model with a source or an assumption for every parameter', () => {
    const { model, provenance, sources } = parseTwinModel(TEXT, FILE);
    expect(model.infection.first_day).toBe(2);
    expect(provenance.length).toBeGreaterThan(80);
    const ids = new Set(sources.map((s) => s.id));
    for (const p of provenance) {
      expect(p.assumed || (p.source !== undefined && ids.has(p.source)), p.path).toBe(true);
      expect(p.note, p.path).toBeTruthy();
    }
  });

  it('cites the domain sources the brief names: ImmunoSep, PROVIDE, the mHLA-DR rise and the IL-7 rise', () => {
    const cited = new Set(
      parseTwinModel(TEXT, FILE).provenance.flatMap((p) => (p.source === undefined ? [] : [p.source])),
    );
    for (const id of ['S5', 'S8', 'S13', 'S16', 'S18', 'S25', 'S12b']) expect(cited).toContain(id);
  });

  it('rejects a parameter with neither source nor assumption, at its line', () => {
    const text = TEXT.replace(
      / {2}ward_hazard_ratio:\n {4}value: 0.2\n {4}assumed: true\n {4}rationale: [^\n]*\n/,
      '  ward_hazard_ratio:\n    value: 0.2\n',
    );
    const line = text.split('\n').findIndex((l) => l.startsWith('  ward_hazard_ratio:')) + 2;
    expect(problems(text)).toEqual([
      `${line}:5 infection.ward_hazard_ratio: a parameter needs a source (an id of sources) or assumed: true with a rationale`,
    ]);
  });

  it('rejects a source that the file does not list', () => {
    const text = TEXT.replace(/( {2}first_day:\n {4}value: 2\n {4}source: )S13/, '$1S99');
    const [p] = problems(text);
    expect(p).toMatch(/infection\.first_day\.source: source "S99" is not listed in sources \(S5, S6/);
  });

  it('rejects shares that do not add up to 1 and a probability above 1', () => {
    const text = TEXT.replace('      sepsis: 0.38\n', '      sepsis: 0.48\n').replace(
      /( {2}male_share:\n {4}value: )0.62/,
      '$11.62',
    );
    expect(problems(text).map((p) => p.replace(/^\d+:\d+ /, ''))).toEqual([
      'population.category_shares: shares must add up to 1',
      'population.male_share: expected a number <= 1, found 1.62',
    ]);
  });
});
