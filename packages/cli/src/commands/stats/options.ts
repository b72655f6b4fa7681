import { UsageError } from '../../io.js';

type Options = Readonly<Record<string, unknown>>;

/** A string option, or undefined when absent. */
export function stringOption(options: Options, key: string): string | undefined {
  const v = options[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${kebab(key)}: expected a value`);
  return v;
}

/** A required string option. */
export function requiredString(options: Options, key: string): string {
  const v = stringOption(options, key);
  if (v === undefined || v === '') throw new UsageError(`--${kebab(key)} is required`);
  return v;
}

/** A number option (default when absent). */
export function numberOption(options: Options, key: string, fallback?: number): number {
  const text = stringOption(options, key);
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${kebab(key)} is required`);
    return fallback;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`--${kebab(key)}: expected a number, got '${text}'`);
  return value;
}

/** A comma-separated list of numbers, e.g. --information-rates 0.5,1. */
export function numberListOption(options: Options, key: string): number[] | undefined {
  const text = stringOption(options, key);
  if (text === undefined) return undefined;
  return text.split(',').map((part) => {
    const value = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(value)) {
      throw new UsageError(`--${kebab(key)}: expected comma-separated numbers, got '${text}'`);
    }
    return value;
  });
}

/** A comma-separated list of names. */
export function listOption(options: Options, key: string): string[] {
  const text = stringOption(options, key);
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((s) => s.trim());
}

/** A boolean given as true/false (also TRUE/FALSE as in R). */
export function booleanOption(options: Options, key: string, fallback: boolean): boolean {
  const v = options[key];
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new UsageError(`--${kebab(key)}: expected true or false, got ${JSON.stringify(v)}`);
}

/** One of a fixed set of values. */
export function choiceOption<T extends string>(
  options: Options,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = stringOption(options, key);
  if (text === undefined) return fallback;
  const found = choices.find((c) => c === text);
  if (found === undefined)
    throw new UsageError(`--${kebab(key)}: expected one of ${choices.join(', ')}, got '${text}'`);
  return found;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
