import type { StructuralIssue } from '@immunotrial/core';
import { groupSequentialDesign, normalQuantile } from '@immunotrial/stats';
import type {
  AdaptiveAllocation,
  BayesianRule,
  CompiledDesign,
  FixedAllocation,
  GroupSequentialRule,
  OutcomeKind,
  Prior,
  Scenario,
} from './compiled-design.js';
import type { DesignFile } from './design-schema.js';

type Issues = StructuralIssue[];

const PRIOR_KINDS: Readonly<Record<OutcomeKind, readonly string[]>> = {
  binary: ['beta'],
  count: ['gamma'],
  continuous: ['normal'],
  time_to_event: ['normal', 'sceptical', 'enthusiastic'],
};

function normalise(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  return weights.map((w) => w / total);
}

function compilePrior(file: DesignFile, issues: Issues): Prior {
  const p = file.prior;
  const allowed = PRIOR_KINDS[file.outcome];
  if (p !== undefined) {
    const kind = Object.keys(p)[0] ?? '';
    if (!allowed.includes(kind)) {
      const outcome = file.outcome.replaceAll('_', '-');
      issues.push({
        path: ['prior', kind],
        atKey: true,
        message: `a ${outcome} outcome takes a ${allowed.join(', ')} prior, found ${kind}`,
      });
    }
  }
  if (p === undefined) {
    if (file.outcome === 'binary') return { kind: 'beta', a: 1, b: 1 };
    if (file.outcome === 'count') return { kind: 'gamma', shape: 0.01, rate: 0.01 };
    return { kind: 'normal', mean: 0, sd: Infinity };
  }
  if ('beta' in p) return { kind: 'beta', a: p.beta[0], b: p.beta[1] };
  if ('gamma' in p) return { kind: 'gamma', shape: p.gamma[0], rate: p.gamma[1] };
  if ('normal' in p) return { kind: 'normal', mean: p.normal.mean, sd: p.normal.sd };
  // Spiegelhalter, Freedman & Parmar (1994): sceptical centred on 0, enthusiastic on log(hr), both with
  // P(beyond the other end) = probability.
  const s = 'sceptical' in p ? p.sceptical : p.enthusiastic;
  const sd = Math.log(s.hr) / normalQuantile(s.probability);
  return { kind: 'normal', mean: 'sceptical' in p ? 0 : Math.log(s.hr), sd };
}

function perLook(
  value: number | readonly number[] | undefined,
  looks: number,
  off: number,
  path: readonly PropertyKey[],
  issues: Issues,
): number[] {
  if (value === undefined) return Array.from({ length: looks }, () => off);
  if (typeof value === 'number') return Array.from({ length: looks }, () => value);
  if (value.length !== looks) {
    issues.push({ path, message: `expected ${looks} thresholds, one per look, found ${value.length}` });
  }
  return Array.from({ length: looks }, (_, i) => value[i] ?? off);
}

function compileAllocation(file: DesignFile, issues: Issues): FixedAllocation | AdaptiveAllocation {
  const k = file.arms.length;
  const a = file.allocation;
  const weights = 'fixed' in a ? a.fixed : a.adaptive.initial;
  const path = 'fixed' in a ? ['allocation', 'fixed'] : ['allocation', 'adaptive', 'initial'];
  if (weights !== undefined && weights.length !== k) {
    issues.push({
      path,
      message: `expected ${k} weights, one per arm (${file.arms.join(', ')}), found ${weights.length}`,
    });
  }
  const equal = Array.from({ length: k }, () => 1 / k);
  const probabilities = weights?.length === k ? normalise(weights) : equal;
  if ('fixed' in a) return { kind: 'fixed', probabilities };
  const { method, power = 1, cap = 1, min_control: minControl = 0 } = a.adaptive;
  if (file.outcome === 'time_to_event') {
    issues.push({
      path: ['allocation', 'adaptive'],
      atKey: true,
      message: 'response-adaptive allocation needs a per-arm posterior: binary, continuous or count outcomes',
    });
  }
  if (cap * k < 1) {
    issues.push({
      path: ['allocation', 'adaptive', 'cap'],
      message: `expected a cap >= 1/${k} (${k} arms must share all patients), found ${cap}`,
    });
  }
  return { kind: 'adaptive', method, power, cap, minControl, initial: probabilities };
}

function compileRule(
  file: DesignFile,
  looks: readonly number[],
  issues: Issues,
): BayesianRule | GroupSequentialRule {
  const d = file.decisions;
  const n = looks.length;
  if ('group_sequential' in d) {
    const gs = d.group_sequential;
    if (file.arms.length !== 2) {
      issues.push({
        path: ['decisions', 'group_sequential'],
        atKey: true,
        message: `group-sequential boundaries are for two arms, found ${file.arms.length}`,
      });
    }
    const last = looks[n - 1] ?? 1;
    const informationRates = looks.map((l) => l / last);
    const typeOfDesign = gs.type ?? 'asOF';
    let criticalValues: readonly number[] = [];
    try {
      criticalValues = groupSequentialDesign({
        kMax: n,
        alpha: gs.alpha,
        sided: 1,
        typeOfDesign,
        informationRates,
      }).criticalValues;
    } catch (error) {
      const message = error instanceof RangeError ? error.message : String(error);
      issues.push({ path: ['decisions', 'group_sequential'], message: `no boundaries: ${message}` });
    }
    return {
      kind: 'group_sequential',
      alpha: gs.alpha,
      typeOfDesign,
      informationRates,
      criticalValues,
      futilityZ: gs.futility_z ?? -Infinity,
    };
  }
  if (d.superiority === undefined && d.inferiority === undefined && d.futility === undefined) {
    issues.push({
      path: ['decisions'],
      message: 'expected at least one of superiority, inferiority, futility or group_sequential',
    });
  }
  return {
    kind: 'bayesian',
    superiority: perLook(d.superiority, n, Infinity, ['decisions', 'superiority'], issues),
    inferiority: perLook(d.inferiority, n, -Infinity, ['decisions', 'inferiority'], issues),
    futility: perLook(d.futility?.below, n, -Infinity, ['decisions', 'futility', 'below'], issues),
    futilityMargin: d.futility?.margin ?? 0,
  };
}

function checkValue(outcome: OutcomeKind, v: number): string | undefined {
  if (outcome === 'binary' && !(v > 0 && v < 1)) return `expected an event probability in (0, 1), found ${v}`;
  if (outcome === 'count' && !(v > 0)) return `expected a mean count > 0, found ${v}`;
  if (outcome === 'time_to_event' && !(v > 0)) return `expected a median time to event > 0, found ${v}`;
  return undefined;
}

/** True effect against control in the estimate's scale: difference, or log ratio of rates / hazards. */
function trueEffect(outcome: OutcomeKind, value: number, control: number): number {
  if (outcome === 'count') return Math.log(value / control);
  // Exponential times: hazard = log 2 / median, so HR = median_control / median_arm.
  if (outcome === 'time_to_event') return Math.log(control / value);
  return value - control;
}

function compileScenarios(file: DesignFile, control: number, issues: Issues): Scenario[] {
  const entries = Object.entries(file.scenarios);
  if (entries.length === 0) issues.push({ path: ['scenarios'], message: 'expected at least one scenario' });
  return entries.map(([name, byArm]) => {
    for (const key of Object.keys(byArm)) {
      if (!file.arms.includes(key)) {
        issues.push({
          path: ['scenarios', name, key],
          atKey: true,
          message: `unknown arm "${key}" (expected one of: ${file.arms.join(', ')})`,
        });
      }
    }
    const values = file.arms.map((arm) => {
      const v = byArm[arm];
      if (v === undefined) {
        issues.push({ path: ['scenarios', name], message: `missing a true value for arm "${arm}"` });
        return NaN;
      }
      const problem = checkValue(file.outcome, v);
      if (problem !== undefined) issues.push({ path: ['scenarios', name, arm], message: problem });
      return v;
    });
    const c = values[control] ?? NaN;
    const trueEffects = values.map((v) => trueEffect(file.outcome, v, c));
    return { name, values, trueEffects, isNull: values.every((v) => v === c) };
  });
}

function checkLooks(file: DesignFile, issues: Issues): { unit: 'patients' | 'events'; looks: number[] } {
  const unit = 'patients' in file.looks ? 'patients' : 'events';
  const looks = 'patients' in file.looks ? file.looks.patients : file.looks.events;
  const wanted = file.outcome === 'time_to_event' ? 'events' : 'patients';
  if (unit !== wanted) {
    issues.push({
      path: ['looks', unit],
      atKey: true,
      message: `a ${file.outcome.replaceAll('_', '-')} design looks after numbers of ${wanted}, found ${unit}`,
    });
  }
  looks.forEach((l, i) => {
    if (i > 0 && l <= (looks[i - 1] ?? 0)) {
      issues.push({
        path: ['looks', unit, i],
        message: `expected more than ${looks[i - 1]} (looks increase), found ${l}`,
      });
    }
  });
  return { unit, looks };
}

/**
 * Checks what the schema cannot (references between fields, one value per arm or look, the outcome's
 * prior) and compiles a parsed design file into the engine's form, computing group-sequential
 * boundaries with the statistics package.
 * @param file - A design file that passed {@link DesignFileSchema}.
 * @returns The compiled design, or the issues found (path and message, not yet located in the file).
 */
export function compileDesign(file: DesignFile): { design?: CompiledDesign; issues: StructuralIssue[] } {
  const issues: Issues = [];
  file.arms.forEach((arm, i) => {
    if (file.arms.indexOf(arm) !== i) issues.push({ path: ['arms', i], message: `duplicate arm "${arm}"` });
  });
  const control = file.arms.indexOf(file.control);
  if (control < 0) {
    issues.push({
      path: ['control'],
      message: `expected one of the arms (${file.arms.join(', ')}), found "${file.control}"`,
    });
  }
  const { unit, looks } = checkLooks(file, issues);
  if (file.outcome === 'continuous' && file.sd === undefined) {
    issues.push({
      path: ['sd'],
      message: 'missing (a continuous outcome needs the within-arm SD, a number > 0)',
    });
  }
  if (file.outcome === 'time_to_event' && file.accrual === undefined) {
    issues.push({
      path: ['accrual'],
      message: 'missing (a time-to-event design needs { rate, max_patients })',
    });
  }
  const lastLook = looks[looks.length - 1] ?? 0;
  const maxPatients = unit === 'events' ? (file.accrual?.max_patients ?? lastLook) : lastLook;
  if (unit === 'events' && file.accrual !== undefined && lastLook > maxPatients) {
    issues.push({
      path: ['looks', 'events', looks.length - 1],
      message: `expected at most accrual.max_patients (${maxPatients}) events, found ${lastLook}`,
    });
  }
  const allocation = compileAllocation(file, issues);
  const prior = compilePrior(file, issues);
  const scenarios = compileScenarios(file, Math.max(control, 0), issues);
  const rule = compileRule(file, looks, issues);
  if (issues.length > 0) return { issues };
  const design: CompiledDesign = {
    name: file.name ?? '',
    outcome: file.outcome,
    lowerIsBetter: file.lower_is_better ?? file.outcome === 'time_to_event',
    arms: file.arms,
    control,
    allocation,
    prior,
    sd: file.sd ?? NaN,
    accrualRate: file.accrual?.rate ?? NaN,
    maxPatients,
    lookUnit: unit,
    looks,
    rule,
    scenarios,
  };
  return { design, issues };
}
