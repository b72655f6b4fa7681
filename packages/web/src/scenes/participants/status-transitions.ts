/** A status a person can set by hand. */
export type ManualStatus = 'on_treatment' | 'follow_up' | 'completed' | 'withdrawn' | 'dead';

const MANUAL_STATUSES: readonly string[] = ['on_treatment', 'follow_up', 'completed', 'withdrawn', 'dead'];

/**
 * The statuses this form can set among those the server offers next (`nextStatuses` of the participant);
 * a status the web app does not know is left out rather than offered without its fields.
 * @example manualStatusesOf(['follow_up', 'paused', 'dead']) // => ['follow_up', 'dead']
 */
export function manualStatusesOf(next: readonly string[]): ManualStatus[] {
  return next.filter((s): s is ManualStatus => MANUAL_STATUSES.includes(s));
}

/** Whether a change cannot be taken back (the server allows nothing after `dead`, only `dead` after `withdrawn`). */
export function isIrreversible(status: ManualStatus): boolean {
  return status === 'withdrawn' || status === 'dead';
}

/** A status as people read it. */
export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.replace(/_/g, ' ');
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  on_treatment: 'on treatment',
  follow_up: 'in follow-up',
  completed: 'completed',
  withdrawn: 'withdrawn',
  dead: 'died',
  screen_failed: 'screen failed',
};
