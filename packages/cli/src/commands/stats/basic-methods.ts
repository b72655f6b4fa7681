import { bayesMethods } from './basic-bayes.js';
import { designMethods } from './basic-design.js';
import { twoArmMethods } from './basic-two-arm.js';
import type { StatsMethod } from './method.js';

/**
 * The non-survival `immunotrial stats` methods: twoprop, ttest, wilcoxon, ancova, betabinom,
 * normal-loghr, bayes-logistic, gsdesign, samplesize-rates, samplesize-survival.
 */
export const basicMethods: readonly StatsMethod[] = [...twoArmMethods, ...bayesMethods, ...designMethods];
