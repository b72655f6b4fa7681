/** Three-valued (Kleene) truth: missing data gives `unknown`, never `not_met`. */
export type Kleene = 'met' | 'not_met' | 'unknown';

/** Kleene conjunction: false wins, then unknown. @example and3('met', 'unknown') // => 'unknown' */
export function and3(...values: readonly Kleene[]): Kleene {
  if (values.includes('not_met')) return 'not_met';
  if (values.includes('unknown')) return 'unknown';
  return 'met';
}

/** Kleene disjunction: true wins, then unknown. @example or3('not_met', 'unknown') // => 'unknown' */
export function or3(...values: readonly Kleene[]): Kleene {
  if (values.includes('met')) return 'met';
  if (values.includes('unknown')) return 'unknown';
  return 'not_met';
}

/** Kleene negation. @example not3('unknown') // => 'unknown' */
export function not3(value: Kleene): Kleene {
  if (value === 'met') return 'not_met';
  if (value === 'not_met') return 'met';
  return 'unknown';
}

/** Maps a boolean to a Kleene value. */
export function fromBoolean(value: boolean): Kleene {
  return value ? 'met' : 'not_met';
}
