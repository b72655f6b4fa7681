import { type Kleene, overallStatus, TrialError } from '@immunotrial/core';
import { type JsonValue, writeTransaction } from '@immunotrial/db';
import type { Actor } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { type Change, recordAudit } from './audit-write.js';
import { participantFor } from './participant-access.js';
import { participantView, type ParticipantView } from './participant-view.js';
import type { StoredCriterion } from './screening.js';
import { checkSignaturePassword } from './sessions.js';

/** Who gave consent. */
export const CONSENT_GIVERS = ['patient', 'relative', 'legal_representative'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/**
 * Records informed consent for a screened participant (status -> consented).
 * @param consentDate - `YYYY-MM-DD`, not after today (UTC, with a day's leeway for zones east of UTC).
 * @throws TrialError `state.invalid` (409) unless the participant is `screened`; `request.invalid` for a future date.
 */
export async function recordConsent(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { givenBy: ConsentGiver; consentDate: string },
): Promise<ParticipantView> {
  const latest = isoAt(deps.clock() + 86_400_000).slice(0, 10);
  if (input.consentDate > latest)
    throw new TrialError(
      'request.invalid',
      `consentDate: ${input.consentDate} is in the future`,
      'consentDate',
    );
  return writeTransaction(deps.db, await trialOf(deps, participantId), async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'consent.write', true);
    if (p.status !== 'screened') {
      throw new TrialError(
        'state.invalid',
        `consent can be recorded for a screened participant; this one is ${p.status}`,
      );
    }
    const at = isoAt(deps.clock());
    const { current_version: version } = await tx
      .selectFrom('trials')
      .select('current_version')
      .where('id', '=', p.trial_id)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('consents')
      .values({
        id: deps.newId(),
        trial_id: p.trial_id,
        participant_id: p.id,
        given_by: input.givenBy,
        consent_date: input.consentDate,
        protocol_version: version,
        recorded_by: actor.userId,
        recorded_at: at,
      })
      .execute();
    await tx
      .updateTable('participants')
      .set({ status: 'consented', updated_at: at })
      .where('id', '=', p.id)
      .execute();
    await recordAudit(tx, p.trial_id, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'consent',
        entity: 'participant',
        entityId: p.id,
        field: 'consent',
        newValue: { givenBy: input.givenBy, consentDate: input.consentDate },
        protocolVersion: version,
      },
      {
        siteId: p.site_id,
        action: 'update',
        entity: 'participant',
        entityId: p.id,
        field: 'status',
        oldValue: p.status,
        newValue: 'consented',
        protocolVersion: version,
      },
    ]);
    return participantView({ ...p, status: 'consented', updated_at: at });
  });
}

/** The trial of a participant (for the transaction's lock key); `not_found` handled by participantFor. */
export async function trialOf(deps: ServerDeps, participantId: string): Promise<string> {
  const row = await deps.db
    .selectFrom('participants')
    .select('trial_id')
    .where('id', '=', participantId)
    .executeTakeFirst();
  if (row === undefined) throw new TrialError('not_found', `no participant "${participantId}"`);
  return row.trial_id;
}

/** The signed eligibility confirmation. */
export interface EligibilityConfirmation {
  readonly eligible: boolean;
  readonly signerName: string;
  readonly signedAt: string;
  readonly meaning: string;
  readonly answers: Record<string, boolean>;
  readonly failing: string[];
}

/**
 * The investigator confirms eligibility: answers every attestation criterion (true = the statement holds:
 * an inclusion is met, an exclusion applies) and may answer others, overriding the screening's result;
 * then signs by re-entering the password. The signature records the signer's printed name, the time and
 * the meaning (21 CFR 11.50). Not eligible -> the participant becomes `screen_failed`.
 * @throws TrialError `signature.invalid` (wrong password), `state.invalid` unless consented,
 *   `request.invalid` naming an unanswered attestation criterion or an unknown criterion.
 */
export async function confirmEligibility(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { answers: Readonly<Record<string, boolean>>; password: string; meaning: string },
): Promise<EligibilityConfirmation> {
  const trialId = await trialOf(deps, participantId);
  await participantFor(deps.db, actor, participantId, 'eligibility.sign');
  await checkSignaturePassword(deps, actor, input.password);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'eligibility.sign', true);
    if (p.status !== 'consented')
      throw new TrialError(
        'state.invalid',
        `eligibility is confirmed after consent; this participant is ${p.status}`,
      );
    const loaded = await deps.protocols.get(tx, p.trial_id, p.protocol_version);
    const { inclusion, exclusion } = loaded.protocol.eligibility;
    const all = [...inclusion, ...exclusion];
    for (const id of Object.keys(input.answers)) {
      if (!all.some((c) => c.id === id))
        throw new TrialError('request.invalid', `answers.${id}: no criterion ${id}`, `answers.${id}`);
    }
    for (const c of all) {
      if (c.attestation === true && input.answers[c.id] === undefined) {
        throw new TrialError(
          'request.invalid',
          `answers.${c.id}: the investigator must answer "${c.text}"`,
          `answers.${c.id}`,
        );
      }
    }
    const screening = await tx
      .selectFrom('screenings')
      .select('criteria')
      .where('participant_id', '=', p.id)
      .orderBy('recorded_at', 'desc')
      .executeTakeFirstOrThrow();
    const stored = (Array.isArray(screening.criteria)
      ? screening.criteria
      : []) as unknown as StoredCriterion[];
    const final = all.map((c) => {
      const kind = inclusion.includes(c) ? ('inclusion' as const) : ('exclusion' as const);
      const answer = input.answers[c.id];
      const result: Kleene =
        answer === undefined
          ? (stored.find((s) => s.id === c.id)?.result ?? 'unknown')
          : answer
            ? 'met'
            : 'not_met';
      return {
        id: c.id,
        kind,
        result,
        reason: '',
        evidence: [],
        decidedBy: 'attestation' as const,
        text: c.text,
      };
    });
    const eligible = overallStatus(final) === 'eligible';
    const failing = final
      .filter(
        (c) =>
          (c.kind === 'inclusion' && c.result !== 'met') ||
          (c.kind === 'exclusion' && c.result !== 'not_met'),
      )
      .map((c) => c.id);
    const at = isoAt(deps.clock());
    const answers: JsonValue = { ...input.answers };
    await tx
      .insertInto('eligibility_confirmations')
      .values({
        id: deps.newId(),
        trial_id: p.trial_id,
        participant_id: p.id,
        answers: JSON.stringify(answers),
        eligible,
        signed_by: actor.userId,
        signer_name: actor.fullName,
        meaning: input.meaning,
        signed_at: at,
        protocol_version: p.protocol_version,
      })
      .execute();
    const changes: Change[] = [
      {
        siteId: p.site_id,
        action: 'sign',
        entity: 'eligibility',
        entityId: p.id,
        field: 'eligible',
        newValue: { eligible, answers, meaning: input.meaning, signerName: actor.fullName, failing },
        protocolVersion: p.protocol_version,
      },
    ];
    if (!eligible) {
      await tx
        .updateTable('participants')
        .set({ status: 'screen_failed', status_reason: failing.join(', '), updated_at: at })
        .where('id', '=', p.id)
        .execute();
      changes.push({
        siteId: p.site_id,
        action: 'update',
        entity: 'participant',
        entityId: p.id,
        field: 'status',
        newValue: { eligible: false, failing },
        protocolVersion: p.protocol_version,
      });
    }
    await recordAudit(tx, p.trial_id, at, actor, role, changes);
    return {
      eligible,
      signerName: actor.fullName,
      signedAt: at,
      meaning: input.meaning,
      answers: input.answers,
      failing,
    };
  });
}
