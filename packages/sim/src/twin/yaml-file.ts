import {
  describeZodIssues,
  formatPath,
  formatProtocolIssue,
  locateNode,
  type ProtocolIssue,
  startOf,
  type StructuralIssue,
  TrialError,
} from '@immunotrial/core';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';

/** One problem in a twin file (model or scenario): file, 1-based line and column, path and message. */
export type TwinFileIssue = ProtocolIssue;

/** A model or scenario file that does not load; `issues` lists every located problem, in file order. */
export class TwinFileInvalidError extends TrialError {
  readonly issues: readonly TwinFileIssue[];
  constructor(issues: readonly TwinFileIssue[]) {
    super('twin.invalid', issues.map(formatProtocolIssue).join('\n'), issues[0]?.path);
    this.name = 'TwinFileInvalidError';
    this.issues = issues;
  }
}

/** A parsed YAML document with a way to place a path in the file. */
export interface LocatedYaml<T> {
  readonly data: T;
  /** The file position of a path (for problems found after the schema). */
  readonly locate: (path: readonly PropertyKey[], message: string) => TwinFileIssue;
}

function byPosition(a: TwinFileIssue, b: TwinFileIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Parses a YAML file against a zod schema, as protocol and design files are parsed: every syntax or schema
 * problem is reported with its file, line, column and path. Keys stay text (`null:` names a scenario).
 * @param schema - The file's schema.
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @throws TwinFileInvalidError (`twin.invalid`) listing every problem.
 * @example parseYamlFile(ScenarioFileSchema, 'effects: {}', 's.yaml').data.effects // => {}
 */
export function parseYamlFile<S extends z.ZodType>(
  schema: S,
  text: string,
  fileName: string,
): LocatedYaml<z.output<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    stringKeys: true,
  });
  const place = (s: StructuralIssue): TwinFileIssue => {
    const found = locateNode(doc, s.path);
    const node = s.atKey === true ? (found.key ?? found.node) : found.node;
    const { line, col } = lines.linePos(startOf(node ?? found.nearest));
    return { file: fileName, line, column: col, path: formatPath(s.path), message: s.message };
  };
  if (doc.errors.length > 0) {
    throw new TwinFileInvalidError(
      doc.errors
        .map((e) => {
          const { line, col } = lines.linePos(e.pos[0]);
          return { file: fileName, line, column: col, path: '', message: `YAML syntax: ${e.message}` };
        })
        .sort(byPosition),
    );
  }
  const parsed = schema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    const issues = describeZodIssues(schema, parsed.error.issues);
    throw new TwinFileInvalidError(issues.map(place).sort(byPosition));
  }
  return { data: parsed.data, locate: (path, message) => place({ path, message }) };
}
