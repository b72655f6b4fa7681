import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import { sofaResponseParametersOf } from './endpoint-parameters.js';
import { aggregateSofa, sofaResponse, type SofaResponseParameters } from './sofa-response.js';

const immunosep = parseProtocol(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', 'immunosep.yaml'), 'utf8'),
  'immunosep.yaml',
).protocol;
const endpoint = immunosep.endpoints.find((e) => e.id === 'sofa-response-d9');
if (!endpoint) throw new Error('no sofa-response-d9');
const RULE = sofaResponseParametersOf(endpoint);

const days = (values: readonly (number | undefined)[]) =>
  values.flatMap((value, i) => (value === undefined ? [] : [{ day: i + 1, value }]));
const rule = (over: Partial<SofaResponseParameters>): SofaResponseParameters => ({ ...RULE, ...over });

describe('sofaResponseParametersOf', () => {
  it("reads ImmunoSep's rule and flags the assumed parts", () => {
    expect(RULE).toEqual({
      decreasePoints: 1.4,
      aggregate: { kind: 'mean', fromDay: 1, toDay: 9 },
      death: 'non_responder',
      missing: 'mean_of_available_days',
      assumed: ['aggregate', 'death_before_day_9', 'missing_daily_sofa'],
    });
  });

  it('rejects an unknown aggregate with the allowed forms', () => {
    const bad = {
      ...endpoint,
      parameters: { ...endpoint.parameters, aggregate: { value: 'median', source: 'x' } },
    };
    expect(() => sofaResponseParametersOf(bad)).toThrow(
      'endpoint sofa-response-d9: aggregate must be mean_day_A_to_B (A <= B) or day_N_value, got "median"',
    );
  });
});

describe('sofaResponse (ImmunoSep rule: mean of days 1-9, death = non-responder, missing days skipped)', () => {
  it('is a responder when baseline − mean >= 1.4', () => {
    const r = sofaResponse({ baseline: 10, daily: days([9, 9, 8, 8, 8, 8, 8, 8, 8]) }, RULE);
    expect(r.responder).toBe(true);
    expect(r.value).toBeCloseTo(74 / 9, 12);
    expect(r.decrease).toBeCloseTo(10 - 74 / 9, 12);
  });

  it('is a responder at exactly 1.4 despite binary rounding (18 − 83/5)', () => {
    // Five of the nine days available, summing to 83: 18 − 16.6 is 1.3999999999999986 in binary.
    const r = sofaResponse({ baseline: 18, daily: days([17, 17, 17, 16, 16]) }, RULE);
    expect(18 - (r.value ?? 0)).toBeLessThan(1.4); // what a plain comparison would decide
    expect(r.responder).toBe(true);
  });

  it('is not a responder at a decrease of 1.3', () => {
    const r = sofaResponse({ baseline: 9.3, daily: days([8, 8, 8, 8, 8, 8, 8, 8, 8]) }, RULE);
    expect(r.responder).toBe(false);
  });

  it('makes a death on or before day 9 a non-responder', () => {
    const r = sofaResponse({ baseline: 12, daily: days([6, 5, 4]), deathDay: 4 }, RULE);
    expect(r).toEqual({
      responder: false,
      baseline: 12,
      value: undefined,
      decrease: undefined,
      reason: 'died',
    });
    // A death after day 9 does not matter.
    expect(
      sofaResponse({ baseline: 12, daily: days([6, 6, 6, 6, 6, 6, 6, 6, 6]), deathDay: 10 }, RULE).responder,
    ).toBe(true);
  });

  it('averages the available days when some are missing', () => {
    const r = sofaResponse({ baseline: 10, daily: days([9, undefined, undefined, 7, 8]) }, RULE);
    expect(r.value).toBe(8);
    expect(r.responder).toBe(true);
  });

  it('is undecided without a baseline or without any SOFA', () => {
    expect(sofaResponse({ baseline: undefined, daily: days([5]) }, RULE)).toMatchObject({
      responder: undefined,
      reason: 'no_baseline',
      value: 5,
    });
    expect(sofaResponse({ baseline: 10, daily: [] }, RULE)).toMatchObject({
      responder: undefined,
      reason: 'no_sofa',
    });
  });
});

describe('the alternative rules', () => {
  it('scores 24 on the days after death with worst_score', () => {
    // Alive days 1-3 at 6, died on day 4 with no SOFA: days 4-9 score 24.
    const v = aggregateSofa(
      { baseline: 12, daily: days([6, 6, 6]), deathDay: 4 },
      rule({ death: 'worst_score' }),
    );
    expect(v.value).toBeCloseTo((3 * 6 + 6 * 24) / 9, 12);
  });

  it('keeps the SOFA recorded on the day of death', () => {
    const v = aggregateSofa(
      { baseline: 12, daily: days([6, 6, 6, 18]), deathDay: 4 },
      rule({ death: 'worst_score' }),
    );
    expect(v.value).toBeCloseTo((3 * 6 + 18 + 5 * 24) / 9, 12);
  });

  it('uses the days alive with available_days', () => {
    const v = aggregateSofa(
      { baseline: 12, daily: days([6, 7, 8]), deathDay: 4 },
      rule({ death: 'available_days' }),
    );
    expect(v.value).toBe(7);
  });

  it('carries the last value (or the baseline) forward over missing days', () => {
    const locf = rule({ missing: 'last_observation_carried_forward' });
    expect(
      aggregateSofa({ baseline: 10, daily: days([undefined, 8, undefined, undefined, 6, 6, 6, 6, 6]) }, locf)
        .value,
    ).toBeCloseTo((10 + 8 + 8 + 8 + 5 * 6) / 9, 12);
  });

  it('makes any missing day a non-responder with missing = non_responder', () => {
    const r = sofaResponse(
      { baseline: 10, daily: days([5, undefined, 5]) },
      rule({ missing: 'non_responder' }),
    );
    expect(r).toMatchObject({ responder: false, reason: 'missing_day' });
  });

  it('uses the day-9 value with day_value', () => {
    const r = sofaResponse(
      { baseline: 10, daily: days([10, 10, 10, 10, 10, 10, 10, 10, 8]) },
      rule({ aggregate: { kind: 'day_value', day: 9 } }),
    );
    expect(r).toMatchObject({ responder: true, value: 8, decrease: 2 });
  });
});
