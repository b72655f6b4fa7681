import { Xoshiro128 } from '@immunotrial/stats';
import { TrialError } from '../errors.js';
import { sha256Words } from './sha256.js';

/**
 * A seeded generator for one named stream of a trial's randomization, derived from the secret seed:
 * the first 128 bits of SHA-256(secret, 0x1f, part1, 0x1f, part2, ...) become the state of an xoshiro128**
 * generator. Streams are independent of each other, and one stream's output reveals neither the secret
 * nor any other stream (SHA-256 is one-way). The same secret and parts always give the same draws.
 *
 * Streams used by Immunotrial: `['allocation', protocolId, version, stratumKey]`,
 * `['kits', protocolId, version, siteId]`, and for minimization the server's choice, e.g.
 * `['minimization', protocolId, version, String(sequenceNumber)]`.
 * @param secret - The trial's allocation seed, held by the unblinded statistician (at least 16 characters;
 *   the server should generate 32 random bytes written in hex).
 * @param parts - Names of the stream; none may contain the separator U+001F.
 * @throws TrialError `randomization.seed` if the secret is shorter than 16 characters or a part holds U+001F.
 * @example deriveRandomSource('0123456789abcdef', ['allocation', 'infinity', '1.0', 'site=S01']).nextUint32()
 */
export function deriveRandomSource(secret: string, parts: readonly string[]): Xoshiro128 {
  if (secret.length < 16) {
    throw new TrialError(
      'randomization.seed',
      `allocation seed too short: expected at least 16 characters, got ${secret.length}`,
      'seed',
    );
  }
  const bad = parts.findIndex((p) => p.includes('\u001f'));
  if (bad >= 0) {
    throw new TrialError('randomization.seed', `stream name part ${bad} contains U+001F`, `parts[${bad}]`);
  }
  const digest = sha256Words(new TextEncoder().encode([secret, ...parts].join('\u001f')));
  const state: number[] = [digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0, digest[3] ?? 0];
  // An all-zero state is invalid for xoshiro; SHA-256 gives one with probability 2^-128.
  if (!state.some((x) => x !== 0)) state[0] = 1;
  return new Xoshiro128(state);
}
