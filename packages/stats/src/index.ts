// The public API of @immunotrial/stats: an explicit list of exports.
export {};

// distributions, two-arm tests, Bayesian, group-sequential, random
export type { Tail } from './distributions/check.js';
export { normalPdf, normalCdf, normalQuantile } from './distributions/normal.js';
export { tPdf, tCdf, tQuantile } from './distributions/student-t.js';
export { chiSquarePdf, chiSquareCdf, chiSquareQuantile } from './distributions/chi-square.js';
export { fPdf, fCdf, fQuantile } from './distributions/f.js';
export { betaPdf, betaCdf, betaQuantile } from './distributions/beta.js';
export { gammaPdf, gammaCdf, gammaQuantile } from './distributions/gamma.js';
export { binomialPmf, binomialCdf, binomialQuantile } from './distributions/binomial.js';
export {
  hypergeometricPmf,
  hypergeometricCdf,
  hypergeometricQuantile,
} from './distributions/hypergeometric.js';
export type { Alternative } from './two-arm/alternative.js';
export type { TwoByTwo, FisherOptions, FisherResult } from './two-arm/fisher-exact.js';
export { fisherExactTest } from './two-arm/fisher-exact.js';
export type { ArmCount, PropTestOptions, PropTestResult } from './two-arm/prop-test.js';
export { propTest } from './two-arm/prop-test.js';
export type { ChisqTestResult } from './two-arm/chisq-test.js';
export { chisqTest } from './two-arm/chisq-test.js';
export type { IntervalEstimate } from './two-arm/risk.js';
export { riskDifference, relativeRisk } from './two-arm/risk.js';
export type { TTestOptions, TTestResult } from './two-arm/t-test.js';
export { tTest } from './two-arm/t-test.js';
export type { WilcoxonOptions, WilcoxonResult } from './two-arm/wilcoxon.js';
export { wilcoxonTest } from './two-arm/wilcoxon.js';
export type { AncovaInput, AncovaResult, CoefficientRow } from './two-arm/ancova.js';
export { ancova } from './two-arm/ancova.js';
export type { ZeroinResult } from './numeric/zeroin.js';
export { zeroin } from './numeric/zeroin.js';
export type { Integral } from './numeric/gauss-kronrod.js';
export { integrate } from './numeric/gauss-kronrod.js';
export type { RandomSource } from './random/xoshiro128.js';
export { Xoshiro128 } from './random/xoshiro128.js';
export { randomNormal, randomExponential, randomInteger } from './random/variates.js';
export type { BetaParameters, BetaPosterior } from './bayes/beta-binomial.js';
export { betaBinomialPosterior, probabilityLess, probabilityLessClosedForm } from './bayes/beta-binomial.js';
export type { ContrastPosterior } from './bayes/beta-contrast.js';
export {
  riskDifferenceCdf,
  riskRatioCdf,
  riskDifferencePosterior,
  riskRatioPosterior,
} from './bayes/beta-contrast.js';
export type { NormalLogHr, LogHrPosterior } from './bayes/normal-log-hr.js';
export { normalLogHrPosterior, scepticalPrior, enthusiasticPrior } from './bayes/normal-log-hr.js';
export type { LogisticModel } from './bayes/logistic-model.js';
export type { CoefficientPosterior, LaplaceResult } from './bayes/logistic-laplace.js';
export { logisticLaplace } from './bayes/logistic-laplace.js';
export type { GibbsOptions, GibbsResult, SampledCoefficient } from './bayes/logistic-gibbs.js';
export { logisticGibbs } from './bayes/logistic-gibbs.js';
export { randomPolyaGamma } from './bayes/polya-gamma.js';
export type { SequentialBoundaries, CrossingProbabilities } from './group-sequential/probabilities.js';
export { groupSequentialProbabilities } from './group-sequential/probabilities.js';
export type { TypeOfDesign, DesignInput, GroupSequentialDesign } from './group-sequential/design.js';
export { groupSequentialDesign, alphaSpending } from './group-sequential/design.js';
export type { SampleSizeRatesInput, SampleSizeRatesResult } from './group-sequential/sample-size-rates.js';
export { sampleSizeRates } from './group-sequential/sample-size-rates.js';
export type {
  SampleSizeSurvivalInput,
  SampleSizeSurvivalResult,
} from './group-sequential/sample-size-survival.js';
export { sampleSizeSurvival } from './group-sequential/sample-size-survival.js';
// end distributions, two-arm tests, Bayesian, group-sequential, random

// survival and competing risks
export type { ConfType, Interval } from './survival/confidence-band.js';
export { survivalInterval } from './survival/confidence-band.js';
export type { KaplanMeierCurve, KaplanMeierFit, KaplanMeierOptions } from './survival/kaplan-meier.js';
export { kaplanMeier } from './survival/kaplan-meier.js';
export type { QuantileEstimate, SurvivalCurveColumns, SurvivalQuantile } from './survival/km-quantiles.js';
export { survivalQuantiles } from './survival/km-quantiles.js';
export type { SurvivalAtTimes } from './survival/km-summary.js';
export { survivalAtTimes } from './survival/km-summary.js';
export type { LogRankOptions, LogRankResult } from './survival/logrank.js';
export { logRankTest } from './survival/logrank.js';
export type { Covariate, FactorCovariate, NumericCovariate } from './survival/design-matrix.js';
export type { CoxControl } from './survival/cox-fit.js';
export type { ChiSquareTest, CoxFit, CoxOptions, CoxTies } from './survival/cox.js';
export { checkTies, coxPh } from './survival/cox.js';
export type {
  CumulativeIncidenceCurve,
  CumulativeIncidenceFit,
  CumulativeIncidenceOptions,
} from './competing-risks/cumulative-incidence.js';
export { cumulativeIncidence } from './competing-risks/cumulative-incidence.js';
export type { IncidenceAtTimes } from './competing-risks/incidence-at-times.js';
export { cumulativeIncidenceAt } from './competing-risks/incidence-at-times.js';
export type { GrayTestOptions, GrayTestResult } from './competing-risks/gray-test.js';
export { grayTest } from './competing-risks/gray-test.js';
export type { FineGrayFit, FineGrayOptions } from './competing-risks/fine-gray.js';
export { fineGray } from './competing-risks/fine-gray.js';
// end survival and competing risks
