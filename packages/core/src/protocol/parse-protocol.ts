import { isScalar, LineCounter, parseDocument } from 'yaml';
import type { CompiledEligibility } from '../eligibility/compile-eligibility.js';
import { checkProtocolReferences } from './check-references.js';
import { compileAllRules, type RuleFailure } from './compile-all-rules.js';
import { formatPath, type ProtocolIssue, ProtocolInvalidError } from './protocol-issue.js';
import { type Protocol, ProtocolSchema } from './schema.js';
import { locateNode, scalarSourceOffset, startOf } from './yaml-locate.js';
import { describeZodIssues, type StructuralIssue } from './zod-issues.js';

/** A protocol that loaded: the parsed file and its eligibility rules, compiled and type-checked. */
export interface LoadedProtocol {
  readonly fileName: string;
  readonly protocol: Protocol;
  readonly eligibility: CompiledEligibility;
}

type Doc = ReturnType<typeof parseDocument>;

function at(
  fileName: string,
  lines: LineCounter,
  offset: number,
  path: string,
  message: string,
): ProtocolIssue {
  const { line, col } = lines.linePos(offset);
  return { file: fileName, line, column: col, path, message };
}

function structuralIssue(fileName: string, doc: Doc, lines: LineCounter, s: StructuralIssue): ProtocolIssue {
  const found = locateNode(doc, s.path);
  const node = s.atKey === true ? (found.key ?? found.node) : found.node;
  return at(fileName, lines, startOf(node ?? found.nearest), formatPath(s.path), s.message);
}

function ruleIssue(
  fileName: string,
  text: string,
  doc: Doc,
  lines: LineCounter,
  f: RuleFailure,
): ProtocolIssue {
  const path = rulePathSegments(f.rulePath);
  const found = locateNode(doc, path);
  const node = found.node;
  const offset = isScalar(node) ? scalarSourceOffset(text, node, f.offset) : startOf(node ?? found.nearest);
  return at(fileName, lines, offset, f.rulePath, f.message);
}

/** `eligibility.inclusion[2].rule` -> ['eligibility', 'inclusion', 2, 'rule']. */
function rulePathSegments(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

function byPosition(a: ProtocolIssue, b: ProtocolIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * Parses and checks a protocol file: YAML syntax, the `ProtocolSchema`, references between sections, and
 * every eligibility rule (unknown names, impossible units and undefined anchors are rejected here, not at
 * evaluation). Pure: the caller reads the file.
 * @param text - The YAML text.
 * @param fileName - Used in messages (`protocols/infinity.yaml`).
 * @returns The protocol and its compiled eligibility.
 * @throws ProtocolInvalidError (`protocol.invalid`) listing every problem found, each with file, line,
 *   column, path, what was found and what was expected:
 *   `protocols/x.yaml:41:13: eligibility.inclusion[2].rule: unknown name "mhladr": not a variable, anchor, parameter, definition or function`.
 * @example parseProtocol(readFileSync('protocols/infinity.yaml', 'utf8'), 'protocols/infinity.yaml').protocol.id // => 'infinity'
 */
export function parseProtocol(text: string, fileName: string): LoadedProtocol {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ProtocolInvalidError(
      doc.errors.map((e) => at(fileName, lines, e.pos[0], '', `YAML syntax: ${e.message}`)).sort(byPosition),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = ProtocolSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const issues = describeZodIssues(ProtocolSchema, parsed.error.issues);
    throw new ProtocolInvalidError(
      issues.map((s) => structuralIssue(fileName, doc, lines, s)).sort(byPosition),
    );
  }
  const protocol = parsed.data;
  const references = checkProtocolReferences(protocol);
  const issues = references.map((s) => structuralIssue(fileName, doc, lines, s));
  // A parameter in a bad unit would make every rule that uses it fail too: report the parameter alone.
  const badParameter = references.some((s) => s.path[0] === 'eligibility' && s.path[1] === 'parameters');
  const { compiled, failures } = badParameter
    ? { compiled: undefined, failures: [] }
    : compileAllRules(protocol.id, protocol.eligibility);
  issues.push(...failures.map((f) => ruleIssue(fileName, text, doc, lines, f)));
  if (compiled === undefined && issues.length === 0) {
    issues.push(at(fileName, lines, 0, 'eligibility', 'the eligibility rules did not compile'));
  }
  if (issues.length > 0 || compiled === undefined) throw new ProtocolInvalidError(issues.sort(byPosition));
  return { fileName, protocol, eligibility: compiled };
}
