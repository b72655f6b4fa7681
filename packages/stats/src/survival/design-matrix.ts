import { codeGroups } from './group-levels.js';
import { checkFinite } from './validate.js';

/** A numeric covariate: one column of the design matrix. */
export interface NumericCovariate {
  readonly name: string;
  readonly values: readonly number[];
}

/**
 * A factor covariate, coded with treatment contrasts as R's default `contr.treatment`: one 0/1
 * column per level after the first (the reference), named name + level (R's `armtreatment`).
 */
export interface FactorCovariate {
  readonly name: string;
  readonly values: readonly (string | number)[];
  readonly factor: true;
  /** Level order; the first is the reference (default sorted, as an R factor). */
  readonly levels?: readonly string[];
}

export type Covariate = NumericCovariate | FactorCovariate;

/** A design matrix, row-major n x p, with R's column names. */
export interface DesignMatrix {
  readonly columns: readonly string[];
  readonly rows: number;
  readonly values: Float64Array;
}

/**
 * Builds the design matrix of a model formula without intercept (`~ a + b + factor(c)` in coxph).
 * @param covariates - The covariates, in formula order.
 * @param n - The number of rows every covariate must have.
 * @throws RangeError if a covariate has the wrong length, a non-finite value, or no covariate is given.
 */
export function buildDesignMatrix(covariates: readonly Covariate[], n: number): DesignMatrix {
  if (covariates.length === 0) throw new RangeError('covariates is empty: the model needs at least one');
  const columns: string[] = [];
  const blocks: ((row: number) => number)[] = [];
  for (const covariate of covariates) {
    if (covariate.values.length !== n) {
      throw new RangeError(
        `covariate ${covariate.name} has ${covariate.values.length} values but time has ${n}`,
      );
    }
    if ('factor' in covariate) {
      const coding = codeGroups(covariate.values, covariate.name, covariate.levels);
      if (coding.levels.length < 2) {
        throw new RangeError(
          `factor ${covariate.name} has a single level ("${coding.levels[0] ?? ''}"); it needs 2 or more`,
        );
      }
      coding.levels.slice(1).forEach((level, j) => {
        columns.push(`${covariate.name}${level}`);
        blocks.push((row) => (coding.index[row] === j + 1 ? 1 : 0));
      });
    } else {
      const values = covariate.values;
      checkFinite(values, covariate.name);
      columns.push(covariate.name);
      blocks.push((row) => values[row] ?? 0);
    }
  }
  const p = columns.length;
  const values = new Float64Array(n * p);
  blocks.forEach((column, j) => {
    for (let i = 0; i < n; i++) values[i * p + j] = column(i);
  });
  return { columns, rows: n, values };
}
