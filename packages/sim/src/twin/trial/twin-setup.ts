import {
  type AllocationDesign,
  allocationDesignOf,
  type Endpoint,
  type LoadedProtocol,
  parseProtocol,
  type Protocol,
  TrialError,
  valueOf,
  type Zone,
} from '@immunotrial/core';
import { type CompiledTwinModel, compileTwinModel } from '../kernel/compiled-model.js';
import { parseTwinModel } from '../model/load-model.js';
import { TWIN_OFFSET_MINUTES } from '../render/render-timeline.js';
import type { TwinScenarioSet } from '../scenario/parse-scenario.js';
import type { ScreeningTarget } from '../screening/screen-by-plan.js';
import { parseScreeningPlans } from '../screening/screening-plan.js';

/** A text file given to the twin (the model, a protocol, the screening plans). */
export interface TextFile {
  readonly text: string;
  readonly file: string;
}

/** Everything a twin run needs, as plain data: it crosses to worker threads, which build the setup again. */
export interface TwinInputs {
  readonly model: TextFile;
  readonly protocol: TextFile;
  readonly plans: TextFile;
  readonly scenarios: TwinScenarioSet;
}

/** How the primary endpoint is derived from a participant's course (core's endpoint code). */
export type Derivation =
  'secondary_infection' | 'sofa_response' | 'lymphocyte_response' | 'mhla_dr_restoration' | 'mortality';

/** How the primary endpoint is analysed (the protocol's plan, as the twin reads it). */
export type AnalysisPlan =
  | { readonly kind: 'fine_gray'; readonly alpha: number }
  | {
      readonly kind: 'bayes_log_hr';
      readonly priorMean: number;
      readonly priorSd: number;
      readonly threshold: number;
    }
  | { readonly kind: 'proportions'; readonly alpha: number; readonly higherIsBetter: boolean }
  | { readonly kind: 'welch'; readonly alpha: number };

/** What a drug regimen does in the model. */
export type DrugKind = 'ifn_gamma' | 'anakinra' | 'il7';

/** A protocol compiled for the twin. */
export interface TwinSetup {
  readonly inputs: TwinInputs;
  /** The model file's name and version. */
  readonly modelName: string;
  readonly model: CompiledTwinModel;
  readonly loaded: LoadedProtocol;
  readonly protocol: Protocol;
  readonly target: ScreeningTarget;
  readonly design: AllocationDesign;
  readonly endpoint: Endpoint;
  readonly derivation: Derivation;
  readonly horizonDays: number;
  readonly analysis: AnalysisPlan;
  /** Participants to randomize. */
  readonly sampleSize: number;
  /** Index of the control arm (the first placebo arm) in design.arms. */
  readonly control: number;
  /** Regimen id -> drug it delivers (active regimens only). */
  readonly regimenDrugs: ReadonlyMap<string, DrugKind>;
  readonly zone: Zone;
  /** Criterion ids in the protocol's order (bit positions of failure masks). */
  readonly criteria: readonly string[];
}

const ZONE: Zone = { kind: 'offset', minutes: TWIN_OFFSET_MINUTES };

function fail(protocol: Protocol, message: string, path?: string): TrialError {
  return new TrialError('twin.protocol', `${protocol.id}: ${message}`, path);
}

/**
 * How the twin derives an endpoint, from its kind and parameters: competing risks with death = secondary
 * infection; a `decrease_points` parameter = SOFA response; an mHLA-DR threshold = restoration; a
 * continuous lymphocyte (ALC) endpoint = lymphocyte response; a binary mortality endpoint = mortality.
 * @throws TrialError `twin.protocol` for an endpoint the twin cannot derive.
 */
export function derivationOf(protocol: Protocol, e: Endpoint): Derivation {
  const kind = valueOf(e.kind);
  const text = `${e.id} ${e.label} ${e.derivation ?? ''}`;
  if (kind === 'competing_risks' && e.competing_events.includes('death')) return 'secondary_infection';
  if ('decrease_points' in e.parameters) return 'sofa_response';
  if ('mhla_dr_restored_ab_per_cell' in e.parameters) return 'mhla_dr_restoration';
  if (kind === 'continuous' && /lymphocyte|\bALC\b/i.test(text)) return 'lymphocyte_response';
  if (kind === 'binary' && /mortality/i.test(text)) return 'mortality';
  throw fail(protocol, `the twin cannot derive endpoint "${e.id}" (kind ${kind})`, `endpoints.${e.id}`);
}

function parseNormalPrior(protocol: Protocol, text: unknown): { mean: number; sd: number } {
  const m = typeof text === 'string' ? /^normal\(\s*(-?[\d.]+)\s*,\s*([\d.]+)\s*\)$/.exec(text) : null;
  const mean = Number(m?.[1]);
  const sd = Number(m?.[2]);
  if (m === null || !Number.isFinite(mean) || !(sd > 0)) {
    throw fail(
      protocol,
      `prior_log_hazard_ratio must read normal(mean, sd), got ${JSON.stringify(text)}`,
      'sample_size.assumptions.prior_log_hazard_ratio',
    );
  }
  return { mean, sd };
}

function analysisOf(protocol: Protocol, derivation: Derivation): AnalysisPlan {
  const s = protocol.sample_size;
  const alpha = s.alpha === undefined ? 0.05 : valueOf(s.alpha);
  const sided = s.sidedness === undefined ? 'two' : valueOf(s.sidedness);
  // One-sided alpha is tested two-sided at twice its level: the same rejection region for a benefit.
  const twoSidedAlpha = sided === 'one' ? 2 * alpha : alpha;
  if (valueOf(s.framework) === 'bayesian') {
    if (derivation !== 'secondary_infection') {
      throw fail(
        protocol,
        'the twin runs Bayesian analyses of time-to-event endpoints only (log hazard ratio)',
      );
    }
    const prior = parseNormalPrior(
      protocol,
      s.assumptions['prior_log_hazard_ratio']?.value ?? 'normal(0, 1)',
    );
    const threshold = s.assumptions['posterior_success_threshold']?.value ?? 0.95;
    if (typeof threshold !== 'number') throw fail(protocol, 'posterior_success_threshold must be a number');
    return { kind: 'bayes_log_hr', priorMean: prior.mean, priorSd: prior.sd, threshold };
  }
  switch (derivation) {
    case 'secondary_infection':
      return { kind: 'fine_gray', alpha: twoSidedAlpha };
    case 'sofa_response':
      return { kind: 'proportions', alpha: twoSidedAlpha, higherIsBetter: true };
    case 'mhla_dr_restoration':
      return { kind: 'proportions', alpha: twoSidedAlpha, higherIsBetter: true };
    case 'mortality':
      return { kind: 'proportions', alpha: twoSidedAlpha, higherIsBetter: false };
    case 'lymphocyte_response':
      return { kind: 'welch', alpha: twoSidedAlpha };
  }
}

/** The drug a regimen delivers in the model, from its product (active regimens only). */
export function drugOf(product: string): DrugKind | undefined {
  if (/interferon|ifn/i.test(product)) return 'ifn_gamma';
  if (/anakinra/i.test(product)) return 'anakinra';
  if (/cyt107|interleukin-7|\bil-7\b/i.test(product)) return 'il7';
  return undefined;
}

/**
 * Compiles a protocol for the twin: parses the model, the protocol (its eligibility engine), the screening
 * plans, and reads the allocation design, the primary endpoint's derivation and the analysis plan.
 * @param inputs - Texts and scenarios.
 * @throws TwinFileInvalidError or ProtocolInvalidError for a bad file; TrialError `twin.protocol` when
 *   the protocol has no screening plan or an endpoint or analysis the twin cannot run.
 */
export function buildTwinSetup(inputs: TwinInputs): TwinSetup {
  const parsed = parseTwinModel(inputs.model.text, inputs.model.file).model;
  const model = compileTwinModel(parsed);
  const loaded = parseProtocol(inputs.protocol.text, inputs.protocol.file);
  const protocol = loaded.protocol;
  const plan = parseScreeningPlans(inputs.plans.text, inputs.plans.file).get(protocol.id);
  if (plan === undefined) {
    throw fail(
      protocol,
      `no screening plan for "${protocol.id}" in ${inputs.plans.file}: add one to simulate it`,
    );
  }
  const design = allocationDesignOf(protocol);
  const wanted = protocol.sample_size.endpoint;
  const endpoint =
    protocol.endpoints.find((e) => e.id === wanted) ?? protocol.endpoints.find((e) => e.role === 'primary');
  if (endpoint === undefined) throw fail(protocol, 'no primary endpoint', 'endpoints');
  const derivation = derivationOf(protocol, endpoint);
  const control = protocol.arms.findIndex((a) => a.kind === 'placebo');
  if (control < 0) throw fail(protocol, 'the twin compares arms with a placebo arm; none found', 'arms');
  const regimenDrugs = new Map<string, DrugKind>();
  for (const r of protocol.regimens) {
    const drug = r.role === 'active' ? drugOf(r.product) : undefined;
    if (drug !== undefined) regimenDrugs.set(r.id, drug);
  }
  return {
    inputs,
    modelName: `${parsed.name} ${parsed.version}`,
    model,
    loaded,
    protocol,
    target: { protocolId: protocol.id, eligibility: loaded.eligibility, plan, index: 0 },
    design,
    endpoint,
    derivation,
    horizonDays: valueOf(endpoint.horizon_days),
    analysis: analysisOf(protocol, derivation),
    sampleSize: valueOf(protocol.sample_size.target),
    control,
    regimenDrugs,
    zone: ZONE,
    criteria: loaded.eligibility.criteria.map((c) => c.id),
  };
}
