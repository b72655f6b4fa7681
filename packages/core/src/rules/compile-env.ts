import type { Compiled, FunctionSpec, RuleType, SymbolDomain } from './types.js';

/** A named protocol parameter, in its canonical unit (durations in ms, unit `ms`). */
export interface RuleParameter {
  readonly value: number;
  readonly unit: string;
}

/** A named definition (`definitions:` in the protocol), compiled before the rules that use it. */
export interface RuleDefinition {
  readonly type: RuleType;
  readonly compiled: Compiled;
}

/** Everything a rule may name: functions, anchors, symbols, parameters and definitions. */
export interface CompileEnv {
  readonly functions: ReadonlyMap<string, FunctionSpec>;
  readonly anchors: ReadonlySet<string>;
  readonly symbols: Readonly<Record<SymbolDomain, ReadonlySet<string>>>;
  readonly parameters: ReadonlyMap<string, RuleParameter>;
  readonly definitions: ReadonlyMap<string, RuleDefinition>;
}

/** A rule that does not type-check, with the character span of the offending part. */
export class RuleCheckError extends Error {
  readonly start: number;
  readonly end: number;
  constructor(message: string, start: number, end: number) {
    super(message);
    this.name = 'RuleCheckError';
    this.start = start;
    this.end = end;
  }
}

export function describeType(t: RuleType): string {
  switch (t.t) {
    case 'number':
      return t.unit === '1' ? 'a number' : `a value in ${t.unit}`;
    case 'bool':
      return 'a condition (met / not met)';
    case 'instant':
      return 'a time';
    case 'duration':
      return 'a duration';
    case 'window':
      return 'a window [from, to]';
    case 'string':
      return 'a name';
  }
}
