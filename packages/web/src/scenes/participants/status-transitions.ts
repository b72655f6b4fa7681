// The status changes a person may make, mirrored from the server's MANUAL_TRANSITIONS
// (packages/server/src/use-cases/participants.ts). The server does not list them in any response, so the UI
// keeps this copy to offer only what would succeed; the server still refuses anything else and its message is
// shown (status-transitions.test.ts pins the table so that a drift is a visible change here).

/** A status a person can set by hand. */
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
 * The statuses a participant may be moved to by hand from `status` (none from `dead` or `screen_failed`, and
 * none from a status the web app does not know).
 * @example allowedTransitions('on_treatment') // => ['follow_up', 'withdrawn', 'dead']
 */
export function allowedTransitions(status: string): readonly ManualStatus[] {
  return Object.hasOwn(MANUAL_TRANSITIONS, status) ? (MANUAL_TRANSITIONS[status] ?? []) : [];
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
