import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, 'worker-entry.ts');
/** Where the bundle is cached: node_modules/.cache of the sim package (ignored by git). */
const CACHE = resolve(here, '..', '..', 'node_modules', '.cache', 'immunotrial-sim');

/** A bundle: its entry module and, in the cache, the bundle and its recorded inputs. */
interface BundlePaths {
  readonly entry: string;
  readonly bundle: string;
  readonly inputs: string;
}

function pathsOf(entry: string, name: string): BundlePaths {
  return { entry, bundle: join(CACHE, `${name}.cjs`), inputs: join(CACHE, `${name}-inputs.json`) };
}

/** The worker bundle could not be built (no esbuild, or the cache folder is not writable). */
export class WorkerBundleError extends Error {
  override readonly name = 'WorkerBundleError';
}

/** Size and modification time of each input of the bundle, as recorded when it was built. */
type Stamps = Record<string, string>;

async function stampOf(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.size}:${s.mtimeMs}`;
}

async function isFresh(paths: BundlePaths): Promise<boolean> {
  try {
    const recorded: unknown = JSON.parse(await readFile(paths.inputs, 'utf8'));
    if (typeof recorded !== 'object' || recorded === null) return false;
    await stat(paths.bundle);
    const entries = Object.entries(recorded);
    if (entries.length === 0) return false;
    const now = await Promise.all(entries.map(([file]) => stampOf(file)));
    return entries.every(([, stamp], i) => stamp === now[i]);
  } catch {
    return false;
  }
}

/**
 * The path of the worker bundle: worker-entry.ts with the engine and the statistics package in one
 * CommonJS file, built with esbuild on first use and rebuilt when any of its inputs changes (their sizes
 * and modification times are recorded beside it). Loading one file instead of some 500 modules through a
 * TypeScript loader is what makes a worker start in tens of milliseconds.
 * @returns Absolute path of the bundle.
 * @throws WorkerBundleError naming the cache folder if esbuild cannot build the bundle there.
 */
export function workerBundle(): Promise<string> {
  return bundleOf(ENTRY, 'worker');
}

/**
 * The path of the bundle of another worker entry of this folder (the patient-level twin's), built, cached
 * and checked like {@link workerBundle}'s.
 * @param entry - Absolute path of the entry module.
 * @param name - File name of the bundle in the cache (without extension).
 * @throws WorkerBundleError naming the cache folder if esbuild cannot build the bundle there.
 */
export function bundleOf(entry: string, name: string): Promise<string> {
  // One check or build at a time per bundle in a process: concurrent runs share it.
  let pending = building.get(name);
  if (pending === undefined) {
    pending = buildIfStale(pathsOf(entry, name))
      .catch((cause: unknown) => {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new WorkerBundleError(
          `cannot build the simulation worker bundle in ${CACHE} (${why}); --workers 1 runs without it`,
          { cause },
        );
      })
      .finally(() => {
        building.delete(name);
      });
    building.set(name, pending);
  }
  return pending;
}

const building = new Map<string, Promise<string>>();

async function buildIfStale(paths: BundlePaths): Promise<string> {
  if (await isFresh(paths)) return paths.bundle;
  const { build } = await import('esbuild');
  await mkdir(CACHE, { recursive: true });
  const temporary = `${paths.bundle}.${process.pid}.${Date.now()}.tmp`;
  const result = await build({
    entryPoints: [paths.entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: temporary,
    metafile: true,
    // Half the size to parse at each worker's start; names kept so that stack traces stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
  });
  const root = process.cwd();
  const stamps: Stamps = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const file = resolve(root, input);
    stamps[file] = await stampOf(file);
  }
  // Rename is atomic: concurrent runs see either the old bundle or the new one, never half of one.
  await rename(temporary, paths.bundle);
  await writeFile(`${paths.inputs}.${process.pid}.tmp`, JSON.stringify(stamps));
  await rename(`${paths.inputs}.${process.pid}.tmp`, paths.inputs);
  return paths.bundle;
}
