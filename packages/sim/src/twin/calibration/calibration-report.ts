import { simulateCohort } from '../cohort/simulate-cohort.js';
import { defaultScenarioSet } from '../scenario/parse-scenario.js';
import { buildTwinSetup, type TextFile } from '../trial/twin-setup.js';
import { type CalibrationTarget, parseCalibrationTargets } from './calibration-targets.js';
import { type EligibilityFigure, eligibilityFigures } from './eligibility-figures.js';
import { type CohortFigure, naturalHistoryFigures } from './natural-history-figures.js';

/** One line of the calibration report: the model's figure beside the published one. */
export interface CalibrationRow {
  readonly id: string;
  readonly label: string;
  /** The model's proportion (events / n). */
  readonly model: number;
  readonly events: number;
  readonly n: number;
  readonly target: number | undefined;
  readonly tolerance: number | undefined;
  /** The source id, or undefined when the target is assumed (or there is none). */
  readonly source: string | undefined;
  readonly assumed: boolean;
  readonly note: string | undefined;
  /** |model - target| <= tolerance; undefined when there is no target. */
  readonly within: boolean | undefined;
}

/** The calibration report of a virtual cohort (`immunotrial simulate --cohort N --calibration`). */
export interface CalibrationReport {
  readonly seed: number;
  readonly cohort: number;
  /** Patients screened with the real engine (the first of the cohort). */
  readonly screenedCohort: number;
  readonly rows: readonly CalibrationRow[];
  readonly eligibility: readonly EligibilityFigure[];
}

/** Inputs of a calibration: the model, the screening plans, the protocols to screen, the targets. */
export interface CalibrationInputs {
  readonly model: TextFile;
  readonly plans: TextFile;
  readonly protocols: readonly TextFile[];
  readonly targets: TextFile;
}

function row(
  id: string,
  label: string,
  f: CohortFigure,
  target: CalibrationTarget | undefined,
): CalibrationRow {
  const model = f.n === 0 ? Number.NaN : f.events / f.n;
  return {
    id,
    label: target?.label ?? label,
    model,
    events: f.events,
    n: f.n,
    target: target?.value,
    tolerance: target?.tolerance,
    source: target?.source,
    assumed: target?.assumed === true,
    note: target?.note ?? target?.rationale,
    within: target === undefined ? undefined : Math.abs(model - target.value) <= target.tolerance,
  };
}

/**
 * Simulates a cohort and compares its marginal figures with the published ones (calibration.yaml): the
 * natural history on all `size` patients, eligibility for each protocol by the real engine on the first
 * `screenLimit` (screening costs about a millisecond a patient and protocol). Protocols without a
 * published yield get a row without target.
 * @param inputs - Model, plans, protocols and targets texts.
 * @param seed - Seed.
 * @param size - Cohort size.
 * @param screenLimit - Patients screened (default: the whole cohort).
 * @throws TwinFileInvalidError, ProtocolInvalidError or TrialError for bad files.
 */
export function calibrateTwin(
  inputs: CalibrationInputs,
  seed: number,
  size: number,
  screenLimit = size,
): CalibrationReport {
  const targets = new Map<string, CalibrationTarget>(
    parseCalibrationTargets(inputs.targets.text, inputs.targets.file).map((t) => [t.id, t]),
  );
  const scenarios = defaultScenarioSet([]);
  const setups = inputs.protocols.map((protocol, index) => {
    const s = buildTwinSetup({ model: inputs.model, protocol, plans: inputs.plans, scenarios });
    return { ...s, target: { ...s.target, index } };
  });
  const model = setups[0]?.model;
  if (model === undefined) throw new RangeError('calibrateTwin: give at least one protocol');
  // Days: ICU day 90, and the horizons of endpoints that start at a screening up to day 15.
  const days = Math.min(128, Math.max(91, ...setups.map((s) => 16 + s.horizonDays + 3)));
  const cohort = simulateCohort(model, seed, size, { days });
  const natural = naturalHistoryFigures(model, cohort);
  const rows: CalibrationRow[] = Object.entries(natural).map(([id, f]) => row(id, id, f, targets.get(id)));
  const screenedCohort = Math.min(screenLimit, size);
  const eligibility = eligibilityFigures(setups, cohort, screenedCohort);
  for (const e of eligibility) {
    const yieldId = `${e.protocol}_yield`;
    rows.push(
      row(
        yieldId,
        `${e.protocol}: eligible among screened (real engine)`,
        { events: e.eligible, n: e.screened },
        targets.get(yieldId),
      ),
    );
    const naturalId =
      e.protocol === 'immunosep' ? 'immunosep_placebo_responders' : `${e.protocol}_untreated_primary`;
    rows.push(
      row(
        naturalId,
        `${e.protocol}: ${e.natural.label}, eligible, untreated`,
        e.natural,
        targets.get(naturalId),
      ),
    );
  }
  return { seed, cohort: size, screenedCohort, rows, eligibility };
}
