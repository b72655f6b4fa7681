import { parseProtocol } from '@immunotrial/core';
import { type Derivation, derivationOf, type DrugKind, drugOf, type TextFile } from '../trial/twin-setup.js';
import { parseScenarioFile, type TwinScenarioSet } from './parse-scenario.js';
import type { SweepParameter } from './scenario-schema.js';

/** IFN-gamma's mHLA-DR rise in the open-label series: median 2666 -> 12,451 AB/C (S28). */
const IFN_FOLD = 4.67;

/**
 * The scenarios of a protocol run without a scenario file: the null scenario and a sweep of the effect
 * that acts on the protocol's primary endpoint, the others held at their published size:
 * - secondary infections (IFN-gamma): the direct infection hazard ratio 1, 0.85, 0.7, 0.55 with the mHLA-DR
 *   rise of S28 (x 4.67) held (so even a ratio of 1 lowers infections through mHLA-DR);
 * - SOFA response (ImmunoSep): IFN-gamma's SOFA effect 0, 0.1, 0.2, 0.3 points a day (SIP), with its mHLA-DR
 *   rise and anakinra's 0.2 points a day (MALS) held;
 * - lymphocyte response (IL-7): folds 1, 1.5, 2.5, 3.5 (S8: 3-4).
 * @param drugs - The drugs of the protocol's active regimens.
 * @param derivation - How its primary endpoint is derived.
 * @example defaultScenariosFor(['ifn_gamma'], 'secondary_infection').scenarios.length // => 5
 */
export function defaultScenariosFor(drugs: readonly DrugKind[], derivation: Derivation): TwinScenarioSet {
  let parameter: SweepParameter = 'ifn_gamma.infection_hazard_ratio';
  let values = [1, 0.85, 0.7, 0.55];
  let held: Record<string, unknown> = drugs.includes('ifn_gamma')
    ? { ifn_gamma: { mhla_dr_fold: IFN_FOLD } }
    : {};
  if (derivation === 'sofa_response') {
    // ImmunoSep treats both states: the SOFA effect of IFN-gamma in SIP is swept, anakinra's in MALS held.
    parameter = drugs.includes('ifn_gamma')
      ? 'ifn_gamma.sofa_decrease_per_day'
      : 'anakinra.sofa_decrease_per_day';
    values = [0, 0.1, 0.2, 0.3];
    if (drugs.includes('anakinra') && drugs.includes('ifn_gamma'))
      held = { ...held, anakinra: { sofa_decrease_per_day: 0.2 } };
  } else if (
    derivation === 'lymphocyte_response' ||
    (drugs.includes('il7') && !drugs.includes('ifn_gamma'))
  ) {
    parameter = 'il7.lymphocyte_fold';
    values = [1, 1.5, 2.5, 3.5];
  }
  const text = JSON.stringify({
    name: 'default scenarios',
    scenarios: [{ name: 'null' }],
    sweep: { parameter, values, effects: held },
  });
  // The defaults go through the same parser as a file (JSON is YAML): the same checks, the same effects.
  return parseScenarioFile(text, 'default scenarios', []);
}

/**
 * The default scenarios of a protocol file (defaultScenariosFor its drugs and primary endpoint).
 * @param protocol - The protocol's text and file name.
 * @throws ProtocolInvalidError for a bad protocol; TrialError `twin.protocol` for an endpoint the twin
 *   cannot derive.
 */
export function defaultScenariosOf(protocol: TextFile): TwinScenarioSet {
  const p = parseProtocol(protocol.text, protocol.file).protocol;
  const drugs = p.regimens.flatMap((r) => {
    const drug = r.role === 'active' ? drugOf(r.product) : undefined;
    return drug === undefined ? [] : [drug];
  });
  const wanted = p.sample_size.endpoint;
  const endpoint = p.endpoints.find((e) => e.id === wanted) ?? p.endpoints.find((e) => e.role === 'primary');
  const derivation = endpoint === undefined ? 'secondary_infection' : derivationOf(p, endpoint);
  return defaultScenariosFor([...new Set(drugs)], derivation);
}
