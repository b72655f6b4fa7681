import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 64;
const BLOCK_SIZE = 8;
const PARALLEL = 1;

function derive(password: string, salt: Buffer, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem above 128 * N * r, which the default (32 MiB) does not allow at N = 2^15.
    scrypt(
      password,
      salt,
      KEY_BYTES,
      { N: n, r: BLOCK_SIZE, p: PARALLEL, maxmem: 256 * n * BLOCK_SIZE },
      (err, key) => {
        if (err) reject(err);
        else resolve(key);
      },
    );
  });
}

/**
 * Hashes a password with scrypt (memory-hard; RFC 7914), a 16-byte random salt and cost `n`, as
 * `scrypt$N$r$p$salt$key` (base64), so the parameters travel with the hash and can be raised later.
 * @param n - CPU/memory cost, a power of two (2^15 uses 32 MiB and ~0.1 s).
 */
export async function hashPassword(password: string, n: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, n);
  return [
    'scrypt',
    String(n),
    String(BLOCK_SIZE),
    String(PARALLEL),
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

/** True when `password` matches `stored` (constant-time comparison); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || n === undefined || salt === undefined || key === undefined) return false;
  if (r !== String(BLOCK_SIZE) || p !== String(PARALLEL)) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(n));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Password rule: 10 to 200 characters (NIST SP 800-63B: length over composition rules). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'password must be at least 10 characters';
  if (password.length > 200) return 'password must be at most 200 characters';
  return undefined;
}
