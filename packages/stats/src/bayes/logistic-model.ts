/** Data and normal priors of a Bayesian logistic regression logit P(y = 1) = X b. */
export interface LogisticModel {
  /** Outcome per patient, 0 or 1. */
  readonly y: readonly number[];
  /** Design matrix by column, the intercept included as a column of ones when wanted. */
  readonly columns: readonly (readonly number[])[];
  /** Column names, e.g. ['(Intercept)', 'armtreatment', 'baseline']. */
  readonly names: readonly string[];
  /** Prior means of the coefficients (default 0 each). */
  readonly priorMean?: readonly number[];
  /** Prior standard deviations of the coefficients (independent normal priors). */
  readonly priorSd: readonly number[];
}

/** A validated model with priors filled in. */
export interface CheckedModel {
  readonly y: readonly number[];
  readonly columns: readonly (readonly number[])[];
  readonly names: readonly string[];
  readonly priorMean: readonly number[];
  readonly priorSd: readonly number[];
  readonly n: number;
  readonly p: number;
}

/** Validates a LogisticModel: lengths, 0/1 outcomes, finite covariates, positive prior SDs. */
export function checkLogisticModel(model: LogisticModel, where: string): CheckedModel {
  const n = model.y.length;
  const p = model.columns.length;
  if (n === 0) throw new RangeError(`${where}: no observations`);
  if (p === 0) throw new RangeError(`${where}: no coefficients`);
  if (model.names.length !== p)
    throw new RangeError(`${where}: ${model.names.length} names for ${p} columns`);
  model.y.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw new RangeError(`${where}: y[${i}] must be 0 or 1, got ${v}`);
  });
  model.columns.forEach((c, j) => {
    if (c.length !== n)
      throw new RangeError(`${where}: column '${model.names[j] ?? j}' has ${c.length} values, y has ${n}`);
    c.forEach((v, i) => {
      if (!Number.isFinite(v))
        throw new RangeError(`${where}: ${model.names[j] ?? j}[${i}] must be finite, got ${v}`);
    });
  });
  const priorMean = model.priorMean ?? new Array<number>(p).fill(0);
  if (priorMean.length !== p || model.priorSd.length !== p) {
    throw new RangeError(`${where}: priorMean and priorSd need ${p} values each`);
  }
  model.priorSd.forEach((s, j) => {
    if (!(s > 0 && Number.isFinite(s))) {
      throw new RangeError(
        `${where}: prior sd of '${model.names[j] ?? j}' must be a finite number > 0, got ${s}`,
      );
    }
  });
  return { y: model.y, columns: model.columns, names: model.names, priorMean, priorSd: model.priorSd, n, p };
}

/** Linear predictor X b for observation i. */
export function linearPredictor(model: CheckedModel, beta: readonly number[], i: number): number {
  let eta = 0;
  for (let j = 0; j < model.p; j++) eta += (model.columns[j]?.[i] ?? 0) * (beta[j] ?? 0);
  return eta;
}
