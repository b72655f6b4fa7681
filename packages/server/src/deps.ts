import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '@immunotrial/db';
import { ProtocolCache } from './protocol-cache.js';

/** Settings of the server that tests and deployments change. */
export interface ServerConfig {
  /** How long a session lives without use (ms). */
  readonly sessionIdleMs: number;
  /** The longest a session lives, used or not (ms). */
  readonly sessionMaxMs: number;
  /** The window over which failed logins are counted (ms). */
  readonly loginWindowMs: number;
  /** Failed logins per user name (or per client address) in the window before logins are refused. */
  readonly maxLoginFailures: number;
  /** scrypt cost parameter N for new password hashes (a power of two). */
  readonly scryptCost: number;
  /** Send cookies with `Secure` (behind HTTPS). */
  readonly secureCookies: boolean;
}

export const DEFAULT_CONFIG: ServerConfig = {
  sessionIdleMs: 30 * 60_000,
  sessionMaxMs: 12 * 3_600_000,
  loginWindowMs: 15 * 60_000,
  maxLoginFailures: 5,
  scryptCost: 2 ** 15,
  secureCookies: false,
};

/**
 * What every service takes: the database, the clock, identifiers and secrets, settings and the protocol
 * cache. Passed in, never global, so tests pin the clock and run on a fresh database.
 */
export interface ServerDeps {
  readonly db: Kysely<Database>;
  /** Now, in ms since the epoch. */
  readonly clock: () => number;
  /** A new unique identifier. */
  readonly newId: () => string;
  /** `bytes` random bytes from a CSPRNG, hex-encoded (tokens, seeds). */
  readonly randomHex: (bytes: number) => string;
  readonly config: ServerConfig;
  readonly protocols: ProtocolCache;
}

/**
 * Dependencies with the system clock, random UUIDs and crypto-random tokens.
 * @param db - The open database.
 * @param overrides - Anything to replace (a fixed clock, a lower scrypt cost in tests).
 */
export function createDeps(
  db: Kysely<Database>,
  overrides: Partial<Omit<ServerDeps, 'config'>> & { readonly config?: Partial<ServerConfig> } = {},
): ServerDeps {
  return {
    db,
    clock: overrides.clock ?? (() => Date.now()),
    newId: overrides.newId ?? (() => randomUUID()),
    randomHex: overrides.randomHex ?? ((n) => randomBytes(n).toString('hex')),
    config: { ...DEFAULT_CONFIG, ...overrides.config },
    protocols: overrides.protocols ?? new ProtocolCache(),
  };
}

/** ISO-8601 UTC text of a clock reading. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** SHA-256 of a text, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
