import type { Evidence } from '../types.js';

/**
 * One APACHE II component over the window: exact, or bounded when its data is missing. Components are small
 * class instances: the evidence and the text of what decided are written only when asked for (status-only
 * screening never reads the text).
 */
export interface ApacheComponent {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  /** Appends the evidence of what decided the component (in the order a reason cites it). */
  addEvidence(out: Evidence[]): void;
  /** The deciding value, or why the component is bounded. */
  detail(): string;
}

/** A component without data: 0 to its maximum points. */
export class MissingComponent implements ApacheComponent {
  readonly label: string;
  readonly lo = 0;
  readonly hi: number;
  readonly #why: string;

  constructor(label: string, hi: number, why = 'no value') {
    this.label = label;
    this.hi = hi;
    this.#why = why;
  }

  addEvidence(): void {
    // Nothing decided it.
  }

  detail(): string {
    return this.#why;
  }
}
