import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { TrialError } from '@immunotrial/core';

/**
 * Expands input paths: a folder gives its `*.json` and `*.ndjson` files (sorted, not recursive), a file
 * itself.
 * @param extensions - Extensions a folder contributes.
 * @throws TrialError `input.missing` for a path that does not exist.
 */
export async function listInputFiles(
  paths: readonly string[],
  extensions: readonly string[] = ['.json', '.ndjson'],
): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch (cause) {
      throw new TrialError('input.missing', `${p}: no such file or folder`, p, { cause });
    }
    if (s.isDirectory()) {
      const names = (await readdir(p)).filter((n) => extensions.includes(extname(n).toLowerCase())).sort();
      out.push(...names.map((n) => join(p, n)));
    } else {
      out.push(p);
    }
  }
  return out;
}

/** True for an NDJSON file (`.ndjson`, `.jsonl`). */
export function isNdjson(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.ndjson' || ext === '.jsonl';
}
