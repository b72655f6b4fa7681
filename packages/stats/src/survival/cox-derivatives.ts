/**
 * Rows of a Cox model sorted for the risk-set sums: by stratum, then time ascending. The covariates
 * are centred (and scaled) so that exp(x'beta) stays in range; the partial likelihood does not change.
 */
export interface CoxRiskData {
  readonly n: number;
  readonly p: number;
  /** Row-major n x p covariates in sorted order. */
  readonly x: Float64Array;
  readonly time: Float64Array;
  /** 1 for an event, 0 for censoring. */
  readonly status: Uint8Array;
  /** Exclusive end index of each stratum in sorted order. */
  readonly strataEnd: Int32Array;
}

/** The log partial likelihood at beta with its gradient and negative Hessian. */
export interface CoxDerivatives {
  loglik: number;
  readonly score: Float64Array;
  /** Row-major p x p observed information (full symmetric storage). */
  readonly information: Float64Array;
}

/** Work arrays reused across iterations. */
export interface CoxWorkspace {
  readonly risk: Float64Array;
  readonly linear: Float64Array;
  readonly s1: Float64Array;
  readonly s2: Float64Array;
  readonly d1: Float64Array;
  readonly d2: Float64Array;
}

export function createCoxWorkspace(n: number, p: number): CoxWorkspace {
  return {
    risk: new Float64Array(n),
    linear: new Float64Array(n),
    s1: new Float64Array(p),
    s2: new Float64Array(p * p),
    d1: new Float64Array(p),
    d2: new Float64Array(p * p),
  };
}

/**
 * Log partial likelihood, score and information of the Cox model with Breslow's or Efron's
 * approximation for tied event times (Efron 1977; Therneau and Grambsch 2000, section 3.3), in one
 * pass from the last time back, so the cost is O(n p^2). With d tied events at t, Efron's version
 * replaces the risk-set sums S by S - (k / d) D for k = 0..d-1, D being the sums over the d events.
 */
export function coxDerivatives(
  data: CoxRiskData,
  beta: Float64Array,
  efron: boolean,
  work: CoxWorkspace,
  out: CoxDerivatives,
): void {
  const { n, p, x, time, status, strataEnd } = data;
  const { risk, linear, s1, s2, d1, d2 } = work;
  const score = out.score;
  const information = out.information;
  score.fill(0);
  information.fill(0);
  let loglik = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += (x[i * p + j] ?? 0) * (beta[j] ?? 0);
    linear[i] = eta;
    risk[i] = Math.exp(eta);
  }
  let stratumStart = 0;
  for (const stratumEnd of strataEnd) {
    let s0 = 0;
    s1.fill(0);
    s2.fill(0);
    let i = stratumEnd - 1;
    while (i >= stratumStart) {
      const t = time[i];
      let deaths = 0;
      let dr = 0;
      d1.fill(0);
      d2.fill(0);
      // Add everyone with time t to the risk set; keep the events' own sums for Efron and the score.
      while (i >= stratumStart && time[i] === t) {
        const r = risk[i] ?? 0;
        const row = i * p;
        s0 += r;
        for (let j = 0; j < p; j++) {
          const rx = r * (x[row + j] ?? 0);
          s1[j] = (s1[j] ?? 0) + rx;
          for (let k = 0; k <= j; k++) s2[j * p + k] = (s2[j * p + k] ?? 0) + rx * (x[row + k] ?? 0);
        }
        if (status[i] === 1) {
          deaths++;
          dr += r;
          loglik += linear[i] ?? 0;
          for (let j = 0; j < p; j++) {
            const xj = x[row + j] ?? 0;
            score[j] = (score[j] ?? 0) + xj;
            const rx = r * xj;
            d1[j] = (d1[j] ?? 0) + rx;
            for (let k = 0; k <= j; k++) d2[j * p + k] = (d2[j * p + k] ?? 0) + rx * (x[row + k] ?? 0);
          }
        }
        i--;
      }
      if (deaths === 0) continue;
      // Efron: the d tied events see denominators S0 - (k/d) D0, k = 0..d-1. Every term is a
      // scalar sum over k times S or D, so a tied group costs O(d + p^2) rather than O(d p^2).
      let a0 = 0; // sum 1 / den
      let a1 = 0; // sum f / den
      let b0 = 0; // sum 1 / den^2
      let b1 = 0; // sum f / den^2
      let b2 = 0; // sum f^2 / den^2
      if (efron) {
        for (let step = 0; step < deaths; step++) {
          const f = step / deaths;
          const inverse = 1 / (s0 - f * dr);
          loglik += Math.log(inverse);
          a0 += inverse;
          a1 += f * inverse;
          const inverse2 = inverse * inverse;
          b0 += inverse2;
          b1 += f * inverse2;
          b2 += f * f * inverse2;
        }
      } else {
        const inverse = 1 / s0;
        loglik -= deaths * Math.log(s0);
        a0 = deaths * inverse;
        b0 = deaths * inverse * inverse;
      }
      for (let j = 0; j < p; j++) {
        const s1j = s1[j] ?? 0;
        const d1j = d1[j] ?? 0;
        score[j] = (score[j] ?? 0) - (s1j * a0 - d1j * a1);
        for (let k = 0; k <= j; k++) {
          const s1k = s1[k] ?? 0;
          const d1k = d1[k] ?? 0;
          const second = (s2[j * p + k] ?? 0) * a0 - (d2[j * p + k] ?? 0) * a1;
          const outer = s1j * s1k * b0 - (s1j * d1k + d1j * s1k) * b1 + d1j * d1k * b2;
          information[j * p + k] = (information[j * p + k] ?? 0) + second - outer;
        }
      }
    }
    stratumStart = stratumEnd;
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) information[k * p + j] = information[j * p + k] ?? 0;
  }
  out.loglik = loglik;
}
