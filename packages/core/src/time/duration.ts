/** Instants are epoch milliseconds (UTC); durations are milliseconds. */
export type Instant = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Hours to milliseconds. @example hours(96) // => 345600000 */
export function hours(n: number): number {
  return n * HOUR_MS;
}

/** Days (of 24 h) to milliseconds. @example days(1) // => 86400000 */
export function days(n: number): number {
  return n * DAY_MS;
}
