/** A step of the demo's story: what a person does at a time. */
interface Step {
  readonly at: number;
  readonly order: number;
  readonly run: () => Promise<void>;
}

/**
 * The demo's clock and agenda. Steps run one at a time in time order (ties in the order they were
 * planned), with the clock the use cases read set to each step's time, so every record and audit event
 * carries the time it would have had. A step may plan later steps.
 */
export class DemoSchedule {
  private readonly steps: Step[] = [];
  private planned = 0;
  private nowMs: number;

  /** @param start - The clock's first reading (ms). @param end - Steps after this are dropped (now). */
  constructor(
    start: number,
    readonly end: number,
  ) {
    this.nowMs = start;
  }

  /** The clock, for `createDeps(db, { clock })`. */
  readonly clock = (): number => this.nowMs;

  /** Moves the clock (setup steps); never backwards. */
  advanceTo(ms: number): void {
    this.nowMs = Math.max(this.nowMs, ms);
  }

  /** Plans `run` at `at` (ms); a time in the past runs next, a time after the end never. */
  at(at: number, run: () => Promise<void>): void {
    if (at > this.end) return;
    this.steps.push({ at: Math.max(at, this.nowMs), order: this.planned++, run });
  }

  /** Runs every planned step, and those they plan, in time order. */
  async run(): Promise<void> {
    for (;;) {
      let next = -1;
      for (let i = 0; i < this.steps.length; i++) {
        const s = this.steps[i];
        const best = next < 0 ? undefined : this.steps[next];
        if (
          s !== undefined &&
          (best === undefined || s.at < best.at || (s.at === best.at && s.order < best.order))
        )
          next = i;
      }
      if (next < 0) return;
      const [step] = this.steps.splice(next, 1);
      if (step === undefined) return;
      this.advanceTo(step.at);
      await step.run();
    }
  }
}
