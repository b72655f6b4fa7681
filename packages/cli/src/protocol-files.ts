import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWN_PROTOCOL_IDS, type LoadedProtocol, parseProtocol, TrialError } from '@immunotrial/core';

/** The repository root, found from this file's place in it (packages/cli/src), not from the cwd. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Where the shipped protocols live: `protocols/` at the repository root. */
export const PROTOCOLS_DIR = join(REPOSITORY_ROOT, 'protocols');

/** A protocol file's name for messages: relative to the repository root when inside it (`protocols/iris7.yaml`). */
function displayName(path: string): string {
  const rel = relative(REPOSITORY_ROOT, path);
  return rel.startsWith('..') || rel === '' ? path : rel.split(sep).join('/');
}

/**
 * Reads and loads one protocol file.
 * @param path - File path, relative to the cwd or absolute.
 * @param name - How messages name the file (default: the path as given).
 * @throws TrialError `protocol.not_found` when the file cannot be read; ProtocolInvalidError (`protocol.invalid`)
 *   listing every located problem.
 */
export function loadProtocolFile(path: string, name: string = path): LoadedProtocol {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TrialError('protocol.not_found', `${name}: cannot read the protocol file`, name);
  }
  return parseProtocol(text, name);
}

function idOfFile(path: string): string {
  return basename(path).replace(/\.ya?ml$/, '');
}

function looksLikePath(idOrPath: string): boolean {
  return /[\\/]/.test(idOrPath) || /\.ya?ml$/i.test(idOrPath);
}

/** The shipped protocol files (`protocols/*.yaml`): the four trials first, in DOMAIN.md order, then others by name. */
export function listProtocolFiles(): string[] {
  const names = existsSync(PROTOCOLS_DIR) ? readdirSync(PROTOCOLS_DIR).filter((f) => /\.ya?ml$/.test(f)) : [];
  const rank = (f: string): number => {
    const i = KNOWN_PROTOCOL_IDS.findIndex((id) => f === `${id}.yaml`);
    return i < 0 ? KNOWN_PROTOCOL_IDS.length : i;
  };
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(PROTOCOLS_DIR, f));
}

/**
 * Loads a protocol by id (`infinity` reads `protocols/infinity.yaml` at the repository root) or by file path.
 * A shipped file's `id` must match its name.
 * @example loadProtocolById('iris7').protocol.acronym // => 'IRIS-7'
 * @throws TrialError `protocol.unknown` for an id with no file; ProtocolInvalidError for a broken file.
 */
export function loadProtocolById(idOrPath: string): LoadedProtocol {
  if (looksLikePath(idOrPath)) return loadProtocolFile(idOrPath);
  const path = join(PROTOCOLS_DIR, `${idOrPath}.yaml`);
  if (!/^[a-z][a-z0-9-]*$/.test(idOrPath) || !existsSync(path)) {
    const known = listProtocolFiles().map(idOfFile);
    throw new TrialError(
      'protocol.unknown',
      `unknown protocol "${idOrPath}": expected one of ${known.join(', ')}, or a protocol file`,
    );
  }
  const loaded = loadProtocolFile(path, displayName(path));
  if (loaded.protocol.id !== idOrPath) {
    throw new TrialError(
      'protocol.invalid',
      `${loaded.fileName}: id is "${loaded.protocol.id}", expected "${idOrPath}" (the file name)`,
      'id',
    );
  }
  return loaded;
}

/** Loads every shipped protocol (`--protocol all`), the four trials first. @throws as loadProtocolById */
export function loadAllProtocols(): LoadedProtocol[] {
  return listProtocolFiles().map((f) => loadProtocolById(idOfFile(f)));
}
