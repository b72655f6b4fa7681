/** How a pointwise confidence interval for a survival probability is formed (survfit's conf.type). */
export type ConfType = 'log' | 'log-log' | 'plain';

/** A pointwise interval; NaN where R reports NA (e.g. survival 0 on the log scale). */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Pointwise confidence interval for a survival probability S with standard error `seLog` of -log S
 * (Greenwood), as `survival::survfit` forms it (Kalbfleisch and Prentice 2002, section 1.3):
 * - `log`: exp(log S -+ z se), the upper limit capped at 1;
 * - `log-log`: exp(-exp(log(-log S) +- z se / |log S|)), undefined at S = 0 and S = 1;
 * - `plain`: S -+ z se S, clipped to [0, 1].
 * @param surv - Survival probability.
 * @param seLog - Standard error of -log S (R's `fit$std.err`).
 * @param z - Normal critical value, e.g. 1.959964 for 95%.
 * @param type - The scale of the interval.
 * @example survivalInterval(0.875, 0.1336306, 1.959964, 'log') // => { lower: 0.6733819, upper: 1 }
 */
export function survivalInterval(surv: number, seLog: number, z: number, type: ConfType): Interval {
  switch (type) {
    case 'log': {
      if (surv === 0) return { lower: Number.NaN, upper: Number.NaN };
      const logS = Math.log(surv);
      return { lower: Math.exp(logS - z * seLog), upper: Math.min(1, Math.exp(logS + z * seLog)) };
    }
    case 'log-log': {
      if (surv === 0 || surv === 1) return { lower: Number.NaN, upper: Number.NaN };
      const logS = Math.log(surv);
      const centre = Math.log(-logS);
      const half = (z * seLog) / -logS;
      return { lower: Math.exp(-Math.exp(centre + half)), upper: Math.exp(-Math.exp(centre - half)) };
    }
    case 'plain': {
      const half = z * seLog * surv;
      return { lower: Math.max(0, surv - half), upper: Math.min(1, surv + half) };
    }
  }
}

/** Throws unless `type` is one of the conf.type values survfit accepts. */
export function checkConfType(type: string): asserts type is ConfType {
  if (type !== 'log' && type !== 'log-log' && type !== 'plain') {
    throw new RangeError(`confType is "${type}"; expected log, log-log or plain`);
  }
}
