import type { StatsMethod } from './method.js';
import { cuminc } from './survival-cuminc.js';
import { km, logrank } from './survival-km.js';
import { cox, finegray } from './survival-models.js';

/**
 * The survival `immunotrial stats` methods (docs/stats-survival.md): km (survfit), logrank (survdiff),
 * cox (coxph), cuminc (cmprsk::cuminc with Gray's test) and finegray (cmprsk::crr).
 */
export const survivalMethods: readonly StatsMethod[] = [km, logrank, cox, cuminc, finegray];
