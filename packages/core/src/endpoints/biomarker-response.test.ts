import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../protocol/parse-protocol.js';
import type { Protocol } from '../protocol/schema.js';
import { lymphocyteResponse, mhlaDrRestoration } from './biomarker-response.js';
import {
  lymphocyteResponseOptionsOf,
  mhlaDrRestorationOptionsOf,
  secondaryInfectionOptionsOf,
} from './endpoint-parameters.js';

const load = (id: string): Protocol =>
  parseProtocol(
    readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'protocols', `${id}.yaml`), 'utf8'),
    `${id}.yaml`,
  ).protocol;
const endpointOf = (p: Protocol, id: string) => {
  const e = p.endpoints.find((x) => x.id === id);
  if (!e) throw new Error(`no endpoint ${id}`);
  return e;
};
const platinium = load('platinium');
const iris7 = load('iris7');

describe('lymphocyteResponse', () => {
  it('takes the mean of the two qualifying counts as baseline and the percent change from it', () => {
    const r = lymphocyteResponse(
      { qualifying: [600, 800], measurements: [{ day: 29, value: 2100 }] },
      { day: 29, responsePercent: 50 },
    );
    expect(r).toEqual({ baseline: 700, value: 2100, percentChange: 200, responder: true });
  });

  it('uses a single qualifying count as baseline and reports a fall as negative', () => {
    const r = lymphocyteResponse({ qualifying: [800], measurements: [{ day: 29, value: 600 }] }, { day: 29 });
    expect(r).toEqual({ baseline: 800, value: 600, percentChange: -25, responder: undefined });
  });

  it('is not a responder just below the threshold and takes the nearest count in the window', () => {
    const r = lymphocyteResponse(
      {
        qualifying: [800],
        measurements: [
          { day: 27, value: 5000 },
          { day: 30, value: 1199 },
        ],
      },
      { day: 29, window: { before: 1, after: 1 }, responsePercent: 50 },
    );
    expect(r).toMatchObject({ value: 1199, responder: false });
  });

  it('has no percent change without a count in the window or without a baseline', () => {
    expect(
      lymphocyteResponse({ qualifying: [800], measurements: [{ day: 20, value: 900 }] }, { day: 29 })
        .percentChange,
    ).toBeUndefined();
    expect(
      lymphocyteResponse({ qualifying: [], measurements: [{ day: 29, value: 900 }] }, { day: 29 })
        .percentChange,
    ).toBeUndefined();
  });

  it('rejects a qualifying count of zero', () => {
    expect(() => lymphocyteResponse({ qualifying: [700, 0], measurements: [] }, { day: 29 })).toThrow(
      'qualifying lymphocyte count 1 must be > 0, got 0',
    );
  });
});

describe('mhlaDrRestoration', () => {
  const options = mhlaDrRestorationOptionsOf(endpointOf(platinium, 'immune-restoration-d10'), {
    before: 0,
    after: 1,
  });

  it("reads PLATINIUM's day 10, threshold 8000 AB/C (assumed)", () => {
    expect(options).toEqual({
      day: 10,
      thresholdAbPerCell: 8000,
      window: { before: 0, after: 1 },
      assumed: ['mhla_dr_restored_ab_per_cell'],
    });
  });

  it('is restored at the threshold and not below it', () => {
    expect(mhlaDrRestoration([{ day: 10, value: 8000 }], undefined, options)).toEqual({
      restored: true,
      value: 8000,
      reason: 'measured',
    });
    expect(mhlaDrRestoration([{ day: 11, value: 7999 }], undefined, options).restored).toBe(false);
  });

  it('is undecided, with the reason, after a death or a missing sample', () => {
    expect(mhlaDrRestoration([], 6, options)).toEqual({
      restored: undefined,
      value: undefined,
      reason: 'died',
    });
    expect(mhlaDrRestoration([{ day: 9, value: 12000 }], undefined, options)).toEqual({
      restored: undefined,
      value: undefined,
      reason: 'missing',
    });
  });
});

describe('options read from the shipped protocols', () => {
  it("reads PLATINIUM's secondary-infection horizon and timeframe", () => {
    expect(secondaryInfectionOptionsOf(endpointOf(platinium, 'secondary-infection-d90'))).toEqual({
      horizonDays: 90,
      repeatInfectionTimeframeDays: 14,
      assumed: ['repeat_infection_timeframe_days'],
    });
  });

  it("reads IRIS-7's lymphocyte day 29 as assumed", () => {
    expect(lymphocyteResponseOptionsOf(endpointOf(iris7, 'alc-change'))).toEqual({
      day: 29,
      assumed: ['horizon_days'],
    });
  });
});
