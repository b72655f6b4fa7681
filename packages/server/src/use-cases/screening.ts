import {
  type CriterionResult,
  type EligibilityResult,
  evaluateEligibility,
  type Kleene,
  overallStatus,
  TrialError,
} from '@immunotrial/core';
import { type JsonValue, type Screening, writeTransaction } from '@immunotrial/db';
import { fhirBundleToTimelines } from '@immunotrial/ingest';
import { type Actor, authorize, rolesAt, sitesFor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { participantView, type ParticipantView } from './participant-view.js';
import { currentProtocol } from './trials.js';

/** One criterion's result as stored with a screening (the engine's, or a person's). */
export interface StoredCriterion {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly result: Kleene;
  readonly reason: string;
  readonly evidence: unknown;
  readonly decidedBy: string;
  readonly text: string;
}

/** A screen-failure reason: a failing criterion. */
export interface FailureReason {
  readonly id: string;
  readonly kind: 'inclusion' | 'exclusion';
  readonly text: string;
  readonly reason: string;
}

/** What a screening gives: the engine's status, stratum and per-criterion results. */
export interface ScreeningOutcome {
  readonly patientRef: string;
  readonly status: 'eligible' | 'ineligible' | 'incomplete';
  readonly stratum: string | null;
  readonly screenedAt: string;
  readonly criteria: readonly StoredCriterion[];
}

function storedCriteria(criteria: readonly CriterionResult[]): StoredCriterion[] {
  // `reason` is a lazy getter on the engine's result: read it now, so the stored JSON holds it.
  return criteria.map((c) => ({
    id: c.id,
    kind: c.kind,
    result: c.result,
    reason: c.reason,
    evidence: c.evidence,
    decidedBy: c.decidedBy,
    text: c.text,
  }));
}

/** The failing criteria: an inclusion not met, an exclusion met. */
export function failureReasons(criteria: readonly StoredCriterion[]): FailureReason[] {
  return criteria
    .filter(
      (c) =>
        (c.kind === 'inclusion' && c.result === 'not_met') || (c.kind === 'exclusion' && c.result === 'met'),
    )
    .map((c) => ({ id: c.id, kind: c.kind, text: c.text, reason: c.reason }));
}

/** A screening outcome from the engine's result (an `immunotrial screen` entry or a bundle evaluation). */
export function outcomeOfResult(result: EligibilityResult, screenedAt: string): ScreeningOutcome {
  return {
    patientRef: result.patientId,
    status: result.status,
    stratum: result.stratum ?? null,
    screenedAt,
    criteria: storedCriteria(result.criteria),
  };
}

/**
 * Evaluates a FHIR R4 bundle holding one patient against the trial's current protocol, writing nothing.
 * @param at - Screening instant (ms); default now.
 * @throws TrialError `request.invalid` when the bundle holds no patient or several; ingest's TrialError for
 *   a malformed bundle (its message names the entry and field).
 */
export async function evaluateBundle(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  input: { siteId: string; bundle: unknown; at?: number },
): Promise<EligibilityResult> {
  authorizeSite(actor, trialId, input.siteId);
  const { loaded } = await currentProtocol(deps, trialId);
  const at = input.at ?? deps.clock();
  const { patients } = fhirBundleToTimelines(input.bundle, { source: 'bundle' });
  const [patient, ...more] = patients;
  if (patient === undefined) throw new TrialError('request.invalid', 'bundle: no Patient resource', 'bundle');
  if (more.length > 0) {
    throw new TrialError(
      'request.invalid',
      `bundle: holds ${String(patients.length)} patients; send one`,
      'bundle',
    );
  }
  const result = evaluateEligibility(loaded.eligibility, patient, at);
  return { ...result, criteria: result.criteria.map((c) => ({ ...c, reason: c.reason })) };
}

function authorizeSite(actor: Actor, trialId: string, siteId: string): string {
  if (rolesAt(actor, trialId, siteId).length === 0)
    throw new TrialError('not_found', `no site "${siteId}" in trial "${trialId}"`);
  return authorize(actor, 'screening.write', trialId, siteId);
}

/**
 * Manual screening: a person's answer for every criterion of the current protocol.
 * @throws TrialError `request.invalid` naming a missing or unknown criterion.
 */
export async function manualOutcome(
  deps: ServerDeps,
  trialId: string,
  input: {
    patientRef: string;
    answers: readonly { id: string; result: Kleene; reason?: string | undefined }[];
  },
): Promise<ScreeningOutcome> {
  const { loaded } = await currentProtocol(deps, trialId);
  const { inclusion, exclusion } = loaded.protocol.eligibility;
  const all = [
    ...inclusion.map((c) => ({ c, kind: 'inclusion' as const })),
    ...exclusion.map((c) => ({ c, kind: 'exclusion' as const })),
  ];
  for (const [i, a] of input.answers.entries()) {
    if (!all.some((x) => x.c.id === a.id))
      throw new TrialError(
        'request.invalid',
        `criteria[${String(i)}].id: no criterion "${a.id}"`,
        `criteria.${String(i)}.id`,
      );
  }
  const criteria = all.map(({ c, kind }): StoredCriterion => {
    const a = input.answers.find((x) => x.id === c.id);
    if (a === undefined)
      throw new TrialError('request.invalid', `criteria: no answer for ${c.id}`, 'criteria');
    return {
      id: c.id,
      kind,
      result: a.result,
      reason: a.reason ?? 'entered by hand',
      evidence: [],
      decidedBy: 'attestation',
      text: c.text,
    };
  });
  return {
    patientRef: input.patientRef,
    status: overallStatus(criteria.map((c) => ({ ...c, evidence: [], decidedBy: 'attestation' as const }))),
    stratum: null,
    screenedAt: isoAt(deps.clock()),
    criteria,
  };
}

/** The screening log entry as shown. */
export interface ScreeningView {
  readonly id: string;
  readonly participantId: string;
  readonly screeningNumber?: string;
  readonly siteId: string;
  readonly status: string;
  readonly source: string;
  readonly screenedAt: string;
  readonly protocolVersion: number;
  readonly criteria: JsonValue;
  readonly failureReasons: JsonValue;
}

/** The presenter of a screening row. */
export function screeningView(s: Screening, screeningNumber?: string): ScreeningView {
  return {
    id: s.id,
    participantId: s.participant_id,
    ...(screeningNumber === undefined ? {} : { screeningNumber }),
    siteId: s.site_id,
    status: s.status,
    source: s.source,
    screenedAt: s.screened_at,
    protocolVersion: s.protocol_version,
    criteria: s.criteria,
    failureReasons: s.failure_reasons,
  };
}

/**
 * Records a screening in the log: a new participant (status `screened`, or `screen_failed` with the
 * failing criteria as reasons) and the screening with every criterion's result, under the current
 * protocol version. The screening number is the site code and a per-site serial.
 * @param source - `fhir`, `screen_json` (an `immunotrial screen` entry) or `manual`.
 */
export async function recordScreening(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  input: { siteId: string; source: 'fhir' | 'screen_json' | 'manual'; outcome: ScreeningOutcome },
): Promise<{ screening: ScreeningView; participant: ParticipantView }> {
  const role = authorizeSite(actor, trialId, input.siteId);
  const { versionNo } = await currentProtocol(deps, trialId);
  const { outcome } = input;
  const reasons = failureReasons(outcome.criteria);
  const failed = outcome.status === 'ineligible';
  return writeTransaction(deps.db, trialId, async (tx) => {
    const at = isoAt(deps.clock());
    const site = await tx
      .selectFrom('sites')
      .innerJoin('trial_sites', 'trial_sites.site_id', 'sites.id')
      .select(['sites.code'])
      .where('sites.id', '=', input.siteId)
      .where('trial_sites.trial_id', '=', trialId)
      // Locks the site in this trial: screenings of one site queue for their serial number.
      .forUpdate()
      .executeTakeFirst();
    if (site === undefined)
      throw new TrialError('not_found', `no site "${input.siteId}" in trial "${trialId}"`);
    const count = await tx
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('trial_id', '=', trialId)
      .where('site_id', '=', input.siteId)
      .executeTakeFirst();
    const screeningNumber = `${site.code}-${String(Number(count?.n ?? 0) + 1).padStart(4, '0')}`;
    const participantId = deps.newId();
    const screeningId = deps.newId();
    const participant = {
      id: participantId,
      trial_id: trialId,
      site_id: input.siteId,
      screening_number: screeningNumber,
      patient_ref: outcome.patientRef,
      status: failed ? 'screen_failed' : 'screened',
      status_reason: failed ? reasons.map((r) => r.id).join(', ') : null,
      stratum: outcome.stratum,
      protocol_version: versionNo,
      randomization_number: null,
      kit_number: null,
      d1_date: null,
      d1_at: null,
      death_date: null,
      data_after_withdrawal: null,
      icu_discharged_at: null,
      hospital_discharged_at: null,
      icu_admitted_at: null,
      hospital_admitted_at: null,
      created_at: at,
      updated_at: at,
    };
    await tx.insertInto('participants').values(participant).execute();
    const screening = {
      id: screeningId,
      trial_id: trialId,
      site_id: input.siteId,
      participant_id: participantId,
      protocol_version: versionNo,
      source: input.source,
      status: outcome.status,
      screened_at: outcome.screenedAt,
      criteria: JSON.stringify(outcome.criteria),
      failure_reasons: JSON.stringify(reasons),
      recorded_at: at,
      recorded_by: actor.userId,
    };
    await tx.insertInto('screenings').values(screening).execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: input.siteId,
        action: 'screen',
        entity: 'participant',
        entityId: participantId,
        field: 'status',
        newValue: {
          status: participant.status,
          screeningNumber,
          eligibility: outcome.status,
          stratum: outcome.stratum,
          source: input.source,
          failed: reasons.map((r) => r.id),
        },
        protocolVersion: versionNo,
      },
    ]);
    return {
      screening: screeningView(
        {
          ...screening,
          criteria: JSON.parse(screening.criteria) as JsonValue,
          failure_reasons: JSON.parse(screening.failure_reasons) as JsonValue,
        },
        screeningNumber,
      ),
      participant: participantView(participant),
    };
  });
}

/** The screening log of a trial, for the sites the actor may read. */
export async function listScreenings(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  siteId?: string,
): Promise<ScreeningView[]> {
  authorize(actor, 'participant.read', trialId);
  const scope = sitesFor(actor, 'participant.read', trialId);
  const rows = await deps.db
    .selectFrom('screenings')
    .innerJoin('participants', 'participants.id', 'screenings.participant_id')
    .selectAll('screenings')
    .select('participants.screening_number')
    .where('screenings.trial_id', '=', trialId)
    .$if(siteId !== undefined, (q) => q.where('screenings.site_id', '=', siteId ?? ''))
    .$if(scope !== 'all', (q) => q.where('screenings.site_id', 'in', scope === 'all' ? [] : ['', ...scope]))
    .orderBy('screenings.recorded_at')
    .execute();
  return rows.map((r) => screeningView(r, r.screening_number));
}
