import type { DrugEffects } from '../kernel/step.js';
import { parseYamlFile, TwinFileInvalidError, type TwinFileIssue } from '../yaml-file.js';
import {
  type Effects,
  EffectsSchema,
  type ScenarioFile,
  ScenarioFileSchema,
  type SweepParameter,
} from './scenario-schema.js';

/** One scenario to simulate: its name, drug effects (log scale), and its x for a power curve. */
export interface TwinScenario {
  readonly name: string;
  readonly effects: DrugEffects;
  /** The effects as written (natural scale), for reports. */
  readonly written: Effects;
  /** The swept parameter's value, when the scenario comes from a sweep. */
  readonly x: number | undefined;
}

/** A scenario file that loaded. */
export interface TwinScenarioSet {
  readonly name: string;
  readonly accrual: ScenarioFile['accrual'];
  readonly poolAdmissions: number | undefined;
  readonly poolEligible: number | undefined;
  readonly scenarios: readonly TwinScenario[];
  /** The swept parameter, when there is a sweep. */
  readonly sweep: SweepParameter | undefined;
}

/**
 * Drug effects on the kernel's log scale from the written ones: no drug, fold 1 and hazard ratio 1 are
 * all zero (the null scenario).
 * @example drugEffectsOf({ il7: { lymphocyte_fold: 3.5 } }).il7LogFold // => Math.log(3.5)
 */
export function drugEffectsOf(e: Effects): DrugEffects {
  return {
    ifnLogFold: Math.log(e.ifn_gamma?.mhla_dr_fold ?? 1),
    ifnLogHr: Math.log(e.ifn_gamma?.infection_hazard_ratio ?? 1),
    anakinraSofaPerDay: e.anakinra?.sofa_decrease_per_day ?? 0,
    ifnSofaPerDay: e.ifn_gamma?.sofa_decrease_per_day ?? 0,
    il7LogFold: Math.log(e.il7?.lymphocyte_fold ?? 1),
  };
}

function withParameter(base: Effects, parameter: SweepParameter, value: number): Effects {
  switch (parameter) {
    case 'ifn_gamma.mhla_dr_fold':
      return {
        ...base,
        ifn_gamma: {
          infection_hazard_ratio: 1,
          sofa_decrease_per_day: 0,
          ...base.ifn_gamma,
          mhla_dr_fold: value,
        },
      };
    case 'ifn_gamma.infection_hazard_ratio':
      return {
        ...base,
        ifn_gamma: {
          mhla_dr_fold: 1,
          sofa_decrease_per_day: 0,
          ...base.ifn_gamma,
          infection_hazard_ratio: value,
        },
      };
    case 'ifn_gamma.sofa_decrease_per_day':
      return {
        ...base,
        ifn_gamma: {
          mhla_dr_fold: 1,
          infection_hazard_ratio: 1,
          ...base.ifn_gamma,
          sofa_decrease_per_day: value,
        },
      };
    case 'anakinra.sofa_decrease_per_day':
      return { ...base, anakinra: { sofa_decrease_per_day: value } };
    case 'il7.lymphocyte_fold':
      return { ...base, il7: { lymphocyte_fold: value } };
  }
}

/** The range each swept parameter must stay in (the schema's, checked value by value). */
function checkSweepValue(parameter: SweepParameter, value: number): string | undefined {
  if (parameter === 'anakinra.sofa_decrease_per_day' || parameter === 'ifn_gamma.sofa_decrease_per_day')
    return value >= 0 ? undefined : 'expected a number >= 0';
  return value > 0 ? undefined : 'expected a number > 0';
}

/**
 * Parses a scenario file (docs/twin.md): named scenarios with their drug effects, and an optional sweep of
 * one effect parameter (one scenario per value, for the power curve). With neither, the scenarios are the
 * null scenario and `defaults`.
 * @param text - The YAML text.
 * @param fileName - Used in messages.
 * @param defaults - Scenarios when the file names none (the protocol's default scenarios).
 * @throws TwinFileInvalidError (`twin.invalid`) with each problem located:
 *   `s.yaml:4:22: scenarios[1].effects.ifn_gamma.mhla_dr_fold: expected a number > 0, found -2`.
 * @example parseScenarioFile('scenarios: [{ name: null }]', 's.yaml', []).scenarios[0].effects.ifnLogHr // => 0
 */
export function parseScenarioFile(
  text: string,
  fileName: string,
  defaults: readonly { readonly name: string; readonly effects: Effects }[],
): TwinScenarioSet {
  const { data, locate } = parseYamlFile(ScenarioFileSchema, text, fileName);
  const issues: TwinFileIssue[] = [];
  const seen = new Map<string, number>();
  data.scenarios.forEach((s, i) => {
    const first = seen.get(s.name);
    if (first !== undefined)
      issues.push(
        locate(['scenarios', i, 'name'], `duplicate scenario name "${s.name}" (also scenarios[${first}])`),
      );
    else seen.set(s.name, i);
  });
  const sweep = data.sweep;
  if (sweep !== undefined) {
    sweep.values.forEach((v, i) => {
      const problem = checkSweepValue(sweep.parameter, v);
      if (problem !== undefined)
        issues.push(locate(['sweep', 'values', i], `${problem} for ${sweep.parameter}, found ${v}`));
    });
  }
  if (issues.length > 0) throw new TwinFileInvalidError(issues);
  return scenarioSet(data, defaults, fileName);
}

/**
 * The scenarios of a run without a scenario file: the null scenario and the protocol's defaults.
 * @param defaults - Named effects.
 */
export function defaultScenarioSet(
  defaults: readonly { readonly name: string; readonly effects: Effects }[],
): TwinScenarioSet {
  return scenarioSet(ScenarioFileSchema.parse({}), defaults, 'default');
}

function scenarioSet(
  data: ScenarioFile,
  defaults: readonly { readonly name: string; readonly effects: Effects }[],
  fileName: string,
): TwinScenarioSet {
  const scenarios: TwinScenario[] = data.scenarios.map((s) => ({
    name: s.name,
    effects: drugEffectsOf(s.effects),
    written: s.effects,
    x: undefined,
  }));
  const sweep = data.sweep;
  if (sweep !== undefined) {
    for (const v of sweep.values) {
      const written = EffectsSchema.parse(withParameter(sweep.effects, sweep.parameter, v));
      scenarios.push({ name: `${sweep.parameter}=${v}`, effects: drugEffectsOf(written), written, x: v });
    }
  }
  if (scenarios.length === 0) {
    scenarios.push({ name: 'null', effects: drugEffectsOf({}), written: {}, x: undefined });
    for (const d of defaults)
      scenarios.push({ name: d.name, effects: drugEffectsOf(d.effects), written: d.effects, x: undefined });
  }
  return {
    name: data.name ?? fileName,
    accrual: data.accrual,
    poolAdmissions: data.pool?.admissions,
    poolEligible: data.pool?.eligible,
    scenarios,
    sweep: sweep?.parameter,
  };
}
