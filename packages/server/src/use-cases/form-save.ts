import { type Form, type LoadedProtocol, TrialError } from '@immunotrial/core';
import {
  AUDIT_HEAD_CTE,
  appendedEvents,
  auditAppendStatement,
  type Database,
  type FormEntry,
  type Participant,
  preparedQuery,
  type Query,
  type Tx,
} from '@immunotrial/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { auditEntries, type Change, recordAudit } from './audit-write.js';
import { checkFormValues, checkInstance, type FormValue, normalizedValues, objectOf } from './form-values.js';
import { accessTo } from './participant-access.js';
import { openQueryRow } from './queries.js';

/** What a form save starts from: the participant, the trial's current version and the entry if saved. */
export interface FormSaveRead {
  readonly participant: Participant | undefined;
  readonly currentVersion: number | undefined;
  readonly existing: FormEntry | undefined;
}

const READ_FOR_SAVE = preparedQuery(3, (db, participantId: string, formId: string, instance: string) =>
  db
    .selectFrom('participants')
    .innerJoin('trials', 'trials.id', 'participants.trial_id')
    .leftJoin('form_entries', (join) =>
      join
        .onRef('form_entries.participant_id', '=', 'participants.id')
        .on('form_entries.form_id', '=', formId)
        .on('form_entries.instance', '=', instance),
    )
    .selectAll('participants')
    .select([
      'trials.current_version',
      'form_entries.id as fe_id',
      'form_entries.values as fe_values',
      'form_entries.revision as fe_revision',
      'form_entries.signed_by as fe_signed_by',
      'form_entries.signer_name as fe_signer_name',
      'form_entries.signed_at as fe_signed_at',
      'form_entries.created_at as fe_created_at',
      'form_entries.updated_at as fe_updated_at',
      'form_entries.protocol_version as fe_protocol_version',
    ])
    .where('participants.id', '=', participantId),
);

const ENTRY_FOR_UPDATE = preparedQuery(1, (db, id: string) =>
  db.selectFrom('form_entries').selectAll().where('id', '=', id).forUpdate(),
);

/**
 * One query: the participant, the trial's current version and the saved entry. With `lockEntry` (inside
 * a transaction) the entry, when saved, is read again FOR UPDATE (the nullable side of a join cannot be
 * locked).
 */
export async function readForSave(
  db: Kysely<Database> | Tx,
  participantId: string,
  formId: string,
  instance: string,
  lockEntry: boolean,
): Promise<FormSaveRead> {
  const [found] = await READ_FOR_SAVE.execute(db, [participantId, formId, instance]);
  if (found === undefined) return { participant: undefined, currentVersion: undefined, existing: undefined };
  const {
    current_version,
    fe_id,
    fe_values,
    fe_revision,
    fe_signed_by,
    fe_signer_name,
    fe_signed_at,
    fe_created_at,
    fe_updated_at,
    fe_protocol_version,
    ...participant
  } = found;
  let existing: FormEntry | undefined =
    fe_id === null || fe_revision === null || fe_created_at === null || fe_updated_at === null
      ? undefined
      : {
          id: fe_id,
          trial_id: participant.trial_id,
          site_id: participant.site_id,
          participant_id: participant.id,
          form_id: formId,
          instance,
          values: fe_values ?? {},
          revision: fe_revision,
          signed_by: fe_signed_by,
          signer_name: fe_signer_name,
          signed_at: fe_signed_at,
          created_at: fe_created_at,
          updated_at: fe_updated_at,
          protocol_version: fe_protocol_version ?? participant.protocol_version,
        };
  if (lockEntry && existing !== undefined) {
    [existing] = await ENTRY_FOR_UPDATE.execute(db, [existing.id]);
  }
  return { participant, currentVersion: current_version, existing };
}

/** A save that changes nothing: the stored entry as shown. */
interface Unchanged {
  readonly kind: 'unchanged';
  readonly entry: FormEntry;
  readonly mask: readonly string[];
}

/** Everything a save writes, decided from what was read. */
export interface FormSavePlan {
  readonly kind: 'write';
  readonly participant: Participant;
  readonly role: Role;
  readonly existing: FormEntry | undefined;
  readonly row: FormEntry;
  readonly queries: readonly Query[];
  readonly changes: readonly Change[];
  readonly at: string;
  readonly mask: readonly string[];
}

/**
 * Checks the save against the protocol's form and the entry as read, and decides the row, the automatic
 * queries and the audit events.
 * @throws TrialError as `saveForm` documents.
 */
export async function planFormSave(
  deps: ServerDeps,
  actor: Actor,
  ids: { participantId: string; formId: string; instance: string },
  input: {
    values: Readonly<Record<string, FormValue>>;
    reason?: string | undefined;
    confirmOutOfRange?: readonly string[] | undefined;
  },
  read: FormSaveRead,
  hiddenFieldsOf: (protocol: LoadedProtocol['protocol'], form: Form) => string[],
): Promise<FormSavePlan | Unchanged> {
  const { formId, instance } = ids;
  const {
    participant: p,
    role,
    unblinded,
  } = accessTo(actor, read.participant, ids.participantId, 'form.write');
  const trialId = p.trial_id;
  const versionNo = read.currentVersion ?? p.protocol_version;
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
  const hidden = p.randomization_number === null ? [] : hiddenFieldsOf(loaded.protocol, form);
  const mask = unblinded ? [] : hidden;
  const existing = read.existing;
  const old = existing === undefined ? {} : objectOf(existing.values);
  const changed = form.fields
    .filter((f) => JSON.stringify(old[f.id] ?? null) !== JSON.stringify(values[f.id] ?? null))
    .map((f) => f.id);
  if (existing !== undefined && changed.length === 0) return { kind: 'unchanged', entry: existing, mask };
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
  const entityId = `${p.id}/${formId}/${instance}`;
  const changes: Change[] = changed.map((field) => ({
    siteId: p.site_id,
    action: existing === undefined ? 'create' : 'update',
    entity: 'form_entry',
    entityId,
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
      entityId,
      field: 'signature',
      oldValue: { signedBy: existing.signer_name, signedAt: existing.signed_at },
      newValue: null,
      reason: 'edited after signing',
      protocolVersion: versionNo,
    });
  }
  const queries: Query[] = [];
  for (const o of outOfRange.filter((x) => changed.includes(x.field))) {
    const text = hidden.includes(o.field)
      ? `${o.field}: value outside the plausible range; please verify`
      : `${o.field}: ${o.text}; please verify`;
    const query = openQueryRow({
      id: deps.newId(),
      trialId,
      participant: p,
      formEntryId: id,
      field: o.field,
      origin: 'auto',
      text,
      openedBy: actor.userId,
      at,
    });
    queries.push(query);
    changes.push({
      siteId: p.site_id,
      action: 'open',
      entity: 'query',
      entityId: query.id,
      field: o.field,
      newValue: { text, origin: 'auto' },
      protocolVersion: versionNo,
    });
  }
  return { kind: 'write', participant: p, role, existing, row, queries, changes, at, mask };
}

/** Writes a plan inside a transaction that read (and locked) what it decided from. */
export async function writeFormSaveInTransaction(tx: Tx, actor: Actor, plan: FormSavePlan): Promise<void> {
  const stored = { ...plan.row, values: JSON.stringify(plan.row.values) };
  if (plan.existing === undefined) await tx.insertInto('form_entries').values(stored).execute();
  else await tx.updateTable('form_entries').set(stored).where('id', '=', plan.row.id).execute();
  if (plan.queries.length > 0)
    await tx
      .insertInto('queries')
      .values([...plan.queries])
      .execute();
  await recordAudit(tx, plan.row.trial_id, plan.at, actor, plan.role, plan.changes);
}

const text = (v: string | null): RawBuilder<unknown> => sql`${v}::text`;

/**
 * Writes a plan as one statement, outside any transaction: the entry, its queries and its audit events
 * commit together or not at all, and the trial's chain head is locked only while PostgreSQL runs the
 * statement and flushes it. Guards make it write nothing if what the plan was decided from changed since
 * the read (the participant's status or randomization, the entry's revision or signature) or if a
 * concurrent first save created the entry (unique key: 409).
 * @returns false when nothing was written (a guard failed, or the chain has no head yet): the caller
 *   redoes the save in a locked transaction.
 */
export async function writeFormSaveAtOnce(
  db: Kysely<Database>,
  actor: Actor,
  plan: FormSavePlan,
): Promise<boolean> {
  const { row, participant: p, existing } = plan;
  // Nothing to chain (a new entry with every value empty): the transaction handles it.
  if (plan.changes.length === 0) return false;
  const head = sql.ref(AUDIT_HEAD_CTE);
  const headIf = sql`exists (select 1 from participants where id = ${p.id}::text
    and status = ${p.status}::text and randomization_number is not distinct from ${p.randomization_number}::integer)`;
  const entry =
    existing === undefined
      ? sql`form_entry as (insert into form_entries (id, trial_id, site_id, participant_id, form_id, instance,
          values, revision, signed_by, signer_name, signed_at, created_at, updated_at, protocol_version)
          select ${text(row.id)}, ${text(row.trial_id)}, ${text(row.site_id)}, ${text(row.participant_id)},
          ${text(row.form_id)}, ${text(row.instance)}, ${JSON.stringify(row.values)}::jsonb, ${row.revision}::integer,
          null, null, null, ${text(row.created_at)}, ${text(row.updated_at)}, ${row.protocol_version}::integer
          where exists (select 1 from ${head}) returning id)`
      : sql`form_entry as (update form_entries set values = ${JSON.stringify(row.values)}::jsonb,
          revision = ${row.revision}::integer, signed_by = null, signer_name = null, signed_at = null,
          updated_at = ${text(row.updated_at)}, protocol_version = ${row.protocol_version}::integer
          where id = ${text(row.id)} and revision = ${existing.revision}::integer
          and signed_at is not distinct from ${text(existing.signed_at)}
          and exists (select 1 from ${head}) returning id)`;
  const writes = [entry];
  if (plan.queries.length > 0) {
    const selects = plan.queries.map(
      (q) => sql`select ${text(q.id)}, ${text(q.trial_id)}, ${text(q.site_id)}, ${text(q.participant_id)},
        ${text(q.form_entry_id)}, ${text(q.field)}, ${text(q.status)}, ${text(q.origin)}, ${text(q.text)},
        ${text(q.opened_by)}, ${text(q.opened_at)} from form_entry`,
    );
    writes.push(sql`form_queries as (insert into queries (id, trial_id, site_id, participant_id, form_entry_id,
      field, status, origin, text, opened_by, opened_at) ${sql.join(selects, sql` union all `)})`);
  }
  const append = auditAppendStatement(row.trial_id, plan.at, auditEntries(actor, plan.role, plan.changes), {
    headIf,
    writes,
    eventsIf: 'form_entry',
  });
  const { rows } = await append.statement.execute(db);
  return appendedEvents(append, rows) !== undefined;
}
