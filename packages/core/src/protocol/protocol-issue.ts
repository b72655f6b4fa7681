import { TrialError } from '../errors.js';

/** One problem in a protocol file, located in the file and in the protocol's structure. */
export interface ProtocolIssue {
  readonly file: string;
  /** 1-based line and column in the file. */
  readonly line: number;
  readonly column: number;
  /** Path in the protocol (`eligibility.inclusion[2].rule`); empty for YAML syntax errors. */
  readonly path: string;
  /** What was found and what was expected. */
  readonly message: string;
}

/**
 * One line per issue, as compilers print them.
 * @example formatProtocolIssue({ file: 'p.yaml', line: 41, column: 13, path: 'eligibility.inclusion[2].rule', message: 'unknown name "mhladr"' })
 * // => 'p.yaml:41:13: eligibility.inclusion[2].rule: unknown name "mhladr"'
 */
export function formatProtocolIssue(issue: ProtocolIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path === '' ? `${where}: ${issue.message}` : `${where}: ${issue.path}: ${issue.message}`;
}

/** A protocol file that does not load; `issues` lists every located problem found, in file order. */
export class ProtocolInvalidError extends TrialError {
  readonly issues: readonly ProtocolIssue[];
  constructor(issues: readonly ProtocolIssue[]) {
    super('protocol.invalid', issues.map(formatProtocolIssue).join('\n'), issues[0]?.path);
    this.name = 'ProtocolInvalidError';
    this.issues = issues;
  }
}

/**
 * A structural path as written in messages: `eligibility.inclusion[2].rule`; keys that are not plain
 * names are quoted (`parameters["a b"]`).
 * @example formatPath(['eligibility', 'inclusion', 2, 'rule']) // => 'eligibility.inclusion[2].rule'
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const key = String(seg);
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}
