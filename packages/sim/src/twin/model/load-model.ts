import { parse } from 'yaml';
import { parseYamlFile, TwinFileInvalidError, type TwinFileIssue } from '../yaml-file.js';
import { type TwinModel, TwinModelSchema } from './model-schema.js';

/** Where one parameter's value comes from, for the documentation and the calibration report. */
export interface ParameterProvenance {
  /** Dotted path, e.g. `infection.baseline_per_day`. */
  readonly path: string;
  readonly value: unknown;
  /** A source id of the file, or undefined when assumed. */
  readonly source: string | undefined;
  /** The source's note, or the rationale of an assumed value. */
  readonly note: string | undefined;
  readonly assumed: boolean;
}

/** A model file that loaded: its parameters and where each comes from. */
export interface LoadedTwinModel {
  readonly model: TwinModel;
  readonly provenance: readonly ParameterProvenance[];
  readonly sources: TwinModel['sources'];
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function collect(node: unknown, path: string[], out: ParameterProvenance[]): void {
  if (!isRecord(node)) return;
  if ('value' in node && ('source' in node || 'assumed' in node)) {
    const source = typeof node['source'] === 'string' ? node['source'] : undefined;
    const note = node['note'] ?? node['rationale'];
    out.push({
      path: path.join('.'),
      value: node['value'],
      source,
      note: typeof note === 'string' ? note : undefined,
      assumed: node['assumed'] === true,
    });
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'sources') collect(child, [...path, key], out);
  }
}

/**
 * Parses and checks a natural-history model file (docs/twin.md): YAML syntax, the schema (every parameter
 * with a source or `assumed: true` and a rationale), and that every source named is listed in `sources`.
 * Pure: the caller reads the file.
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @throws TwinFileInvalidError (`twin.invalid`) listing every located problem:
 *   `m.yaml:40:3: infection.baseline_per_day: a parameter needs a source (an id of sources) or assumed: true with a rationale`.
 * @example parseTwinModel(text, 'packages/sim/models/icu-immunosuppression.yaml').model.infection.first_day // => 2
 */
export function parseTwinModel(text: string, fileName: string): LoadedTwinModel {
  const { data, locate } = parseYamlFile(TwinModelSchema, text, fileName);
  const provenance: ParameterProvenance[] = [];
  collect(parse(text), [], provenance);
  const known = new Set(data.sources.map((s) => s.id));
  const issues: TwinFileIssue[] = [];
  for (const p of provenance) {
    if (p.source !== undefined && !known.has(p.source)) {
      issues.push(
        locate(
          [...p.path.split('.'), 'source'],
          `source "${p.source}" is not listed in sources (${[...known].join(', ')})`,
        ),
      );
    }
  }
  if (issues.length > 0) throw new TwinFileInvalidError(issues);
  return { model: data, provenance, sources: data.sources };
}
