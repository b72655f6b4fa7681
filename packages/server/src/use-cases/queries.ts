import { TrialError } from '@immunotrial/core';
import { type Query, writeTransaction } from '@immunotrial/db';
import { type Actor, authorize, rolesAt, sitesFor } from '../auth/actor.js';
import type { Permission } from '../auth/roles.js';
import { isoAt, type ServerDeps } from '../deps.js';
import { recordAudit } from './audit-write.js';
import { trialOf } from './enrolment.js';
import { participantFor } from './participant-access.js';

/** A data query as shown. */
export interface QueryView {
  readonly id: string;
  readonly participantId: string;
  readonly siteId: string;
  readonly formEntryId: string | null;
  readonly formId: string | null;
  readonly field: string | null;
  readonly status: string;
  readonly origin: string;
  readonly text: string;
  readonly answer: string | null;
  readonly openedAt: string;
  readonly answeredAt: string | null;
  readonly closedAt: string | null;
}

function view(q: Query, formId: string | null): QueryView {
  return {
    id: q.id,
    participantId: q.participant_id,
    siteId: q.site_id,
    formEntryId: q.form_entry_id,
    formId,
    field: q.field,
    status: q.status,
    origin: q.origin,
    text: q.text,
    answer: q.answer,
    openedAt: q.opened_at,
    answeredAt: q.answered_at,
    closedAt: q.closed_at,
  };
}

/** Opens a query on a form field (monitor, data manager). @throws `not_found`, `request.invalid`. */
export async function openQuery(
  deps: ServerDeps,
  actor: Actor,
  participantId: string,
  input: { formEntryId: string | null; field: string | null; text: string },
): Promise<QueryView> {
  if (input.text.trim() === '')
    throw new TrialError('request.invalid', 'text: say what needs checking', 'text');
  const trialId = await trialOf(deps, participantId);
  return writeTransaction(deps.db, trialId, async (tx) => {
    const { participant: p, role } = await participantFor(tx, actor, participantId, 'query.open');
    let formId: string | null = null;
    if (input.formEntryId !== null) {
      const e = await tx
        .selectFrom('form_entries')
        .select(['form_id', 'values'])
        .where('id', '=', input.formEntryId)
        .where('participant_id', '=', p.id)
        .executeTakeFirst();
      if (e === undefined)
        throw new TrialError('not_found', `no form entry "${input.formEntryId}" for this participant`);
      formId = e.form_id;
    }
    const at = isoAt(deps.clock());
    const q = openQueryRow({
      id: deps.newId(),
      trialId,
      participant: p,
      formEntryId: input.formEntryId,
      field: input.field,
      origin: 'manual',
      text: input.text,
      openedBy: actor.userId,
      at,
    });
    await tx.insertInto('queries').values(q).execute();
    await recordAudit(tx, trialId, at, actor, role, [
      {
        siteId: p.site_id,
        action: 'open',
        entity: 'query',
        entityId: q.id,
        field: input.field,
        newValue: { text: input.text, formEntryId: input.formEntryId },
        protocolVersion: p.protocol_version,
      },
    ]);
    return view(q, formId);
  });
}

async function transition(
  deps: ServerDeps,
  actor: Actor,
  queryId: string,
  permission: Permission,
  from: readonly string[],
  to: 'answered' | 'closed',
  answer?: string,
): Promise<QueryView> {
  const row = await deps.db
    .selectFrom('queries')
    .select(['trial_id', 'site_id'])
    .where('id', '=', queryId)
    .executeTakeFirst();
  if (row === undefined || rolesAt(actor, row.trial_id, row.site_id).length === 0)
    throw new TrialError('not_found', `no query "${queryId}"`);
  const role = authorize(actor, permission, row.trial_id, row.site_id);
  return writeTransaction(deps.db, row.trial_id, async (tx) => {
    const q = await tx
      .selectFrom('queries')
      .selectAll()
      .where('id', '=', queryId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!from.includes(q.status))
      throw new TrialError('state.invalid', `a ${q.status} query cannot be ${to}`);
    const at = isoAt(deps.clock());
    const update =
      to === 'answered'
        ? { status: to, answer: answer ?? '', answered_by: actor.userId, answered_at: at }
        : { status: to, closed_by: actor.userId, closed_at: at };
    await tx.updateTable('queries').set(update).where('id', '=', queryId).execute();
    const p = await tx
      .selectFrom('participants')
      .select('protocol_version')
      .where('id', '=', q.participant_id)
      .executeTakeFirstOrThrow();
    await recordAudit(tx, q.trial_id, at, actor, role, [
      {
        siteId: q.site_id,
        action: to === 'answered' ? 'answer' : 'close',
        entity: 'query',
        entityId: q.id,
        field: 'status',
        oldValue: q.status,
        newValue: to === 'answered' ? { status: to, answer: answer ?? '' } : to,
        protocolVersion: p.protocol_version,
      },
    ]);
    const e =
      q.form_entry_id === null
        ? undefined
        : await tx
            .selectFrom('form_entries')
            .select('form_id')
            .where('id', '=', q.form_entry_id)
            .executeTakeFirst();
    return view({ ...q, ...update }, e?.form_id ?? null);
  });
}

/** The site answers an open query. @throws `state.invalid` unless open, `request.invalid` for an empty answer. */
export async function answerQuery(
  deps: ServerDeps,
  actor: Actor,
  queryId: string,
  input: { answer: string },
): Promise<QueryView> {
  if (input.answer.trim() === '') throw new TrialError('request.invalid', 'answer: required', 'answer');
  return transition(deps, actor, queryId, 'query.answer', ['open'], 'answered', input.answer);
}

/** The monitor or data manager closes a query. @throws `state.invalid` when already closed. */
export async function closeQuery(deps: ServerDeps, actor: Actor, queryId: string): Promise<QueryView> {
  return transition(deps, actor, queryId, 'query.close', ['open', 'answered'], 'closed');
}

/** Queries of a trial (or one participant), for the sites the actor may read them at. */
export async function listQueries(
  deps: ServerDeps,
  actor: Actor,
  trialId: string,
  filter: { participantId?: string | undefined; status?: string | undefined } = {},
): Promise<QueryView[]> {
  authorize(actor, 'query.read', trialId);
  const scope = sitesFor(actor, 'query.read', trialId);
  const rows = await deps.db
    .selectFrom('queries')
    .leftJoin('form_entries', 'form_entries.id', 'queries.form_entry_id')
    .selectAll('queries')
    .select('form_entries.form_id')
    .where('queries.trial_id', '=', trialId)
    .$if(filter.participantId !== undefined, (q) =>
      q.where('queries.participant_id', '=', filter.participantId ?? ''),
    )
    .$if(filter.status !== undefined, (q) => q.where('queries.status', '=', filter.status ?? ''))
    .orderBy('queries.opened_at')
    .execute();
  return rows
    .filter((r) => scope === 'all' || scope.includes(r.site_id))
    .map(({ form_id, ...q }) => view(q, form_id));
}

/** A query as first written (open, unanswered), by a person (`manual`) or by a range check (`auto`). */
export function openQueryRow(q: {
  id: string;
  trialId: string;
  participant: { id: string; site_id: string };
  formEntryId: string | null;
  field: string | null;
  origin: 'manual' | 'auto';
  text: string;
  openedBy: string;
  at: string;
}): Query {
  return {
    id: q.id,
    trial_id: q.trialId,
    site_id: q.participant.site_id,
    participant_id: q.participant.id,
    form_entry_id: q.formEntryId,
    field: q.field,
    status: 'open',
    origin: q.origin,
    text: q.text,
    answer: null,
    opened_by: q.openedBy,
    opened_at: q.at,
    answered_by: null,
    answered_at: null,
    closed_by: null,
    closed_at: null,
  };
}
