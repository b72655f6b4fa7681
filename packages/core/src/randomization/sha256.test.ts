import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveRandomSource } from './derive-random.js';
import { sha256Words } from './sha256.js';

const hex = (w: Uint32Array): string => Array.from(w, (x) => x.toString(16).padStart(8, '0')).join('');

describe('sha256Words', () => {
  it('gives the FIPS 180-4 digest of "abc"', () => {
    expect(hex(sha256Words(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([0, 1, 55, 56, 63, 64, 65, 119, 120, 200, 1000])('matches node:crypto for %i bytes', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
    expect(hex(sha256Words(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('deriveRandomSource', () => {
  const SECRET = 'a-secret-of-sixteen-plus';

  it('gives the same stream for the same secret and parts', () => {
    const a = deriveRandomSource(SECRET, ['allocation', 'x', '1.0', 'site=A']);
    const b = deriveRandomSource(SECRET, ['allocation', 'x', '1.0', 'site=A']);
    expect([a.nextUint32(), a.nextUint32()]).toEqual([b.nextUint32(), b.nextUint32()]);
  });

  it('gives different streams for different parts, secrets, or the same text split differently', () => {
    const first = (s: string, parts: string[]): number => deriveRandomSource(s, parts).nextUint32();
    const base = first(SECRET, ['allocation', 'x', '1.0', 'site=A']);
    expect(first(SECRET, ['allocation', 'x', '1.0', 'site=B'])).not.toBe(base);
    expect(first(SECRET, ['allocation', 'x', '1.1', 'site=A'])).not.toBe(base);
    expect(first(`${SECRET}!`, ['allocation', 'x', '1.0', 'site=A'])).not.toBe(base);
    expect(first(SECRET, ['allocationx', '1.0', 'site=A'])).not.toBe(
      first(SECRET, ['allocation', 'x1.0', 'site=A']),
    );
  });

  it('rejects a short secret', () => {
    expect(() => deriveRandomSource('short', [])).toThrow(
      'allocation seed too short: expected at least 16 characters, got 5',
    );
  });
});
