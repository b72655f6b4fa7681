import { type Form, type Protocol, TrialError } from '@immunotrial/core';
import { type FormEntry, type JsonValue, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { type FormValue, objectOf } from './form-values.js';
import { participantFor } from './participant-access.js';
import { planFormSave, readForSave, writeFormSaveAtOnce, writeFormSaveInTransaction } from './form-save.js';
import { checkSignaturePassword } from './sessions.js';
import { currentProtocol } from './trials.js';

/** A saved form as shown; `masked` lists fields hidden from a blinded role (their value shows as null). */
export interface FormEntryView {
  readonly id: string;
  readonly formId: string;
  readonly instance: string;
  readonly values: Record<string, JsonValue>;
  readonly masked: string[];
  readonly revision: number;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  readonly updatedAt: string;
  readonly protocolVersion: number;
}

/** Fields of a form whose variable the protocol hides after randomization (`blinding.hidden_variables`). */
export function hiddenFields(protocol: Protocol, form: Form): string[] {
  const hidden = new Set(protocol.blinding.hidden_variables.map((h) => h.variable));
  return form.fields.filter((f) => f.variable !== undefined && hidden.has(f.variable)).map((f) => f.id);
}

/** The presenter: masks hidden fields of a randomized participant for a blinded role. */
export function formEntryView(e: FormEntry, mask: readonly string[]): FormEntryView {
  const values = objectOf(e.values);
  const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, mask.includes(k) ? null : v]));
  return {
    id: e.id,
    formId: e.form_id,
    instance: e.instance,
    values: shown,
    masked: mask.filter((k) => k in values),
    revision: e.revision,
    signedBy: e.signer_name,
    signedAt: e.signed_at,
    updatedAt: e.updated_at,
    protocolVersion: e.protocol_version,
  };
}

/** The forms of the trial's current protocol. */
export async function formDefinitions(deps: ServerDeps, actor: Actor, trialId: string): Promise<Form[]> {
  authorize(actor, 'trial.read', trialId);
  return [...(await currentProtocol(deps, trialId)).loaded.protocol.forms];
}

/** The saved forms of a participant. */
export async function listForms(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
): Promise<FormEntryView[]> {
  const { participant: p, unblinded } = await participantFor(deps.db, actor, participantId, 'form.read');
  const { loaded } = await currentProtocol(deps, p.trial_id);
  const rows = await deps.db
    .selectFrom('form_entries')
    .selectAll()
    .where('participant_id', '=', p.id)
    .orderBy('form_id')
    .orderBy('instance')
    .execute();
  return rows.map((e) => {
    const form = loaded.protocol.forms.find((f) => f.id === e.form_id);
    const mask =
      !unblinded && p.randomization_number !== null && form !== undefined
        ? hiddenFields(loaded.protocol, form)
        : [];
    return formEntryView(e, mask);
  });
}

/**
 * Saves a form: values checked against the protocol's definition; a value out of its plausible range is
 * refused unless its field is listed in `confirmOutOfRange`, and then raises a query; an edit of a saved
 * form needs a reason and voids its signature. One audit event per changed field (old, new, reason);
 * events of fields the protocol hides after randomization are blinded.
 * @throws TrialError `form.invalid`, `form.out_of_range` (both 400, naming the field), `form.reason_required`,
 *   `not_found` (unknown form), `state.invalid` (screen failure).
 */
export async function saveForm(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  formId: string,
  instance: string,
  input: {
    values: Readonly<Record<string, FormValue>>;
    reason?: string | undefined;
    confirmOutOfRange?: readonly string[] | undefined;
  },
): Promise<FormEntryView> {
  // The most frequent write. Fast path: one read, then one statement that writes the entry, its queries
  // and its audit events with guards (form-save.ts), so the trial's chain head is never locked across a
  // round trip. If a guard fails (the participant or the entry changed since the read), the save is
  // decided again in a transaction that locks the entry, as every other write does.
  const ids = { participantId, formId, instance };
  const fast = await planFormSave(
    deps,
    actor,
    ids,
    input,
    await readForSave(deps.db, participantId, formId, instance, false),
    hiddenFields,
  );
  if (fast.kind === 'unchanged') return formEntryView(fast.entry, fast.mask);
  if (await writeFormSaveAtOnce(deps.db, actor, fast)) return formEntryView(fast.row, fast.mask);
  // The trial is not known before the read; writeTransaction's chain argument is informative only.
  return writeTransaction(deps.db, participantId, async (tx) => {
    const plan = await planFormSave(
      deps,
      actor,
      ids,
      input,
      await readForSave(tx, participantId, formId, instance, true),
      hiddenFields,
    );
    if (plan.kind === 'unchanged') return formEntryView(plan.entry, plan.mask);
    await writeFormSaveInTransaction(tx, actor, plan);
    return formEntryView(plan.row, plan.mask);
  });
}

/**
 * Signs a saved form (investigator; password re-entry, 21 CFR 11.50 name, time, meaning). A later edit
 * voids the signature.
 * @throws TrialError `signature.invalid`, `not_found` (nothing saved).
 */
export async function signForm(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  formId: string,
  instance: string,
  input: { password: string; meaning: string },
): Promise<FormEntryView> {
  const trialId = await trialOf(deps, participantId);
  await participantFor(deps.db, actor, participantId, 'form.sign');
  await checkSignaturePassword(deps, actor, input.password);
  const { loaded } = await currentProtocol(deps, trialId);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const {
      participant: p,
      role,
      unblinded,
    } = await participantFor(tx, actor, participantId, 'form.sign', true);
    const e = await tx
      .selectFrom('form_entries')
      .selectAll()
      .where('participant_id', '=', p.id)
      .where('form_id', '=', formId)
      .where('instance', '=', instance)
      .forUpdate()
      .executeTakeFirst();
    if (e === undefined) throw new TrialError('not_found', `no saved form ${formId}/${instance}`);
    const at = isoAt(deps.clock());
    await tx
      .updateTable('form_entries')
      .set({ signed_by: actor.userId, signer_name: actor.fullName, signed_at: at })
      .where('id', '=', e.id)
      .execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'sign',
        entity: 'form_entry',
        entityId: `${p.id}/${formId}/${instance}`,
        field: 'signature',
        newValue: { signerName: actor.fullName, signedAt: at, meaning: input.meaning, revision: e.revision },
        protocolVersion: e.protocol_version,
      },
    ]);
    const form = loaded.protocol.forms.find((f) => f.id === formId);
    const mask =
      !unblinded && p.randomization_number !== null && form !== undefined
        ? hiddenFields(loaded.protocol, form)
        : [];
    return formEntryView({ ...e, signed_by: actor.userId, signer_name: actor.fullName, signed_at: at }, mask);
  });
}
