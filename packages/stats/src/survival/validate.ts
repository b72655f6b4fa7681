// Input checks shared by the survival and competing-risk methods. Messages name the argument, the
// (0-based) position and the value, e.g. "time[12] is negative (-3)".

/** Throws unless every array in `arrays` has the length of the first. */
export function checkSameLength(arrays: Readonly<Record<string, { readonly length: number }>>): number {
  const entries = Object.entries(arrays);
  const first = entries[0];
  if (first === undefined) return 0;
  const [firstName, firstArray] = first;
  for (const [name, array] of entries) {
    if (array.length !== firstArray.length) {
      throw new RangeError(`${firstName} has ${firstArray.length} values but ${name} has ${array.length}`);
    }
  }
  return firstArray.length;
}

/** Throws unless every time is a finite number >= 0 and there is at least one. */
export function checkTimes(time: ArrayLike<number>, name = 'time'): void {
  if (time.length === 0) throw new RangeError(`${name} is empty: at least one observation is needed`);
  for (let i = 0; i < time.length; i++) {
    const t = time[i] ?? Number.NaN;
    if (!Number.isFinite(t)) throw new RangeError(`${name}[${i}] is not a finite number (${t})`);
    if (t < 0) throw new RangeError(`${name}[${i}] is negative (${t})`);
  }
}

/** Throws unless every status is 0 (censored) or 1 (event). */
export function checkStatus01(status: ArrayLike<number>, name = 'status'): void {
  for (let i = 0; i < status.length; i++) {
    const s = status[i];
    if (s !== 0 && s !== 1) throw new RangeError(`${name}[${i}] is ${s}; expected 0 (censored) or 1 (event)`);
  }
}

/** Throws unless every value is a finite number (a covariate, a weight). */
export function checkFinite(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}] is not a finite number (${v})`);
  }
}

/** Throws unless `level` is a confidence level strictly between 0 and 1. */
export function checkConfLevel(level: number, name = 'confLevel'): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`${name} must be in (0, 1), got ${level}`);
}
