/** Statuses a person sets by hand (screening, consent, randomization and the first dose set the others). */
export type ManualStatus = 'on_treatment' | 'follow_up' | 'completed' | 'withdrawn' | 'dead';

const MANUAL_TRANSITIONS: Readonly<Record<string, readonly ManualStatus[]>> = {
  screened: ['withdrawn', 'dead'],
  consented: ['withdrawn', 'dead'],
  randomized: ['on_treatment', 'follow_up', 'withdrawn', 'dead'],
  on_treatment: ['follow_up', 'withdrawn', 'dead'],
  follow_up: ['completed', 'withdrawn', 'dead'],
  completed: ['dead'],
  withdrawn: ['dead'],
};

/**
 * The statuses a participant may be moved to by hand from `status`: what `changeStatus` accepts, and what the
 * participant view lists so that the web app offers exactly that (none after a death or a screen failure).
 * @example nextStatusesOf('on_treatment') // => ['follow_up', 'withdrawn', 'dead']
 */
export function nextStatusesOf(status: string): readonly ManualStatus[] {
  return Object.hasOwn(MANUAL_TRANSITIONS, status) ? (MANUAL_TRANSITIONS[status] ?? []) : [];
}
