import { describe, expect, it } from 'vitest';
import { isoSeconds, isoUtc } from './iso-text.js';

describe('isoSeconds', () => {
  it('writes what toISOString writes, to the second, across leap years, centuries and day edges', () => {
    let seed = 20261122;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const edges = [
      Date.UTC(1000, 0, 1),
      Date.UTC(1899, 11, 31, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      0,
      Date.UTC(2000, 1, 29, 0, 0, 0, 1),
      Date.UTC(2024, 1, 29, 23, 59, 59),
      Date.UTC(2100, 2, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    ];
    const random = Array.from({ length: 20_000 }, () => Math.round((next() * 2 - 1) * 2e13));
    for (const ms of [...edges, ...random])
      expect(isoSeconds(ms), String(ms)).toBe(new Date(ms).toISOString().slice(0, 19));
  });

  it('goes through Date outside the years 1000-9999', () => {
    expect(isoSeconds(Date.UTC(-50, 0, 1))).toBe(new Date(Date.UTC(-50, 0, 1)).toISOString().slice(0, 19));
    expect(isoSeconds(Date.UTC(10000, 0, 1))).toBe('+010000-01-01T00:00');
    expect(() => isoSeconds(NaN)).toThrow(RangeError);
  });

  it('isoUtc writes toISOString without .000, milliseconds and extended years included', () => {
    for (const ms of [
      0,
      Date.UTC(2026, 2, 16, 16, 30),
      Date.UTC(2026, 2, 16, 16, 30, 0, 250),
      -1000,
      -1,
      Date.UTC(999, 0, 1),
      Date.UTC(10000, 0, 1),
    ])
      expect(isoUtc(ms), String(ms)).toBe(new Date(ms).toISOString().replace('.000Z', 'Z'));
  });
});
