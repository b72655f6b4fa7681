import type { ServerDeps } from './deps.js';
import { type OverdueSweepReport, sweepOverdueDoses } from './use-cases/overdue-doses.js';

/** The default period of the overdue-dose sweep (ms): 10 minutes. */
export const OVERDUE_SWEEP_INTERVAL_MS = 10 * 60_000;

/** A running sweeper. */
export interface OverdueSweeper {
  /** Stops the timer and waits for a sweep in progress (call before closing the database). */
  readonly stop: () => Promise<void>;
}

/**
 * Sweeps overdue doses now and then every `intervalMs` (`sweepOverdueDoses`). The timer is unref'd, so it
 * never keeps the process alive; a sweep still running when the next is due is not doubled.
 * @param onReport - Called after each sweep (for logs).
 * @param onError - Called when a sweep fails as a whole (the database is unreachable, say).
 */
export function startOverdueSweeps(
  deps: ServerDeps,
  handlers: {
    readonly onReport?: (report: OverdueSweepReport) => void;
    readonly onError?: (error: unknown) => void;
  } = {},
  intervalMs: number = OVERDUE_SWEEP_INTERVAL_MS,
): OverdueSweeper {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = (): void => {
    if (running !== undefined || stopped) return;
    running = sweepOverdueDoses(deps)
      .then(
        (report) => handlers.onReport?.(report),
        (error: unknown) => handlers.onError?.(error),
      )
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
