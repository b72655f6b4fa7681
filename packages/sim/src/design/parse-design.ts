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
import type { CompiledDesign } from './compiled-design.js';
import { compileDesign } from './compile-design.js';
import { DesignFileSchema } from './design-schema.js';

/** One problem in a design file: file, 1-based line and column, path and message (as protocol issues). */
export type DesignIssue = ProtocolIssue;

/** A design file that does not load; `issues` lists every located problem, in file order. */
export class DesignInvalidError extends TrialError {
  readonly issues: readonly DesignIssue[];
  constructor(issues: readonly DesignIssue[]) {
    super('design.invalid', issues.map(formatProtocolIssue).join('\n'), issues[0]?.path);
    this.name = 'DesignInvalidError';
    this.issues = issues;
  }
}

type Doc = ReturnType<typeof parseDocument>;

function locate(fileName: string, doc: Doc, lines: LineCounter, s: StructuralIssue): DesignIssue {
  const found = locateNode(doc, s.path);
  const node = s.atKey === true ? (found.key ?? found.node) : found.node;
  const { line, col } = lines.linePos(startOf(node ?? found.nearest));
  return { file: fileName, line, column: col, path: formatPath(s.path), message: s.message };
}

function byPosition(a: DesignIssue, b: DesignIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Parses and checks a design file (docs/simulation.md): YAML syntax, the schema, then what the schema
 * cannot see (arms named in scenarios and control, one weight per arm and one threshold per look,
 * increasing looks, the outcome's prior), and compiles it. Pure: the caller reads the file.
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @throws DesignInvalidError (`design.invalid`) listing every problem with file, line, column and path:
 *   `d.yaml:3:13: control: expected one of the arms (placebo, interferon), found "placebos"`.
 * @example parseDesign('outcome: binary\n...', 'examples/designs/platinium-like.yaml').arms // => ['placebo', 'interferon']
 */
export function parseDesign(text: string, fileName: string): CompiledDesign {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    // `null:` names a scenario: keys stay text (YAML would read it as the null value).
    stringKeys: true,
  });
  if (doc.errors.length > 0) {
    throw new DesignInvalidError(
      doc.errors
        .map((e) => {
          const { line, col } = lines.linePos(e.pos[0]);
          return { file: fileName, line, column: col, path: '', message: `YAML syntax: ${e.message}` };
        })
        .sort(byPosition),
    );
  }
  const parsed = DesignFileSchema.safeParse(doc.toJS(), { reportInput: true });
  if (!parsed.success) {
    const issues = describeZodIssues(DesignFileSchema, parsed.error.issues);
    throw new DesignInvalidError(issues.map((s) => locate(fileName, doc, lines, s)).sort(byPosition));
  }
  const { design, issues } = compileDesign(parsed.data);
  if (design === undefined || issues.length > 0) {
    throw new DesignInvalidError(issues.map((s) => locate(fileName, doc, lines, s)).sort(byPosition));
  }
  return design.name === '' ? { ...design, name: fileName } : design;
}
