import { type Form, type Protocol, TrialError } from '@immunotrial/core';
import { type FormEntry, type JsonValue, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize } from '../auth/actor.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { type Change, recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { checkFormValues, checkInstance, type FormValue, normalizedValues } from './form-values.js';
import { accessTo, participantFor } from './participant-access.js';
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

function objectOf(v: JsonValue): Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
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
  // The most frequent write, so its reads are one query: the participant, the trial's current version and
  // whether the entry exists. The entry is locked (FOR UPDATE) only when it exists, for an edit; two
  // concurrent first saves of one entry meet on its unique key (409). (The trial is not known before that
  // read; writeTransaction's chain argument is informative only.)
  return writeTransaction(deps.db, participantId, async (tx) => {
    const found = await tx
      .selectFrom('participants')
      .innerJoin('trials', 'trials.id', 'participants.trial_id')
      .leftJoin('form_entries', (join) =>
        join
          .onRef('form_entries.participant_id', '=', 'participants.id')
          .on('form_entries.form_id', '=', formId)
          .on('form_entries.instance', '=', instance),
      )
      .selectAll('participants')
      .select(['trials.current_version', 'form_entries.id as entry_id'])
      .where('participants.id', '=', participantId)
      .executeTakeFirst();
    const { participant: p, role, unblinded } = accessTo(actor, found, participantId, 'form.write');
    const trialId = p.trial_id;
    const versionNo = found?.current_version ?? p.protocol_version;
    const loaded = await deps.protocols.get(deps.db, trialId, versionNo);
    const form = loaded.protocol.forms.find((f) => f.id === formId);
    if (form === undefined) throw new TrialError('not_found', `no form "${formId}" in ${trialId}`);
    checkInstance(form, instance);
    const outOfRange = checkFormValues(form, input.values);
    const unconfirmed = outOfRange.find((o) => !(input.confirmOutOfRange ?? []).includes(o.field));
    if (unconfirmed !== undefined) {
      throw new TrialError(
        'form.out_of_range',
        `values.${unconfirmed.field}: ${unconfirmed.text}; confirm the value to save it`,
        `values.${unconfirmed.field}`,
      );
    }
    const values = normalizedValues(form, input.values);
    if (p.status === 'screen_failed')
      throw new TrialError('state.invalid', 'forms are not kept for a screen failure');
    const hidden = p.randomization_number === null ? [] : hiddenFields(loaded.protocol, form);
    const existing =
      found?.entry_id === null || found === undefined
        ? undefined
        : await tx
            .selectFrom('form_entries')
            .selectAll()
            .where('id', '=', found.entry_id)
            .forUpdate()
            .executeTakeFirst();
    const old = existing === undefined ? {} : objectOf(existing.values);
    const changed = form.fields
      .filter((f) => JSON.stringify(old[f.id] ?? null) !== JSON.stringify(values[f.id] ?? null))
      .map((f) => f.id);
    if (existing !== undefined && changed.length === 0)
      return formEntryView(existing, unblinded ? [] : hidden);
    if (existing !== undefined && (input.reason ?? '').trim() === '') {
      throw new TrialError(
        'form.reason_required',
        'reason: a saved form can be changed only with a reason',
        'reason',
      );
    }
    const at = isoAt(deps.clock());
    const id = existing?.id ?? deps.newId();
    const row: FormEntry = {
      id,
      trial_id: trialId,
      site_id: p.site_id,
      participant_id: p.id,
      form_id: formId,
      instance,
      values,
      revision: (existing?.revision ?? 0) + 1,
      signed_by: null,
      signer_name: null,
      signed_at: null,
      created_at: existing?.created_at ?? at,
      updated_at: at,
      protocol_version: versionNo,
    };
    const stored = { ...row, values: JSON.stringify(values) };
    if (existing === undefined) await tx.insertInto('form_entries').values(stored).execute();
    else await tx.updateTable('form_entries').set(stored).where('id', '=', id).execute();
    const entity = `${formId}/${instance}`;
    const changes: Change[] = changed.map((field) => ({
      siteId: p.site_id,
      action: existing === undefined ? 'create' : 'update',
      entity: 'form_entry',
      entityId: `${p.id}/${entity}`,
      field,
      oldValue: existing === undefined ? null : (old[field] ?? null),
      newValue: values[field] ?? null,
      reason: existing === undefined ? null : (input.reason ?? null),
      protocolVersion: versionNo,
      blinded: hidden.includes(field),
    }));
    if (existing?.signed_at !== null && existing !== undefined) {
      changes.push({
        siteId: p.site_id,
        action: 'void_signature',
        entity: 'form_entry',
        entityId: `${p.id}/${entity}`,
        field: 'signature',
        oldValue: { signedBy: existing.signer_name, signedAt: existing.signed_at },
        newValue: null,
        reason: 'edited after signing',
        protocolVersion: versionNo,
      });
    }
    for (const o of outOfRange.filter((x) => changed.includes(x.field))) {
      const qid = deps.newId();
      const text = hidden.includes(o.field)
        ? `${o.field}: value outside the plausible range; please verify`
        : `${o.field}: ${o.text}; please verify`;
      await tx
        .insertInto('queries')
        .values({
          id: qid,
          trial_id: trialId,
          site_id: p.site_id,
          participant_id: p.id,
          form_entry_id: id,
          field: o.field,
          status: 'open',
          origin: 'auto',
          text,
          answer: null,
          opened_by: actor.userId,
          opened_at: at,
          answered_by: null,
          answered_at: null,
          closed_by: null,
          closed_at: null,
        })
        .execute();
      changes.push({
        siteId: p.site_id,
        action: 'open',
        entity: 'query',
        entityId: qid,
        field: o.field,
        newValue: { text, origin: 'auto' },
        protocolVersion: versionNo,
      });
    }
    await recordAudit(tx, trialId, at, actor, role, changes);
    return formEntryView(row, unblinded ? [] : hidden);
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
